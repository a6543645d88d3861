"""`jobboard serve`: run create_app() under gunicorn, the production WSGI server."""

from __future__ import annotations

import contextlib
import gc
from pathlib import Path

from gunicorn.app.base import BaseApplication

from jobboard.search.store import Generation


class Server(BaseApplication):
    """gunicorn with our settings; each worker builds its own app (and its own SearchIndex)."""

    def __init__(self, settings: dict, options: dict):
        self.settings = settings
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self):
        from jobboard import create_app
        from jobboard.hr import jobs
        from jobboard.search.engine import IndexMissing

        app = create_app(self.settings)
        index = app.extensions["search_index"]
        index.opening = collector_policy
        index.background = True  # a new generation is warmed off the request path
        # Each worker opens the index before its first request, not during it; when there is
        # no index yet, healthz and the search page say so.
        with contextlib.suppress(IndexMissing):
            index.warm()
        # HR's and the webhook's reindexes fork from a process that has imported everything,
        # started now rather than at the first save.
        jobs.prepare()
        return app


@contextlib.contextmanager
def collector_policy():
    """The worker's garbage collector around opening a generation (`SearchIndex.opening`).

    No collection while a generation's catalogue is built: its 100,000s of new objects would
    set off full collections over a growing heap (a quarter of the opening time at 100,000
    postings). Then what the process holds is collected once and frozen (gc.freeze): those
    long-lived objects are out of every later full collection's sight (a phrase read for the
    first time at 100,000 postings spent half its time there). Frozen objects are still freed
    by reference counting; cycles among them (the old generation's) are collected here at the
    next generation, after unfreezing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def options(host: str, port: int, workers: int) -> dict:
    """gunicorn settings: bind address, worker processes, access log on stdout."""
    return {"bind": f"{host}:{port}", "workers": workers, "accesslog": "-",
            "proc_name": "jobboard", "timeout": 60,
            # no runtime-management socket in $HOME: two boards on one machine would share it
            "control_socket_disable": True}


def index_problem(index_dir: Path) -> str | None:
    """Why the index must be (re)built before serving: "missing", "incomplete", "outdated" or
    None (`store.Generation.problem`).

    An index built by code that analyses or stores documents differently (another build
    fingerprint) cannot be searched by this code.
    """
    live = Generation.live(index_dir)
    return "missing" if live is None else live.problem()


def serve(settings: dict, host: str = "127.0.0.1", port: int = 8000, workers: int = 2) -> None:
    """Serve until interrupted."""
    Server(settings, options(host, port, workers)).run()
