"""POST /hooks/reindex: a content repository push (GitHub or GitLab) starts a reindex.

    X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed by WEBHOOK_SECRET>
    X-GitHub-Delivery or X-Gitlab-Event-UUID: the delivery id; one already acted on is ignored

No secret configured: 404 (the hook is off). Bad or missing signature: 401, nothing happens.
A push while a reindex runs queues one more run (at most one waits), so no push is missed;
a push while one waits changes nothing (a replayed body under a new delivery id included), so
runs cannot pile up. Bodies over WEBHOOK_MAX_BYTES get 413 without being read.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, jsonify, request, url_for
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import RequestEntityTooLarge

from jobboard.hr import jobs
from jobboard.hr.db import ReindexRun, WebhookDelivery, database, database_url
from jobboard.hr.web import settings
from jobboard.search import store

DELIVERY_HEADERS = ("X-GitHub-Delivery", "X-Gitlab-Event-UUID")
bp = Blueprint("hooks", __name__)


@dataclass(frozen=True)
class Answer:
    """HTTP status and JSON body of a webhook call."""

    status: int
    body: dict


def signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    """True when header is "sha256=" + the HMAC-SHA256 of body keyed by secret."""
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256=").strip().lower())


def delivery_id(headers) -> str | None:
    return next((headers[name] for name in DELIVERY_HEADERS if headers.get(name)), None)


def handle(settings: dict, body: bytes, headers) -> Answer:
    """Decide what a webhook call does; starts (or queues) a run when it is a new delivery."""
    secret = settings.get("WEBHOOK_SECRET")
    if not secret:
        return Answer(404, {"error": "not found"})
    if not signature_ok(secret, body, headers.get("X-Hub-Signature-256")):
        return Answer(401, {"error": "bad or missing X-Hub-Signature-256"})
    if headers.get("X-GitHub-Event") == "ping":
        return Answer(200, {"status": "pong"})
    delivery = (delivery_id(headers) or "")[:128]
    if not delivery:
        # Signed bodies can be replayed; the delivery id is what makes a replay detectable.
        return Answer(400, {"error": "missing X-GitHub-Delivery or X-Gitlab-Event-UUID"})
    db = database(database_url(settings))
    try:
        with db.session() as session:
            session.add(WebhookDelivery(delivery_id=delivery))
    except IntegrityError:
        with db.session() as session:
            seen = session.scalar(select(WebhookDelivery).where(
                WebhookDelivery.delivery_id == delivery))
            return Answer(200, {"status": "duplicate", "run": seen.run_id if seen else None})
    this_delivery = WebhookDelivery.delivery_id == delivery
    try:
        run, status = _start_or_join(settings, db, pusher(body))
    except BaseException:
        with db.session() as session:  # forget the delivery so a redelivery can retry
            session.execute(delete(WebhookDelivery).where(this_delivery))
        raise
    with db.session() as session:
        session.execute(update(WebhookDelivery).where(this_delivery).values(run_id=run.id))
    return Answer(202, {"status": status, "run": run.id})


def pusher(body: bytes) -> str | None:
    """Who pushed, from a GitHub (pusher.name) or GitLab (user_username) push payload."""
    try:
        payload = json.loads(body)
    except ValueError:
        return None
    if not isinstance(payload, dict):
        return None
    pushed_by = payload.get("pusher")
    name = (pushed_by.get("name") if isinstance(pushed_by, dict) else None) \
        or payload.get("user_username")
    return str(name)[:300] if name else None


@contextmanager
def _one_push_at_a_time(index_dir: Path):
    """Pushes decide to join or start one at a time, across workers: two concurrent pushes
    (or replays under new delivery ids) would otherwise both see no queued run and queue two."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / ".webhook.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the flock


def _start_or_join(settings: dict, db, who: str | None) -> tuple[ReindexRun, str]:
    """Join a queued run that has not started reading files (it will see this push's)."""
    if settings.get("MODE") == "cluster":  # the indexer pulls and reindexes; any node queues
        from jobboard.cluster import queue

        run = queue.start(settings, who, "webhook", queue=True)
        return run, run.outcome
    with _one_push_at_a_time(Path(settings["INDEX_DIR"])):
        return _start_or_join_now(settings, db, who)


def _start_or_join_now(settings: dict, db, who: str | None) -> tuple[ReindexRun, str]:
    with db.session() as session:
        jobs.reconcile(session)
        waiting = session.scalar(select(ReindexRun).where(
            ReindexRun.outcome == "queued").order_by(ReindexRun.id))
    holder = (store.running(Path(settings["INDEX_DIR"])) or {}).get("pid")
    if waiting is not None and (waiting.pid is None or waiting.pid != holder):
        return waiting, "queued"
    run = jobs.start(settings, who, "webhook", queue=True)
    return run, run.outcome


@bp.post("/hooks/reindex")
def reindex_hook():
    """The webhook endpoint (no CSRF: the HMAC signature authenticates it)."""
    limit = int(settings()["WEBHOOK_MAX_BYTES"])
    request.max_content_length = limit
    try:
        body = request.get_data()
    except RequestEntityTooLarge:
        return jsonify({"error": f"the body is over {limit} bytes"}), 413
    answer = handle(settings(), body, request.headers)
    body = dict(answer.body)
    if body.get("run"):
        body["url"] = url_for("hr.run", lang="en", run_id=body["run"], _external=True)
    return jsonify(body), answer.status
