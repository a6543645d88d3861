"""HR state in a real database: a SQLite file in the instance folder, or PostgreSQL.

    database(url) -> Database      one engine per URL and process, schema migrated on first use
    with db.session() as s: ...    commits on success, rolls back on error

The schema belongs to Alembic (jobboard/hr/migrations, run by jobboard/hr/migrate.py): a new
table or column is a model here (or in a feature's own module listed in MODEL_MODULES) plus a
revision in migrations/versions/; tests/hr/test_migrate.py fails when the two disagree.
"""

from __future__ import annotations

import datetime as dt
import importlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    create_engine,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.types import TypeDecorator

from jobboard.hr.migrate import upgrade

SQLITE_FILE = "jobboard.sqlite3"
# Modules whose models share Base (features with tables of their own add theirs here), so that
# migrations and their test see every table.
MODEL_MODULES = ("jobboard.hr.db", "jobboard.alerts.models", "jobboard.feedback.models")


def now() -> dt.datetime:
    """The current time in UTC (aware); every timestamp here is UTC."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on SQLite and PostgreSQL alike (SQLite keeps no time zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    pass


def load_models() -> None:
    """Import every module that declares tables on Base."""
    for name in MODEL_MODULES:
        importlib.import_module(name)


class User(Base):
    """An HR person who may reindex; created with `jobboard hr add-user`."""

    __tablename__ = "hr_user"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now)
    # Sessions signed in before this are refused: signing out ends them on every device.
    signed_out_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class LoginAttempt(Base):
    """One sign-in attempt, kept to throttle guessing per account and per address."""

    __tablename__ = "hr_login_attempt"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)  # as typed, even if unknown
    address: Mapped[str] = mapped_column(String(64), index=True)
    succeeded: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now, index=True)


class ReindexRun(Base):
    """One reindex: who started it, how, its progress, then its outcome and full report."""

    __tablename__ = "hr_reindex_run"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    who: Mapped[str | None] = mapped_column(String(320))
    trigger: Mapped[str] = mapped_column(String(16))  # web | cli | webhook
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now, index=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    pid: Mapped[int | None] = mapped_column(Integer)
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    # queued | running | ok | problems | failed (the last three are ReindexReport.outcome)
    outcome: Mapped[str] = mapped_column(String(16), default="running", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    duration_s: Mapped[float | None] = mapped_column(Float)
    generation: Mapped[str | None] = mapped_column(String(32))
    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    invalid: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict | None] = mapped_column(JSON)

    @property
    def finished(self) -> bool:
        return self.outcome not in ("queued", "running")


class WebhookDelivery(Base):
    """A webhook delivery id already acted on; a replay of it is ignored."""

    __tablename__ = "hr_webhook_delivery"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    delivery_id: Mapped[str] = mapped_column(String(128), unique=True)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("hr_reindex_run.id"))


def database_url(settings: dict) -> str:
    """JOBBOARD_DATABASE_URL, or the SQLite file in the instance folder."""
    url = settings.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{Path(settings['INSTANCE_DIR']).resolve() / SQLITE_FILE}"
    # Why: "postgresql://" would make SQLAlchemy look for psycopg2; we ship psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Database:
    """An engine and its session factory; the schema is migrated to the newest revision."""

    def __init__(self, url: str):
        self.url = url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            # The web process and the reindex process write at once: wait, don't fail.
            self.engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        upgrade(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits when the block ends and rolls back if it raises."""
        with self._sessions() as session, session.begin():
            yield session

    def new_session(self) -> Session:
        """A plain session; the caller commits and closes it."""
        return self._sessions()

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


_DATABASES: dict[str, Database] = {}
_LOCK = threading.Lock()


def database(url: str) -> Database:
    """The process's Database for url (engines are made once and reused)."""
    with _LOCK:
        if url not in _DATABASES:
            _DATABASES[url] = Database(url)
        return _DATABASES[url]


def forget(url: str) -> None:
    """Close url's connections and drop its Database (tests, shutdown)."""
    with _LOCK:
        db = _DATABASES.pop(url, None)
    if db is not None:
        db.dispose()
