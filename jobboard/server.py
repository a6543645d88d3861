"""`jobboard serve`: run create_app() under gunicorn, the production WSGI server."""

from __future__ import annotations

import contextlib
import gc
import threading
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
        if app.config.get("MODE") == "cluster":
            from jobboard.cluster.agent import warm_staged

            threading.Thread(target=warm_staged, name="warm-staged", daemon=True,
                             args=(index, Path(app.config["INDEX_DIR"]), threading.Event())
                             ).start()
        else:
            # HR's and the webhook's reindexes fork from a process that has imported
            # everything, started now rather than at the first save.
            jobs.prepare()
        return app


THREADS = 4  # per worker: requests reach them whole (jobboard/worker.py), so few suffice


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


def options(host: str, port: int, workers: int, proxies: int = 0) -> dict:
    """gunicorn settings: bind address, worker processes and threads, access log on stdout."""
    logged = {}
    if proxies:  # behind a balancer the peer is the balancer: log the forwarded client too
        logged = {"access_log_format": '%(h)s fwd=%({x-forwarded-for}i)s %(l)s %(u)s %(t)s '
                                       '"%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'}
    return {**logged, "bind": f"{host}:{port}", "workers": workers, "accesslog": "-",
            "proc_name": "jobboard", "timeout": 60,
            "worker_class": "jobboard.worker.BufferingWorker", "threads": THREADS,
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


def agent_hook(settings: dict):
    """gunicorn's when_ready hook of a cluster node: the agent thread in the master."""
    def start_agent(arbiter) -> None:
        from jobboard.cluster.agent import Agent

        agent = Agent(settings, Path(settings["INDEX_DIR"]), lambda: list(arbiter.WORKERS),
                      log=arbiter.log.info)
        # What workers import at boot, imported here once: with the agent's own first imports
        # (Agent.prepare) done before its thread starts, no fork catches a thread mid-import.
        from jobboard import create_app  # noqa: F401
        from jobboard.cluster.agent import warm_staged  # noqa: F401
        from jobboard.search import engine  # noqa: F401

        agent.prepare()
        threading.Thread(target=agent.run, args=(threading.Event(),), name="node-agent",
                         daemon=True).start()
    return start_agent


def serve(settings: dict, host: str = "127.0.0.1", port: int = 8000, workers: int = 2) -> None:
    """Serve until interrupted (a cluster node also follows the published generation)."""
    from jobboard import config

    environment = config.from_environment()
    gunicorn = options(host, port, workers, int(environment.get("TRUSTED_PROXIES") or 0))
    if config.clustered(environment):
        gunicorn["when_ready"] = agent_hook({**environment, **settings})
    Server(settings, gunicorn).run()
