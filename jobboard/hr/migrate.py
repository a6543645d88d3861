"""Bring an HR database to the newest schema revision, safely from several processes at once.

    upgrade(engine)      no-op when the database is at HEAD (one SELECT, Alembic not imported)

Several nodes may boot at once against one PostgreSQL: the upgrade runs inside a transaction
holding an advisory lock, so one process migrates and the others then find HEAD. SQLite
serialises through a lock file beside the database. A database made before migrations existed
(tables created by `create_all`, no `alembic_version`) is adopted as revision 0001.
"""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest revision; tests/hr/test_migrate.py checks it is the scripts' head.
HEAD = "0003"
FIRST = "0001"
_ADVISORY_KEY = 0x6A6F6273  # "jobs": any constant shared by every node


def upgrade(engine: Engine) -> None:
    """Migrate engine's database to HEAD unless it is there already."""
    if current_revision(engine) == HEAD:
        return
    with _exclusive(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": _ADVISORY_KEY})
        _run(connection)


def current_revision(engine: Engine) -> str | None:
    """The database's revision, None when it has none (empty, or made before migrations)."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None


def _run(connection: Connection) -> None:
    from alembic import command

    config = alembic_config(connection)
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables and "hr_user" in tables:
        command.stamp(config, FIRST)
    command.upgrade(config, "head")


def alembic_config(connection: Connection | None = None):
    """Alembic's Config for our scripts, optionally bound to connection (no alembic.ini)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@contextmanager
def _exclusive(engine: Engine):
    """On SQLite, one migrating process at a time (a lock file beside the database)."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
