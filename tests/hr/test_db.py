import datetime as dt

from sqlalchemy import inspect, select

from jobboard.hr.db import Database, ReindexRun, User, database, database_url


def test_database_url_defaults_to_sqlite_in_instance(tmp_path):
    url = database_url({"INSTANCE_DIR": str(tmp_path), "DATABASE_URL": None})
    assert url == f"sqlite:///{tmp_path.resolve()}/jobboard.sqlite3"


def test_database_url_uses_psycopg3_for_postgresql_urls():
    settings = {"INSTANCE_DIR": "/x", "DATABASE_URL": "postgresql://hr@db/jobs"}
    assert database_url(settings) == "postgresql+psycopg://hr@db/jobs"
    settings["DATABASE_URL"] = "postgres://hr@db/jobs"
    assert database_url(settings) == "postgresql+psycopg://hr@db/jobs"


def test_tables_are_created_on_first_use(db):
    names = set(inspect(db.engine).get_table_names())
    assert {"hr_user", "hr_login_attempt", "hr_reindex_run", "hr_webhook_delivery"} <= names


def test_database_is_made_once_per_url(db_url):
    assert database(db_url) is database(db_url)


def test_datetimes_come_back_aware_utc(db):
    moment = dt.datetime(2026, 3, 1, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    with db.session() as session:
        session.add(User(email="a@example.ca", password_hash="x", created_at=moment))
    with db.session() as session:
        stored = session.scalar(select(User)).created_at
    assert stored == moment and stored.tzinfo == dt.UTC


def test_session_rolls_back_when_the_block_raises(db):
    try:
        with db.session() as session:
            session.add(ReindexRun(trigger="web"))
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with db.session() as session:
        assert session.scalars(select(ReindexRun)).all() == []


def test_report_json_round_trips(db):
    report = {"problems": [{"file": "fr/a.md", "line": 4, "reason": "l’apostrophe « x »"}]}
    with db.session() as session:
        session.add(ReindexRun(trigger="cli", report=report))
    with db.session() as session:
        assert session.scalar(select(ReindexRun)).report == report


def test_sqlite_folder_is_created(tmp_path):
    db = Database(f"sqlite:///{tmp_path}/deep/er/hr.sqlite3")
    try:
        assert (tmp_path / "deep" / "er" / "hr.sqlite3").exists()
    finally:
        db.dispose()
