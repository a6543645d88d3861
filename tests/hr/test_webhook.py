"""POST /hooks/reindex (jobboard/hr/webhook.py): signature, replay, queueing, no secret."""

import hashlib
import hmac
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from jobboard import create_app
from jobboard.hr import webhook
from jobboard.hr.db import ReindexRun
from jobboard.search import store

from .test_jobs import wait_for

SECRET = "hook-secret"  # settings["WEBHOOK_SECRET"] in conftest
BODY = json.dumps({"ref": "refs/heads/main", "pusher": {"name": "ana"}}).encode()


def sign(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def push(client, body=BODY, signature=None, delivery="d-1", header="X-GitHub-Delivery",
         **headers):
    headers = {"X-Hub-Signature-256": sign(body) if signature is None else signature,
               "Content-Type": "application/json", **headers}
    if delivery:
        headers[header] = delivery
    if signature == "":
        del headers["X-Hub-Signature-256"]
    return client.post("/hooks/reindex", data=body, headers=headers)


def runs_in(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(ReindexRun))


@pytest.mark.parametrize(("header", "expected"), [
    (sign(b"{}"), True),
    (sign(b"{}").upper().replace("SHA256=", "sha256="), True),  # hex case does not matter
    (sign(b"{} "), False),  # another body
    (sign(b"{}", "other secret"), False),
    (sign(b"{}").removeprefix("sha256="), False),  # the prefix is required
    ("sha1=" + hmac.new(SECRET.encode(), b"{}", hashlib.sha1).hexdigest(), False),
    ("", False),
    (None, False),
])
def test_signature_ok(header, expected):
    assert webhook.signature_ok(SECRET, b"{}", header) is expected


def test_signed_push_starts_a_reindex(client, db):
    response = push(client)
    assert response.status_code == 202, response.get_json()
    answer = response.get_json()
    assert answer["status"] == "running" and answer["url"].endswith(f"/en/hr/runs/{answer['run']}")
    run = wait_for(db, answer["run"])
    assert (run.trigger, run.who, run.outcome) == ("webhook", "ana", "problems")


def test_gitlab_delivery_header_and_user_are_understood(client, db):
    body = json.dumps({"object_kind": "push", "user_username": "bo"}).encode()
    response = push(client, body, delivery="gl-1", header="X-Gitlab-Event-UUID")
    assert response.status_code == 202
    assert wait_for(db, response.get_json()["run"]).who == "bo"


@pytest.mark.parametrize("signature", ["", "sha256=" + "0" * 64, sign(BODY, "wrong")])
def test_bad_or_missing_signature_is_401_and_starts_nothing(client, db, signature):
    response = push(client, signature=signature)
    assert response.status_code == 401
    assert runs_in(db) == 0


def test_replayed_delivery_is_ignored(client, db):
    first = push(client, delivery="same-id").get_json()
    wait_for(db, first["run"])
    again = push(client, delivery="same-id")
    assert again.status_code == 200
    assert again.get_json()["status"] == "duplicate" and again.get_json()["run"] == first["run"]
    assert runs_in(db) == 1


def test_missing_delivery_id_is_refused(client, db):
    assert push(client, delivery=None).status_code == 400
    assert runs_in(db) == 0


def test_ping_answers_without_reindexing(client, db):
    response = push(client, **{"X-GitHub-Event": "ping"})
    assert response.status_code == 200 and response.get_json() == {"status": "pong"}
    assert runs_in(db) == 0


def test_no_secret_means_no_hook(settings, app, db):
    off = create_app({"TESTING": True, **settings, "WEBHOOK_SECRET": None})
    assert push(off.test_client()).status_code == 404
    assert runs_in(db) == 0


def test_pushes_during_a_reindex_queue_one_run(client, db, settings):
    with store.writer_lock(Path(settings["INDEX_DIR"])):
        first = push(client, delivery="p-1").get_json()
        second = push(client, delivery="p-2").get_json()
        assert first["status"] == second["status"] == "queued"
        assert first["run"] == second["run"]  # one waiting run reads both pushes' files
    assert wait_for(db, first["run"]).outcome == "problems"
    assert runs_in(db) == 1


def test_webhook_needs_no_csrf_token_but_hr_pages_do(client):
    assert push(client).status_code == 202
    assert client.post("/en/hr/reindex").status_code == 400


@pytest.mark.parametrize(("body", "who"), [
    (b'{"pusher": {"name": "ana"}}', "ana"),
    (b'{"user_username": "bo"}', "bo"),
    (b'{"pusher": "not an object"}', None),
    (b"[1, 2]", None),
    (b"payload=%7B%7D", None),  # GitHub's form encoding: no name, still a valid push
])
def test_pusher(body, who):
    assert webhook.pusher(body) == who
