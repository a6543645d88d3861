"""Request bodies are bounded per route (413 before reading), and webhook replays with new
delivery ids cannot pile up runs."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from hr.conftest import csrf_token
from hr.test_jobs import wait_for
from hr.test_webhook import push, runs_in, sign

from jobboard.hr.db import database
from jobboard.search import store


class CountingStream(io.RawIOBase):
    """A request body of `size` bytes that counts how many were read."""

    def __init__(self, size: int):
        self.size, self.position, self.read_bytes = size, 0, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:  # the test client measures the body by seeking, never reads
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        self.position = offset + (self.size if whence == 2 else 0)
        return self.position

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer) -> int:
        count = max(0, min(len(buffer), self.size - self.position))
        buffer[:count] = b"x" * count
        self.position += count
        self.read_bytes += count
        return count


@pytest.mark.parametrize("path", ["/hooks/reindex", "/en/hr/login", "/en/hr/reindex"])
def test_a_50_mb_body_is_refused_with_413_without_being_read(hr_client, path):
    body = CountingStream(50 * 1024 * 1024)
    response = hr_client.post(path, input_stream=body, headers={
        "Content-Length": str(body.size), "Content-Type": "application/x-www-form-urlencoded",
        "X-Hub-Signature-256": sign(b"x"), "X-GitHub-Delivery": "big"})
    assert response.status_code == 413 and body.read_bytes == 0


def test_the_limits_leave_room_for_real_requests(hr_client):
    token = csrf_token(hr_client)
    response = hr_client.post("/en/hr/login", data={
        "email": "ana@example.ca", "password": "x" * 4000, "csrf_token": token})
    assert response.status_code == 401
    big_push = b'{"pusher": {"name": "ana"}, "commits": "' + b"c" * 2_000_000 + b'"}'
    assert push(hr_client, big_push, delivery="large").status_code == 202


def test_concurrent_replays_with_new_delivery_ids_queue_one_run(hr_app, settings):
    db = database(settings["DATABASE_URL"])
    answers, barrier = [], threading.Barrier(8)

    def replay(number: int) -> None:
        client = hr_app.test_client()
        barrier.wait(timeout=30)
        answers.append(push(client, delivery=f"replay-{number}").get_json())

    with store.writer_lock(Path(settings["INDEX_DIR"])):
        threads = [threading.Thread(target=replay, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert len(answers) == 8 and {a["status"] for a in answers} == {"queued"}
        assert len({a["run"] for a in answers}) == 1
        assert runs_in(db) == 1
    assert wait_for(db, answers[0]["run"]).finished
