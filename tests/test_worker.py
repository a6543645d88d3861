"""jobboard/worker.py under real gunicorn: a worker whose threads are all busy leaves new
connections to a worker with a free thread (the balancing that keeps p95 near p50)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from test_server import free_port

# A WSGI app that answers with its process id, after a pause on /slow.
APP = '''
import os, time
def app(environ, start_response):
    if environ["PATH_INFO"] == "/slow":
        time.sleep(0.6)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [str(os.getpid()).encode()]
'''
PAIRS = 8  # a broken gate sends both requests of a pair to one worker about half the time


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory):
    """gunicorn, 2 BufferingWorkers of 1 thread each, serving APP on a free loopback port."""
    folder = tmp_path_factory.mktemp("worker-app")
    (folder / "pid_app.py").write_text(APP)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(folder), str(Path.cwd())])}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--threads", "1", "--worker-class", "jobboard.worker.BufferingWorker",
         "--no-control-socket", "pid_app:app"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=folder)
    try:
        deadline = time.monotonic() + 30
        while len({get(port, "/") for _ in range(20)} - {None}) < 2:
            assert process.poll() is None and time.monotonic() < deadline, \
                "gunicorn did not start both workers"
            time.sleep(0.2)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def get(port: int, path: str) -> str | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as reply:
            return reply.read().decode()
    except OSError:
        return None


def test_a_busy_worker_leaves_the_next_connection_to_the_other(two_workers):
    for _ in range(PAIRS):
        answers: list[str | None] = []
        first = threading.Thread(target=lambda found: found.append(get(two_workers, "/slow")),
                                 args=(answers,))
        first.start()
        time.sleep(0.2)  # the first request is in its worker's only thread
        answers.append(get(two_workers, "/slow"))
        first.join(timeout=15)
        assert None not in answers and len(answers) == 2
        assert answers[0] != answers[1], "both requests went to one worker"
