"""`jobboard serve` (jobboard/server.py and its CLI command): gunicorn, index built when missing."""

from __future__ import annotations

import gc
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from helpers import CONTENT

from jobboard.cli import cli
from jobboard.search.indexer import reindex
from jobboard.search.store import live_path
from jobboard.server import Server, collector_policy, index_problem, options


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> bytes:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[0]
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in {seconds} s")


def test_gunicorn_options():
    assert options("0.0.0.0", 9000, 3) == {
        "bind": "0.0.0.0:9000", "workers": 3, "accesslog": "-", "proc_name": "jobboard",
        "timeout": 60, "control_socket_disable": True}


def test_serve_builds_the_missing_index_then_serves(tmp_path):
    port, index_dir = free_port(), tmp_path / "index"
    env = {**os.environ, "JOBBOARD_INSTANCE_DIR": str(tmp_path / "instance"),
           "JOBBOARD_DATABASE_URL": f"sqlite:///{tmp_path / 'hr.sqlite3'}"}
    process = subprocess.Popen(
        [sys.executable, "-c", "from jobboard.cli import main; main()", "serve",
         "--port", str(port), "--workers", "1", "--content", str(CONTENT),
         "--index", str(index_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    try:
        health = json.loads(wait_for(f"http://127.0.0.1:{port}/healthz", process))
        assert health["status"] == "ok" and health["documents"] == 48
        assert (index_dir / "live").is_symlink()
        page = wait_for(f"http://127.0.0.1:{port}/fr/emplois?q=developpeur", process)
        assert b'<html lang="fr">' in page and b"<mark>" in page
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert "is missing: building it" in output and "Starting gunicorn" in output


def test_index_problem(sample_index_dir, tmp_path):
    assert index_problem(tmp_path / "nothing") == "missing"
    assert index_problem(sample_index_dir) is None
    copy = tmp_path / "index"
    reindex(CONTENT, copy)
    build = live_path(copy) / "build.json"
    build.write_text(json.dumps({**json.loads(build.read_text()), "fingerprint": "3:3.54.0:old"}))
    assert index_problem(copy) == "outdated"


def test_serve_command_options(runner):
    result = runner.invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workers", "--content", "--index"):
        assert option in result.output
    assert runner.invoke(cli, ["serve", "--workers", "0"]).exit_code == 2


def test_workers_open_generations_under_the_servers_collector_policy(sample_index_dir, tmp_path):
    gc.unfreeze()
    settings = {"INDEX_DIR": str(sample_index_dir), "INSTANCE_DIR": str(tmp_path),
                "CONTENT_DIR": str(CONTENT)}
    app = Server(settings, options("127.0.0.1", free_port(), 1)).load()
    try:
        assert app.extensions["search_index"].opening is collector_policy
        assert gc.isenabled() and gc.get_freeze_count() > 0  # the warmed generation, frozen
    finally:
        gc.unfreeze()
