"""deploy/haproxy.cfg (jobboard/cluster/haproxy.py): what is shipped is what is tested."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from jobboard.cluster import haproxy

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_file_is_the_rendered_configuration():
    assert (ROOT / "deploy" / "haproxy.cfg").read_text() == haproxy.shipped()


def test_haproxy_accepts_it(tmp_path):
    program = shutil.which("haproxy") or "/usr/sbin/haproxy"
    assert Path(program).exists(), "haproxy is missing: ./scripts/test installs it"
    config = tmp_path / "haproxy.cfg"
    config.write_text(haproxy.config("127.0.0.1:1", ["127.0.0.1:2", "127.0.0.1:3"],
                                     "127.0.0.1:4"))
    checked = subprocess.run([program, "-c", "-f", str(config)], capture_output=True,
                             text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_health_checks_and_retries_are_configured():
    text = haproxy.config("127.0.0.1:1", ["127.0.0.1:2"], "127.0.0.1:4")
    for line in ("http-check send meth GET uri /healthz", "option redispatch",
                 "retry-on conn-failure", "http-request disable-l7-retry if METH_POST",
                 "option forwardfor", "server node1 127.0.0.1:2 check"):
        assert line in text
