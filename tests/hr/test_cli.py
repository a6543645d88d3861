from click.testing import CliRunner
from sqlalchemy import select

from jobboard.cli import cli
from jobboard.hr.db import ReindexRun, database

from .conftest import sample_content

PASSWORD = "correct horse battery"


def invoke(db_url, *args, input=None):
    runner = CliRunner(env={"JOBBOARD_DATABASE_URL": db_url})
    return runner.invoke(cli, list(args), input=input)


def test_add_list_remove_user(db_url):
    added = invoke(db_url, "hr", "add-user", "Ana@Example.ca", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert added.exit_code == 0, added.output
    assert "Added ana@example.ca." in added.output
    assert PASSWORD not in added.output  # hidden input is not echoed
    listed = invoke(db_url, "hr", "list-users")
    assert listed.exit_code == 0 and listed.output.startswith("ana@example.ca\t")
    removed = invoke(db_url, "hr", "remove-user", "ana@example.ca")
    assert removed.exit_code == 0 and "Removed ana@example.ca." in removed.output
    assert "No HR accounts yet" in invoke(db_url, "hr", "list-users").output


def test_add_user_asks_again_when_the_confirmation_differs(db_url):
    result = invoke(db_url, "hr", "add-user", "ana@example.ca",
                    input=f"{PASSWORD}\nsomething else!!\n{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output


def test_add_user_refuses_a_short_password_and_a_duplicate(db_url):
    short = invoke(db_url, "hr", "add-user", "ana@example.ca", input="short\nshort\n")
    assert short.exit_code == 1 and "at least 12 characters" in short.output
    invoke(db_url, "hr", "add-user", "ana@example.ca", input=f"{PASSWORD}\n{PASSWORD}\n")
    again = invoke(db_url, "hr", "add-user", "ana@example.ca", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert again.exit_code == 1 and "already has an account" in again.output


def test_remove_unknown_user_fails(db_url):
    result = invoke(db_url, "hr", "remove-user", "nobody@example.ca")
    assert result.exit_code == 1 and "no account for nobody@example.ca" in result.output


def test_reindex_command_records_its_run(settings, db_url):
    sample_content(settings["CONTENT_DIR"])
    result = invoke(db_url, "reindex", "--content", settings["CONTENT_DIR"],
                    "--index", settings["INDEX_DIR"])
    assert result.exit_code == 1, result.output  # indexed, with one invalid file
    with database(db_url).session() as session:
        run = session.scalar(select(ReindexRun))
    assert (run.trigger, run.outcome, run.added, run.invalid) == ("cli", "problems", 5, 1)


def test_reindex_exit_code_is_kept_when_recording_fails(tmp_path):
    content = tmp_path / "content"
    (content / "en").mkdir(parents=True)
    (content / "fr").mkdir()
    sample_content(content)
    result = CliRunner(env={"JOBBOARD_DATABASE_URL": "postgresql+psycopg://x@127.0.0.1:1/x"}
                       ).invoke(cli, ["reindex", "--content", str(content),
                                      "--index", str(tmp_path / "index")])
    assert result.exit_code == 1
    assert "warning: the run was not recorded in the HR history" in result.output


def test_the_first_build_before_serving_is_in_the_history(settings, db_url, monkeypatch):
    from jobboard.cli import build_index

    sample_content(settings["CONTENT_DIR"])
    monkeypatch.setenv("JOBBOARD_DATABASE_URL", db_url)
    assert build_index(settings["CONTENT_DIR"], settings["INDEX_DIR"])
    with database(db_url).session() as session:
        [run] = session.scalars(select(ReindexRun)).all()
    assert run.trigger == "cli" and run.generation and run.outcome == "problems"
