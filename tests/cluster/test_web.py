"""HR, the webhook and the commands in cluster mode: runs are queued in PostgreSQL."""

from __future__ import annotations

import hashlib
import hmac
import json

from click.testing import CliRunner
from hr.conftest import DASHBOARD, REINDEX, csrf_token, sign_in
from sqlalchemy import select

from jobboard import create_app
from jobboard.cli import cli
from jobboard.cluster.models import QueuedRun
from jobboard.hr.db import database
from jobboard.hr.users import add_user

PASSWORD = "correct horse battery"


def app_for(settings):
    with database(settings["DATABASE_URL"]).session() as session:
        add_user(session, "ana@example.ca", PASSWORD)
    return create_app({"TESTING": True, **settings})


def queued(url) -> list[tuple[str, bool]]:
    with database(url).session() as session:
        return [(row.state, row.full) for row in session.scalars(select(QueuedRun))]


def test_reindex_now_queues_a_run_and_a_second_click_is_shown_it(settings):
    client = app_for(settings).test_client()
    assert sign_in(client, password=PASSWORD).status_code == 303
    token = csrf_token(client, DASHBOARD["en"])
    first = client.post(REINDEX["en"], data={"csrf_token": token})
    assert first.status_code == 303 and "/en/hr/runs/" in first.location
    assert queued(settings["DATABASE_URL"]) == [("queued", False)]
    page = client.get(first.location).get_data(as_text=True)
    assert "Waiting" in page
    second = client.post(REINDEX["en"], data={"csrf_token": token})
    assert second.location == first.location
    assert "already running" in client.get(second.location).get_data(as_text=True)


def test_the_webhook_queues_and_a_replay_is_a_duplicate(settings):
    client = app_for(settings).test_client()
    body = json.dumps({"ref": "refs/heads/main"}).encode()
    headers = {"X-Hub-Signature-256": "sha256=" + hmac.new(
        b"hook-secret", body, hashlib.sha256).hexdigest(), "X-GitHub-Delivery": "d-1",
        "Content-Type": "application/json"}
    answer = client.post("/hooks/reindex", data=body, headers=headers)
    assert answer.status_code == 202 and answer.get_json()["status"] == "queued"
    again = client.post("/hooks/reindex", data=body, headers=headers)
    assert again.get_json()["status"] == "duplicate"
    assert queued(settings["DATABASE_URL"]) == [("queued", False)]


def _env(settings, monkeypatch, **extra):
    for name in ("MODE", "SECRET_KEY", "DATABASE_URL"):
        monkeypatch.setenv(f"JOBBOARD_{name}", settings[name])
    for name, value in extra.items():
        monkeypatch.setenv(f"JOBBOARD_{name}", value)


def test_jobboard_reindex_queues_for_the_indexer(settings, monkeypatch, tmp_path):
    _env(settings, monkeypatch)
    result = CliRunner().invoke(cli, ["reindex", "--full", "--content",
                                      settings["CONTENT_DIR"], "--index", str(tmp_path / "x")])
    assert result.exit_code == 0 and "queued for the indexer" in result.output
    assert queued(settings["DATABASE_URL"]) == [("queued", True)]
    assert not (tmp_path / "x").exists()  # nothing built on this machine


def test_the_cluster_commands_say_what_they_need(settings, monkeypatch):
    monkeypatch.setenv("JOBBOARD_MODE", "single")
    refused = CliRunner().invoke(cli, ["indexer"])
    assert refused.exit_code == 2 and "JOBBOARD_MODE=cluster" in refused.output
    _env(settings, monkeypatch)
    assert CliRunner().invoke(cli, ["publish"]).exit_code == 2
    nothing = CliRunner().invoke(cli, ["publish", "--rollback"])
    assert nothing.exit_code == 2 and "nothing is published" in nothing.output
