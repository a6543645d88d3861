"""`jobboard indexer`: the one process that builds and publishes generations.

    wait for the leadership lock (a standby waits here) -> fail the previous leader's run
    -> loop: claim a queued run (FOR UPDATE SKIP LOCKED), git pull --ff-only, reindex(),
             publish (generation row, compare-and-set, NOTIFY), else sleep until NOTIFY or poll

reindex() runs in this process (already imported, no interpreter start on the path from a
save to a searchable posting). The lock is a session-level advisory lock on a connection kept
open for the process's life: PostgreSQL releases it when the process dies, however it dies.
"""

from __future__ import annotations

import os
import socket
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from jobboard.cluster import publish, queue, retention
from jobboard.cluster.models import RUNS_CHANNEL, QueuedRun
from jobboard.hr import history
from jobboard.hr.db import ReindexRun, database, database_url, now
from jobboard.hr.jobs import _Progress
from jobboard.search.indexer import DEFAULT_PROCS, ReindexRunning, reindex

POLL_S = 2.0  # a NOTIFY can be missed (reconnection): the queue is also read this often
GIT_TIMEOUT_S = 120


@dataclass(frozen=True)
class Claimed:
    run_id: int
    full: bool
    expected: int | None  # the pointer when the run started: publish only over that


def git_pull(content_dir: Path) -> str | None:
    """`git pull --ff-only` when content_dir is in a git checkout; the error, else None."""
    try:
        inside = subprocess.run(["git", "-C", str(content_dir), "rev-parse",
                                 "--is-inside-work-tree"], capture_output=True, text=True,
                                timeout=GIT_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired):
        return None  # no git here: the folder is what it is
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return None
    try:
        pulled = subprocess.run(["git", "-C", str(content_dir), "pull", "--ff-only", "--quiet"],
                                capture_output=True, text=True, timeout=GIT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return f"git pull --ff-only in {content_dir} took more than {GIT_TIMEOUT_S} s"
    if pulled.returncode != 0:
        return (f"git pull --ff-only in {content_dir} failed: "
                f"{(pulled.stderr or pulled.stdout).strip()[:500]}")
    return None


class Indexer:
    """One indexer process: leadership, claims, builds, publications."""

    def __init__(self, settings: dict, content_dir: Path, index_dir: Path, source_url: str,
                 *, procs: int = DEFAULT_PROCS, poll_s: float = POLL_S, log=print):
        self.settings, self.url = settings, database_url(settings)
        self.content_dir, self.index_dir = Path(content_dir), Path(index_dir)
        self.source_url, self.procs, self.poll_s, self.log = source_url, procs, poll_s, log
        self.db = database(self.url)
        self.retention = retention(settings)
        self.name = f"{socket.gethostname()}:{os.getpid()}"
        self.connection: psycopg.Connection | None = None

    def lead(self, stop: threading.Event) -> bool:
        """Block until this process holds the leadership lock (False if stopped first)."""
        self.connection = psycopg.connect(queue.libpq_url(self.url), autocommit=True,
                                          connect_timeout=5)
        said = False
        while not stop.is_set():
            if self.connection.execute("SELECT pg_try_advisory_lock(%s, %s)",
                                       queue.LEADER_LOCK).fetchone()[0]:
                self.log(f"indexer {self.name}: leading")
                self.connection.execute(f"LISTEN {RUNS_CHANNEL}")
                with self.db.session() as session:
                    self._take_over(session)
                return True
            if not said:
                self.log(f"indexer {self.name}: standby, waiting for the leader's lock")
                said = True
            stop.wait(self.poll_s)
        return False

    def _take_over(self, session) -> None:
        """A run left running holds no lock now that we have it: its indexer died."""
        held = session.scalar(select(QueuedRun).where(QueuedRun.state == "running"))
        if held is not None:
            run = session.get(ReindexRun, held.run_id)
            session.delete(held)
            if run is not None and not run.finished:
                history.fail_run(session, run, queue.LOST)
                self.log(f"indexer {self.name}: run {run.id} of the previous leader failed")
        if publish.current(session) is None and not session.scalar(select(QueuedRun)):
            run = history.start_run(session, "indexer", "cli", "queued")
            session.add(QueuedRun(run_id=run.id, state="queued"))

    def claim(self) -> Claimed | None:
        """Take the oldest queued run, if any (another indexer skips it)."""
        with self.db.session() as session:
            row = session.scalar(select(QueuedRun).where(QueuedRun.state == "queued")
                                 .with_for_update(skip_locked=True))
            if row is None:
                return None
            row.state, row.claimed_at, row.claimed_by = "running", now(), self.name
            run = session.get(ReindexRun, row.run_id)
            run.outcome, run.pid = "running", os.getpid()
            return Claimed(row.run_id, row.full, publish.pointer(session).number)

    def execute(self, claimed: Claimed) -> str:
        """Pull, reindex, publish; record the outcome. Returns it."""
        error = git_pull(self.content_dir)
        report = None
        if error is None:
            try:
                report = reindex(self.content_dir, self.index_dir, full=claimed.full,
                                 progress=_Progress(self.db, claimed.run_id), procs=self.procs,
                                 retention=self.retention)
            except ReindexRunning as busy:
                error = f"{busy} on the indexer host"
        if report is not None and report.outcome != "failed":
            try:
                with self.db.session() as session:
                    generation = publish.publish(
                        session, self.index_dir / "generations" / report.generation,
                        self.source_url, expected=claimed.expected, report=report.to_dict(),
                        run_id=claimed.run_id, leader_pid=self.connection.info.backend_pid)
                    history.finish_run(session, session.get(ReindexRun, claimed.run_id),
                                       report)
                    queue.forget_run(session, claimed.run_id)
                self.log(f"run {claimed.run_id}: published generation {generation.number} "
                         f"({report.generation}, {report.documents} documents, "
                         f"{report.duration_s} s)")
                return report.outcome
            except publish.PublishError as refused:
                error = str(refused)
        with self.db.session() as session:
            run = session.get(ReindexRun, claimed.run_id)
            if report is not None and error is None:
                history.finish_run(session, run, report)
            else:
                history.fail_run(session, run, error or "failed")
            queue.forget_run(session, claimed.run_id)
        self.log(f"run {claimed.run_id}: failed: {error or report.error}")
        return "failed"

    def serve(self, stop: threading.Event) -> None:
        """Lead, then run queued runs until stopped; after losing PostgreSQL, lead again."""
        while not stop.is_set():
            try:
                if not self.lead(stop):
                    return
                while not stop.is_set():
                    claimed = self.claim()
                    if claimed is not None:
                        self.execute(claimed)
                        continue
                    for _ in self.connection.notifies(timeout=self.poll_s, stop_after=1):
                        pass
            except (psycopg.OperationalError, OperationalError) as error:
                # The lock went with the connection: whoever leads next fails the run we held.
                self.log(f"indexer {self.name}: lost PostgreSQL ({error}); trying again")
                self.close()
                stop.wait(self.poll_s)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def start_transfer(index_dir: Path, host: str, port: int) -> subprocess.Popen:
    """The read-only file server, in its own process (it dies with this one)."""
    import sys

    return subprocess.Popen([sys.executable, "-m", "jobboard.cluster.transfer",
                             "--index", str(Path(index_dir).resolve()),
                             "--host", host, "--port", str(port), "--parent", str(os.getpid())],
                            stdin=subprocess.DEVNULL)
