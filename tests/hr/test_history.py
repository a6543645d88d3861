import datetime as dt

import pytest
from sqlalchemy import select

from jobboard.hr import history
from jobboard.hr.db import ReindexRun, database
from jobboard.search.indexer import reindex

from .conftest import sample_content


@pytest.fixture
def report(settings):
    sample_content(settings["CONTENT_DIR"])
    return reindex(settings["CONTENT_DIR"], settings["INDEX_DIR"])


def test_finished_run_keeps_counts_outcome_and_report(db, report):
    with db.session() as session:
        run = history.start_run(session, "ana@example.ca", "web")
        history.finish_run(session, run, report)
    with db.session() as session:
        run = session.scalar(select(ReindexRun))
    assert (run.who, run.trigger, run.outcome) == ("ana@example.ca", "web", "problems")
    assert (run.added, run.updated, run.removed, run.invalid) == (5, 0, 0, 1)
    assert run.generation == report.generation and run.duration_s == report.duration_s
    errors = [p for p in run.report["problems"] if p["severity"] == "error"]
    assert [p["file"] for p in errors] == ["fr/chef-equipe.md"]
    assert run.finished and run.finished_at >= run.started_at


def test_record_cli_run_saves_a_cli_run(settings, report):
    run = history.record_cli_run(report, settings=settings)
    with database(settings["DATABASE_URL"]).session() as session:
        saved = session.get(ReindexRun, run.id)
    assert saved.trigger == "cli" and saved.who and saved.outcome == "problems"
    assert saved.started_at == dt.datetime.fromisoformat(report.started_at)


@pytest.mark.parametrize("url", [
    "sqlite:///{tmp}/a-file/hr.sqlite3",  # its folder cannot be created
    "postgresql+psycopg://nobody@127.0.0.1:1/jobs",  # nothing listens there
])
def test_record_cli_run_only_warns_when_the_database_is_unusable(tmp_path, url, capsys):
    (tmp_path / "a-file").write_text("")
    sample_content_dir = tmp_path / "content"
    (sample_content_dir / "en").mkdir(parents=True)
    report = reindex(sample_content_dir, tmp_path / "index")
    settings = {"INSTANCE_DIR": str(tmp_path), "DATABASE_URL": url.format(tmp=tmp_path)}
    assert history.record_cli_run(report, settings=settings) is None
    assert "warning: the run was not recorded" in capsys.readouterr().err


def test_fail_run_and_recent_runs_newest_first(db):
    with db.session() as session:
        first = history.start_run(session, None, "webhook")
        history.fail_run(session, first, "boom")
        second = history.start_run(session, "ana@example.ca", "web")
    with db.session() as session:
        runs = history.recent_runs(session)
        assert [r.id for r in runs] == [second.id, first.id]
        assert (runs[1].outcome, runs[1].error) == ("failed", "boom")
        assert [r.id for r in history.unfinished_runs(session)] == [second.id]


def test_unknown_trigger_is_refused(db):
    with db.session() as session, pytest.raises(ValueError):
        history.start_run(session, None, "cron")
