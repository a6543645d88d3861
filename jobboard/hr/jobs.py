"""Background reindex: a request starts a separate process and returns at once.

    start(settings, who, "web")     -> ReindexRun (AlreadyRunning if one is in progress)
    spawn(run_id, settings)         the process: a fork of a warm fork server (everything
                                    imported), which calls the core reindex() and records the run
    python -m jobboard.hr.jobs RUN_ID   the same by hand, from a new interpreter
    status(settings, run_id)        -> RunStatus for the run page and its JSON endpoint

The core's file lock (index/.lock) is what keeps one reindex at a time among the processes of
one machine; the database only mirrors it, so a run whose process died (kill -9, reboot) is
marked failed the next time anyone looks. Liveness is a local pid: on several machines
(JOBBOARD_MODE=cluster) runs go through jobboard/cluster/queue.py instead.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session

from jobboard import config
from jobboard.hr import history
from jobboard.hr.db import ReindexRun, database, database_url, now
from jobboard.search import store
from jobboard.search.indexer import ReindexRunning, reindex

PROGRESS_EVERY_S = 0.5
START_GRACE_S = 30  # a run without a process id yet is still starting for this long
WAIT_LIMIT_S = 30 * 60  # a queued (webhook) run gives up after waiting this long
CRASHED = ("the reindex process stopped before it finished (pid {pid}); "
           "the live index was not changed")


class AlreadyRunning(Exception):
    """A reindex is in progress; `run` is its ReindexRun when it has one (not for the CLI)."""

    def __init__(self, run: ReindexRun | None, info: dict | None = None):
        self.run, self.info = run, info or {}
        super().__init__(f"a reindex is already running (pid {self.info.get('pid') or '?'})"
                         if run is None else f"reindex run {run.id} is already running")


@dataclass(frozen=True)
class RunStatus:
    """What the run page shows: state is queued | running | ok | problems | failed."""

    id: int
    state: str
    done: int
    total: int
    finished: bool
    error: str | None

    def to_dict(self) -> dict:
        return {"id": self.id, "state": self.state, "done": self.done, "total": self.total,
                "finished": self.finished, "error": self.error}


def _alive(pid: int) -> bool:
    """True while pid is a live process (a zombie counts as dead)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def reconcile(session: Session) -> None:
    """Mark failed the unfinished runs whose process is gone."""
    for run in history.unfinished_runs(session):
        if run.pid is None:
            if (now() - run.started_at).total_seconds() < START_GRACE_S:
                continue
        elif _alive(run.pid):
            continue
        # Conditional: the process may have recorded its outcome since we read the row.
        finished_at = now()
        session.execute(
            update(ReindexRun)
            .where(ReindexRun.id == run.id, ReindexRun.outcome.in_(("queued", "running")))
            .values(outcome="failed", error=CRASHED.format(pid=run.pid or "?"),
                    finished_at=finished_at,
                    duration_s=round((finished_at - run.started_at).total_seconds(), 3)))
        session.refresh(run)


def active_run(session: Session) -> ReindexRun | None:
    """The run in progress (running, else queued), after reconciling dead ones."""
    reconcile(session)
    runs = history.unfinished_runs(session)
    running = [run for run in runs if run.outcome == "running"]
    return (running or runs or [None])[-1]


def start(settings: dict, who: str | None, trigger: str, *, queue: bool = False) -> ReindexRun:
    """Record a run and start its process; AlreadyRunning unless queue (then it waits its turn)."""
    db = database(database_url(settings))
    index_dir = Path(settings["INDEX_DIR"])
    with db.session() as session:
        current = active_run(session)
        lock = store.running(index_dir)
        busy = current is not None or lock is not None
        if queue or not busy:
            run = history.start_run(session, who, trigger, "queued" if busy else "running")
    if busy and not queue:  # raised after the commit, so `current` stays readable
        raise AlreadyRunning(current, lock)
    pid = spawn(run.id, settings, wait=busy)
    with db.session() as session:
        run = session.get(ReindexRun, run.id)
        run.pid = pid
    return run


# Why a fork server: a new interpreter spends ~0.6 s importing before it reads a file, on the
# path from an HR save to a searchable posting. The fork server imports this module once (the
# core included) in a process of its own with no threads, and forks each run from it: a web
# worker never forks itself (its threads' locks would be copied mid-use).
# Each child also runs the parent's main script again before its target (multiprocessing's
# fix-up of __main__; the fork server never does it once for all: CPython 3.11/3.12 look for a
# `main_path` key the preparation data does not have). Under `jobboard serve` that script
# imports jobboard.cli: preloaded here, so a run does not spend 120 ms importing it.
_FORKS = multiprocessing.get_context("forkserver")
_FORKS.set_forkserver_preload([__name__, "jobboard.cli"])


def prepare() -> None:
    """Start this process's fork server now (a server worker at boot), not at the first run."""
    from multiprocessing import forkserver

    forkserver.ensure_running()


def spawn(run_id: int, settings: dict, *, wait: bool = False) -> int:
    """Start run_id's reindex process, detached, logging to the instance folder; its pid."""
    logs = Path(settings["INSTANCE_DIR"]) / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    process = _FORKS.Process(target=_run_forked, name=f"reindex-{run_id}", args=(
        run_id, Path(settings["CONTENT_DIR"]).resolve(), Path(settings["INDEX_DIR"]).resolve(),
        database_url(settings), wait, logs / f"reindex-{run_id}.log", config.retention(settings)))
    process.start()
    # Release the process object when the run ends (the fork server reaps the process).
    threading.Thread(target=process.join, daemon=True).start()
    return process.pid


def _run_forked(run_id: int, content_dir: Path, index_dir: Path, url: str, wait: bool,
                log: Path, retention: store.Retention) -> None:
    """A run in a child of the fork server: own session, output to the run's log."""
    # Why a session of its own: a worker restart (a signal to its group) must not end the run.
    os.setsid()
    with open(log, "ab", buffering=0) as handle, open(os.devnull, "rb") as nothing:
        os.dup2(nothing.fileno(), 0)
        os.dup2(handle.fileno(), 1)
        os.dup2(handle.fileno(), 2)
    sys.stdout = open(1, "w", buffering=1, encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", buffering=1, encoding="utf-8", closefd=False)  # noqa: SIM115
    try:
        code = run_job(run_id, content_dir, index_dir, url, wait=wait, retention=retention)
    except BaseException:
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def status(session: Session, run: ReindexRun, index_dir: Path) -> RunStatus:
    """The run's state now; a queued run that holds the lock is shown as running."""
    if not run.finished:
        reconcile(session)
    state = run.outcome
    if state == "queued" and run.pid and (store.running(index_dir) or {}).get("pid") == run.pid:
        state = "running"
    return RunStatus(run.id, state, run.progress_done, run.progress_total, run.finished,
                     run.error)


class _Progress:
    """The core's progress callback, written to the run at most twice a second."""

    def __init__(self, db, run_id: int):
        self.db, self.run_id, self.last = db, run_id, 0.0

    def __call__(self, done: int, total: int) -> None:
        if done < total and time.monotonic() - self.last < PROGRESS_EVERY_S:
            return
        self.last = time.monotonic()
        with self.db.session() as session:
            session.execute(update(ReindexRun).where(ReindexRun.id == self.run_id).values(
                progress_done=done, progress_total=total, outcome="running"))


def _yield_to_servers() -> None:
    """Once the new generation is live, the rest of this run (its file records, report and
    history) gives way to the server workers, which are opening the generation for searches
    (on 2 cores, they and this process would otherwise share them: the last search that does
    not find the saved posting yet comes later)."""
    os.nice(10)


def run_job(run_id: int, content_dir: Path, index_dir: Path, url: str, *,
            wait: bool = False, retention: store.Retention | None = None) -> int:
    """Body of the reindex process: reindex, then save the report; returns the exit code.
    `retention`: the settings' (JOBBOARD_KEEP_*) when None."""
    db = database(url)
    with db.session() as session:
        session.get(ReindexRun, run_id).pid = os.getpid()
    deadline = time.monotonic() + WAIT_LIMIT_S
    while True:
        try:
            report = reindex(content_dir, index_dir, progress=_Progress(db, run_id),
                             retention=retention or config.retention(config.from_environment()),
                             on_live=_yield_to_servers)
            break
        except ReindexRunning as error:
            if not wait or time.monotonic() > deadline:
                with db.session() as session:
                    history.fail_run(session, session.get(ReindexRun, run_id), str(error))
                return 2
            time.sleep(1)
        except BaseException as error:
            with db.session() as session:
                history.fail_run(session, session.get(ReindexRun, run_id),
                                 f"{type(error).__name__}: {error}")
            raise
    with db.session() as session:
        history.finish_run(session, session.get(ReindexRun, run_id), report)
    print(f"run {run_id}: {report.outcome}, generation {report.generation}, "  # the run's log
          f"{report.documents} documents, {len(report.errors)} invalid files, "
          f"{report.duration_s} s{f': {report.error}' if report.error else ''}", flush=True)
    return report.exit_code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jobboard.hr.jobs",
                                     description="Run one recorded reindex (started by HR).")
    parser.add_argument("run_id", type=int)
    parser.add_argument("--wait", action="store_true", help="wait for a running reindex")
    args = parser.parse_args(argv)
    settings = config.from_environment()  # JOBBOARD_CONTENT_DIR, _INDEX_DIR, _DATABASE_URL
    return run_job(args.run_id, Path(settings["CONTENT_DIR"]), Path(settings["INDEX_DIR"]),
                   database_url(settings), wait=args.wait)


if __name__ == "__main__":
    sys.exit(main())
