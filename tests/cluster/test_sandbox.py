"""`scripts/cluster start` / `stop` (jobboard/cluster/sandbox.py): the fixed interface."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from jobboard.cluster.sandbox import get_json

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"haproxy", "nodes", "node_pids", "indexer_pid", "content", "webhook_secret",
        "database_url"}

pytestmark = pytest.mark.slow


def cluster(*args, state: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ROOT / "scripts" / "cluster"), *args], capture_output=True,
                          text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, "JOBBOARD_CLUSTER_STATE": str(state)})


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_start_prints_one_json_line_and_stop_removes_everything(tmp_path):
    state = tmp_path / "state.json"
    started = cluster("start", "--nodes", "2", state=state)
    assert started.returncode == 0, started.stderr[-3000:]
    lines = started.stdout.splitlines()
    assert len(lines) == 1
    facts = json.loads(lines[0])
    try:
        assert set(facts) >= KEYS and len(facts["nodes"]) == len(facts["node_pids"]) == 2
        health = [get_json(url + "/healthz")[1] for url in facts["nodes"]]
        assert len({(h["generation"], h["published"]) for h in health}) == 1
        assert health[0]["generation"] == health[0]["published"] is not None
        assert get_json(facts["haproxy"] + "/api/v1/search?q=")[0] == 200
        assert Path(facts["content"], "en").is_dir()  # a copy of the sample content
        assert cluster("start", state=state).returncode == 2  # one at a time
    finally:
        stopped = cluster("stop", state=state)
    assert stopped.returncode == 0, stopped.stderr[-3000:]
    assert not any(alive(pid) for pid in [*facts["node_pids"], facts["indexer_pid"]])
    assert not Path(facts["content"]).exists() and not state.exists()
