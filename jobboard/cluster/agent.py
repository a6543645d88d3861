"""The node agent, a thread in `jobboard serve`'s master: keep the node on the pointer.

    LISTEN jobboard_generations, and read the pointer every POLL_S anyway (a NOTIFY sent
    while the connection was down is lost) -> fetch the generation into a temporary folder,
    verify it against its manifest, rename -> stage it: every worker opens and warms it
    (search.engine.SearchIndex.prepare) -> swap `live` -> prune.

PostgreSQL or the indexer unreachable: the node keeps serving what it has and tries again;
public pages never need either. What the node last learnt is in STATE_FILE, for /healthz.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
from sqlalchemy.exc import SQLAlchemyError

from jobboard.cluster import publish, queue, retention
from jobboard.cluster.models import GENERATIONS_CHANNEL
from jobboard.cluster.transfer import TransferError, fetch, number_of
from jobboard.hr.db import Database, database_url
from jobboard.search import store

POLL_S = 2.0
WARM_LIMIT_S = 60  # a worker that cannot warm in this long is swapped anyway (it opens lazily)
STATE_FILE = "cluster.json"  # in the index folder: the pointer as this node last saw it
STAGED = "staged"  # symlink in the index folder: the generation workers should warm now
WARMED = ".warmed"  # folder: one file per worker pid naming the generation it has warmed


def read_state(index_dir: Path) -> dict:
    try:
        return json.loads((Path(index_dir) / STATE_FILE).read_text())
    except (OSError, ValueError):
        return {}


def _write_json(path: Path, data: dict) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps(data))
    os.replace(temporary, path)


def _point(index_dir: Path, name: str, generation: Path) -> None:
    temporary = index_dir / f".{name}-{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(generation.relative_to(index_dir))
    os.replace(temporary, index_dir / name)


def staged_path(index_dir: Path) -> Path | None:
    link = Path(index_dir) / STAGED
    if not link.is_symlink():
        return None
    target = (link.parent / os.readlink(link)).resolve()
    return target if target.is_dir() else None


def report_warmed(index_dir: Path, generation: Path) -> None:
    """A worker says it has generation open and warm."""
    folder = Path(index_dir) / WARMED
    folder.mkdir(exist_ok=True)
    _write_json(folder / str(os.getpid()), {"generation": generation.name})


def _warmed_by(index_dir: Path, pid: int) -> str | None:
    try:
        return json.loads((Path(index_dir) / WARMED / str(pid)).read_text())["generation"]
    except (OSError, ValueError, KeyError):
        return None


class Agent:
    """Follows the pointer for one node's index folder."""

    def __init__(self, settings: dict, index_dir: Path, workers: Callable[[], list[int]],
                 *, poll_s: float = POLL_S, warm_limit_s: float = WARM_LIMIT_S, log=print):
        self.url = database_url(settings)
        # Its own engine, not the process registry's: workers forked from this master must
        # never inherit (and share) its connections.
        self.db = Database(self.url)
        self.index_dir, self.workers = Path(index_dir), workers
        self.retention = retention(settings)
        self.index_dir.mkdir(parents=True, exist_ok=True)
        self.poll_s, self.warm_limit_s, self.log = poll_s, warm_limit_s, log
        self.connection: psycopg.Connection | None = None
        self.last_error: str | None = None

    def prepare(self) -> None:
        """Do now, in the master and before gunicorn forks a worker, what the agent's thread
        would otherwise do for the first time while workers fork: import the analysis code
        (the fingerprint) and the database driver's modules. A worker forked while another
        thread is importing a module inherits that module's lock, held by no thread of its
        own, and hangs at its first import of it (an empty node's first fetch raced its
        worker's boot: the worker never answered)."""
        publish.fingerprint()
        try:
            with self.db.session() as session:
                publish.current(session)
            self._listen()
        except (psycopg.Error, SQLAlchemyError, OSError):
            pass  # the thread reports it at its first step
        finally:
            self.close()  # no connection of the master's for a worker to inherit

    def step(self) -> bool:
        """Read the pointer; bring the node to it. True when the node changed generation."""
        with self.db.session() as session:
            queue.reconcile(session)  # a dead indexer's run is failed within one poll
            generation = publish.current(session)
            if generation is not None:
                session.expunge(generation)
        if generation is None:
            return False
        state = {"published": generation.number,
                 "published_at": generation.published_at.timestamp(), "seen_at": time.time()}
        _write_json(self.index_dir / STATE_FILE, state)
        if number_of(store.live_path(self.index_dir)) == generation.number:
            return False
        if not publish.openable(generation.fingerprint):
            raise TransferError(f"generation {generation.number} was built by other code "
                                f"({generation.fingerprint}); this node runs "
                                f"{publish.fingerprint()}: it keeps serving what it has")
        started = time.monotonic()
        path, counts = fetch(generation, self.index_dir)
        fetched = time.monotonic()
        self._warm(path)
        store.swap(self.index_dir, path)
        store.prune(self.index_dir, self.retention)
        self.log(f"node: generation {generation.number} live, "
                 f"{round(time.time() - state['published_at'], 3)} s after its publication "
                 f"(fetch {fetched - started:.3f} s: {counts['downloaded']} files, "
                 f"{counts['bytes']} bytes, {counts['linked']} linked; "
                 f"warm {time.monotonic() - fetched:.3f} s)")
        return True

    def _warm(self, path: Path) -> None:
        """Stage path and wait until every worker has it open and warm (or WARM_LIMIT_S)."""
        _point(self.index_dir, STAGED, path)
        deadline = time.monotonic() + self.warm_limit_s
        while time.monotonic() < deadline:
            if all(_warmed_by(self.index_dir, pid) == path.name for pid in self.workers()):
                return
            time.sleep(0.05)
        self.log(f"node: workers did not warm {path.name} within {self.warm_limit_s} s; "
                 "swapping anyway")

    def _listen(self) -> psycopg.Connection:
        if self.connection is None or self.connection.closed:
            self.connection = psycopg.connect(queue.libpq_url(self.url), autocommit=True,
                                              connect_timeout=3)
            self.connection.execute(f"LISTEN {GENERATIONS_CHANNEL}")
        return self.connection

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
        self.db.dispose()

    def run(self, stop: threading.Event) -> None:
        """Until stopped: step, then wait for a NOTIFY or the next poll."""
        for leftover in (self.index_dir / "generations").glob(".incoming-*"):  # crashed fetches
            shutil.rmtree(leftover, ignore_errors=True)
        while not stop.is_set():
            try:
                self.step()
                connection = self._listen()
                for _ in connection.notifies(timeout=self.poll_s, stop_after=1):
                    pass
                self.last_error = None
            except (psycopg.Error, SQLAlchemyError, OSError, TransferError) as error:
                message = f"{type(error).__name__}: {error}"
                if message != self.last_error:  # once per distinct problem, not every poll
                    self.log(f"node: {message}; still serving what it has")
                self.last_error = message
                if self.connection is not None:
                    self.connection.close()
                    self.connection = None
                stop.wait(self.poll_s)


def warm_staged(search_index, index_dir: Path, stop: threading.Event,
                every_s: float = 0.1) -> None:
    """A worker's thread: open and warm each staged generation before live points at it."""
    done = None
    while not stop.wait(every_s):
        path = staged_path(index_dir)
        if path is None or path == done:
            continue
        try:
            search_index.prepare(path)
        except Exception as error:  # noqa: BLE001 (the swap still happens; it opens lazily)
            print(f"worker {os.getpid()}: cannot warm {path.name}: {error}", flush=True)
        report_warmed(index_dir, path)
        done = path
