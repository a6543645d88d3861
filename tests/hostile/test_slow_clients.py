"""Slow clients against `jobboard serve` (real gunicorn, 2 workers): 50 sockets sending their
headers a byte at a time must not stop a normal request (before: 2 such sockets did), and
gunicorn's own error answers carry the security headers. Bounded: every socket has a timeout
and the server is stopped by its pid."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from helpers import CONTENT
from test_server import free_port

from jobboard.search.indexer import reindex
from jobboard.worker import REQUEST_SECONDS

SLOW_CLIENTS = 50


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("slow-board")
    reindex(CONTENT, tmp / "index")
    port = free_port()
    env = {**os.environ, "JOBBOARD_INSTANCE_DIR": str(tmp / "instance"),
           "JOBBOARD_DATABASE_URL": f"sqlite:///{tmp / 'hr.sqlite3'}"}
    process = subprocess.Popen(
        [sys.executable, "-c", "from jobboard.cli import main; main()", "serve", "--port",
         str(port), "--workers", "2", "--content", str(CONTENT), "--index", str(tmp / "index")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 90
        while not answers(port):
            assert process.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.3)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as reply:
            return reply.status == 200
    except OSError:
        return False


def drip(port: int, stop: threading.Event, closed: list) -> None:
    """Send a request head one byte every 0.3 s, reconnecting when the server drops us."""
    head = b"GET /en/jobs HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 1000
    while not stop.is_set():
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            try:
                for byte in head:
                    if stop.wait(0.3):
                        return
                    sock.sendall(bytes([byte]))
            except OSError:
                closed.append(time.monotonic())


def test_fifty_slow_clients_do_not_stop_the_board(board):
    stop, closed = threading.Event(), []
    threads = [threading.Thread(target=drip, args=(board, stop, closed), daemon=True)
               for _ in range(SLOW_CLIENTS)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)  # every slow client is connected and dripping
        answered = []
        for path in ("/en/jobs?q=developer", "/fr/emplois", "/api/v1/search?q=data",
                     "/healthz", "/en/jobs/feed.atom"):
            with urllib.request.urlopen(f"http://127.0.0.1:{board}{path}", timeout=5) as reply:
                answered.append(reply.status)
        assert answered == [200] * 5
        time.sleep(REQUEST_SECONDS + 2)
        assert len(closed) >= SLOW_CLIENTS  # each was dropped after REQUEST_SECONDS
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=10)


def test_gunicorns_own_errors_carry_the_security_headers(board):
    with socket.create_connection(("127.0.0.1", board), timeout=10) as sock:
        sock.sendall(b"GET /api/v1/search?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414")
    assert b"Content-Security-Policy: default-src 'self'" in head
    assert b"X-Content-Type-Options: nosniff" in head and b"text/plain" in head
    assert b"<html" not in body


def test_a_whole_request_sent_in_pieces_is_answered(board):
    with socket.create_connection(("127.0.0.1", board), timeout=10) as sock:
        for piece in (b"GET /healthz HTTP/1.1\r\n", b"Host: x\r\n", b"Connection: close\r\n",
                      b"\r\n"):
            sock.sendall(piece)
            time.sleep(0.2)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200")
