"""The coordination tables, in the HR database (PostgreSQL in cluster mode).

    cluster_run      unfinished runs only: state is "queued" or "running", unique, so there is
                     at most one of each (a finished run is deleted here and kept in the HR
                     history, hr_reindex_run, which holds its report)
    index_generation every published generation: number from a sequence, the indexer folder
                     its files live in, the manifest (file -> size, sha256) and its digest
    index_pointer    one row: the generation every node should serve
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    Sequence,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from jobboard.hr.db import Base, UTCDateTime, now

GENERATION_NUMBERS = Sequence("index_generation_number")
RUNS_CHANNEL = "jobboard_runs"  # NOTIFY: a run was queued (the indexer wakes)
GENERATIONS_CHANNEL = "jobboard_generations"  # NOTIFY: the pointer moved (nodes wake)


class QueuedRun(Base):
    """A reindex waiting for, or held by, the indexer."""

    __tablename__ = "cluster_run"
    run_id: Mapped[int] = mapped_column(ForeignKey("hr_reindex_run.id", ondelete="CASCADE"),
                                        primary_key=True)
    state: Mapped[str] = mapped_column(String(16), unique=True)
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    queued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(200))  # host:pid, for people only

    __table_args__ = (CheckConstraint("state IN ('queued', 'running')",
                                      name="cluster_run_state"),)


class Generation(Base):
    """A published generation: what nodes fetch and serve."""

    __tablename__ = "index_generation"
    number: Mapped[int] = mapped_column(Integer, GENERATION_NUMBERS, primary_key=True)
    folder: Mapped[str] = mapped_column(String(64))  # in the indexer's generations/
    source_url: Mapped[str] = mapped_column(String(500))  # the indexer's transfer server
    fingerprint: Mapped[str] = mapped_column(String(200))  # schema and parser that wrote it
    manifest: Mapped[dict] = mapped_column(JSON)  # {file: [size, sha256]}
    manifest_digest: Mapped[str] = mapped_column(String(64))
    documents: Mapped[int] = mapped_column(Integer, default=0)
    per_language: Mapped[dict] = mapped_column(JSON, default=dict)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("hr_reindex_run.id"))
    rollback_of: Mapped[int | None] = mapped_column(Integer)  # files are this number's
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now)
    note: Mapped[str | None] = mapped_column(Text)


class Pointer(Base):
    """The one current-generation row (id 1); moved only by compare-and-set."""

    __tablename__ = "index_pointer"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int | None] = mapped_column(ForeignKey("index_generation.number"))
    moved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (CheckConstraint("id = 1", name="index_pointer_one_row"),)
