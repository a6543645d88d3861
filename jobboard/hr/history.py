"""Reindex runs in the database: who, when, how triggered, what changed, how it ended."""

from __future__ import annotations

import datetime as dt
import getpass
import os

import click
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from jobboard import config
from jobboard.hr.db import ReindexRun, database, database_url, now
from jobboard.search.indexer import ReindexReport

TRIGGERS = ("web", "cli", "webhook")


def start_run(session: Session, who: str | None, trigger: str,
              outcome: str = "running") -> ReindexRun:
    """A new unfinished run ("running", or "queued" behind another reindex)."""
    if trigger not in TRIGGERS:
        raise ValueError(f"unknown trigger {trigger!r}")
    run = ReindexRun(who=who, trigger=trigger, started_at=now(), outcome=outcome)
    session.add(run)
    session.flush()
    return run


def finish_run(session: Session, run: ReindexRun, report: ReindexReport) -> ReindexRun:
    """Copy a finished ReindexReport's outcome, counts and full report into run."""
    run.outcome = report.outcome
    run.error = report.error
    run.duration_s = report.duration_s
    run.generation = report.generation
    run.added, run.updated, run.removed = report.added, report.updated, report.removed
    run.invalid = len(report.errors)
    run.report = report.to_dict()
    run.finished_at = now()
    if run.progress_total == 0:
        run.progress_done = run.progress_total = report.documents
    return run


def fail_run(session: Session, run: ReindexRun, error: str) -> ReindexRun:
    """Mark run failed without a report (its process died or never got the lock)."""
    run.outcome, run.error, run.finished_at = "failed", error, now()
    run.duration_s = round((run.finished_at - run.started_at).total_seconds(), 3)
    return run


def record_cli_run(report: ReindexReport, user: str | None = None,
                   settings: dict | None = None) -> ReindexRun | None:
    """Save a `jobboard reindex` run to the history; on failure warn on stderr, return None."""
    try:
        return save_cli_run(report, user, settings)
    except (SQLAlchemyError, OSError) as error:
        click.echo(f"warning: the run was not recorded in the HR history: {error}", err=True)
        return None


def save_cli_run(report: ReindexReport, user: str | None = None,
                 settings: dict | None = None) -> ReindexRun:
    """Save a `jobboard reindex` run to the history (user defaults to the login name)."""
    settings = config.from_environment() if settings is None else settings
    who = user or _login_name()
    with database(database_url(settings)).session() as session:
        run = start_run(session, who, "cli")
        run.pid = os.getpid()
        run.started_at = dt.datetime.fromisoformat(report.started_at)
        return finish_run(session, run, report)


def _login_name() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in a bare container
        return None


def get_run(session: Session, run_id: int) -> ReindexRun | None:
    return session.get(ReindexRun, run_id)


def recent_runs(session: Session, limit: int = 50, offset: int = 0) -> list[ReindexRun]:
    """Latest runs first."""
    return list(session.scalars(select(ReindexRun).order_by(
        ReindexRun.started_at.desc(), ReindexRun.id.desc()).limit(limit).offset(offset)))


def unfinished_runs(session: Session) -> list[ReindexRun]:
    """Runs still queued or running (some may belong to a process that died)."""
    return list(session.scalars(select(ReindexRun).where(
        ReindexRun.outcome.in_(("queued", "running"))).order_by(ReindexRun.id)))
