"""The HR schema comes from Alembic revisions that match the models, on SQLite and PostgreSQL."""

import subprocess
import sys
import time

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, select, text

from jobboard.hr.db import Base, Database, User, load_models
from jobboard.hr.migrate import HEAD, alembic_config, current_revision

FIRST_TABLES = ("hr_user", "hr_login_attempt", "hr_reindex_run", "hr_webhook_delivery")


def test_head_is_the_newest_revision_script():
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_a_new_database_is_at_head(db):
    assert current_revision(db.engine) == HEAD


def test_models_and_migrations_agree(db):
    """A model changed without a revision (or the reverse) shows up here."""
    load_models()
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_a_database_made_before_migrations_is_adopted(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = create_engine(url)
    # How databases were made before migrations: create_all of the tables of that time (later
    # revisions' tables, once their models are loaded, must not be there).
    Base.metadata.create_all(engine, tables=[Base.metadata.tables[name] for name in FIRST_TABLES])
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO hr_user (email, password_hash, created_at) "
                                "VALUES ('old@example.ca', 'x', '2026-11-01 10:00:00')"))
    engine.dispose()
    db = Database(url)
    try:
        assert current_revision(db.engine) == HEAD
        with db.session() as session:
            assert session.scalars(select(User.email)).all() == ["old@example.ca"]
    finally:
        db.dispose()


def test_three_nodes_booting_at_once_migrate_once(postgres_server):
    """Three processes open one new PostgreSQL database together: all start, one schema."""
    url = postgres_server.database()
    # Each process imports first, then all open the database at the same instant.
    code = ("import sys, time; from jobboard.hr.db import Database; import alembic.command; "
            "time.sleep(max(0, float(sys.argv[2]) - time.time())); "
            "Database(sys.argv[1]).dispose()")
    start = str(time.time() + 3)
    processes = [subprocess.Popen([sys.executable, "-c", code, url, start],
                                  stderr=subprocess.PIPE, text=True) for _ in range(3)]
    errors = [p.communicate(timeout=120)[1] for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], errors
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        assert versions == [(HEAD,)]
        assert "hr_user" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
