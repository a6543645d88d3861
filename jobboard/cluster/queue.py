"""The run queue in PostgreSQL: any node queues, the indexer claims; liveness is the lock.

    start(settings, who, "web")            -> ReindexRun queued (AlreadyRunning if one exists)
    start(settings, who, "webhook", queue=True)  joins the queued run, or queues one more
    active_run(session) / status(...)      what the HR pages show, the same on every node

A running run belongs to the process holding the indexer's advisory lock. PostgreSQL frees
that lock when the process dies (even by kill -9, or when its host vanishes), so a running
run while nobody holds the lock has failed: any node can say so, none needs to see a pid.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jobboard.cluster.models import RUNS_CHANNEL, QueuedRun
from jobboard.hr import history
from jobboard.hr.db import ReindexRun, database, database_url
from jobboard.hr.jobs import AlreadyRunning, RunStatus

LEADER_LOCK = (0x6A62, 1)  # pg_advisory_lock(int4, int4) key of the indexer's leadership
LOST = ("the indexer stopped before it finished (its lock was released); "
        "the published generation was not changed")
_ATTEMPTS = 3  # concurrent clicks: the loser's insert fails the unique state, it reads again


def libpq_url(url: str) -> str:
    """A SQLAlchemy URL as psycopg's own connect() takes it (for LISTEN and the lock)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def leader_alive(session: Session) -> bool:
    """True while some session holds the indexer's advisory lock (in this database)."""
    return bool(session.scalar(text(
        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
        "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
        "AND classid = :c AND objid = :o AND objsubid = 2)"),
        {"c": LEADER_LOCK[0], "o": LEADER_LOCK[1]}))


def reconcile(session: Session) -> ReindexRun | None:
    """Mark failed the running run whose indexer is gone; returns it, else None."""
    held = session.scalar(select(QueuedRun).where(QueuedRun.state == "running")
                          .with_for_update(skip_locked=True))
    if held is None or leader_alive(session):
        return None
    run = session.get(ReindexRun, held.run_id)
    session.delete(held)
    if run is not None and not run.finished:
        history.fail_run(session, run, LOST)
    session.flush()
    return run


def _unfinished(session: Session) -> dict[str, ReindexRun]:
    rows = session.scalars(select(QueuedRun)).all()
    return {row.state: session.get(ReindexRun, row.run_id) for row in rows}


def active_run(session: Session) -> ReindexRun | None:
    """The run in progress (running, else queued), after failing an orphaned one."""
    reconcile(session)
    runs = _unfinished(session)
    return runs.get("running") or runs.get("queued")


def start(settings: dict, who: str | None, trigger: str, *, queue: bool = False,
          full: bool = False) -> ReindexRun:
    """Queue a run for the indexer; AlreadyRunning unless queue (then join the waiting one)."""
    db = database(database_url(settings))
    for attempt in range(_ATTEMPTS):
        try:
            with db.session() as session:
                reconcile(session)
                runs = _unfinished(session)
                if queue and "queued" in runs:
                    return runs["queued"]
                if runs and not queue:
                    busy = runs.get("running") or runs["queued"]
                else:
                    busy = None
                    run = history.start_run(session, who, trigger, "queued")
                    session.add(QueuedRun(run_id=run.id, state="queued", full=full))
                    session.execute(text("SELECT pg_notify(:channel, :run)"),
                                    {"channel": RUNS_CHANNEL, "run": str(run.id)})
        except IntegrityError:  # another node queued one at the same moment
            if attempt == _ATTEMPTS - 1:
                raise
            continue
        if busy is not None:  # raised after the commit, so the run stays readable
            raise AlreadyRunning(busy)
        return run
    raise AssertionError("unreachable")


def status(session: Session, run: ReindexRun, index_dir: Path | None = None) -> RunStatus:
    """The run's state now, as recorded by the indexer."""
    if not run.finished:
        reconcile(session)  # same session: run is the object it fails, if it does
    return RunStatus(run.id, run.outcome, run.progress_done, run.progress_total, run.finished,
                     run.error)


def forget_run(session: Session, run_id: int) -> None:
    """Take a run off the queue (it finished, or failed)."""
    session.execute(delete(QueuedRun).where(QueuedRun.run_id == run_id))
