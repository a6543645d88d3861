"""Full disks: reindexes on a small real tmpfs (mounted in a private mount namespace with
`unshare`, so nothing outlives the test). Before: builds ran until ENOSPC with a bare "No space
left on device", left partial folders, and said "the live index was not changed" when there
was none."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from helpers import CONTENT

from jobboard.search import store
from jobboard.search.indexer import reindex

BUILDS = """
import json, sys
from jobboard.search.indexer import reindex
from jobboard.search.store import Retention, live_path
content, index, minutes = sys.argv[1], sys.argv[2], float(sys.argv[3])
runs = []
for _ in range(8):
    report = reindex(content, index, full=True, retention=Retention(2, minutes))
    runs.append({"outcome": report.outcome, "error": report.error,
                 "generation": report.generation, "live": live_path(index).name})
print(json.dumps(runs))
"""


def in_small_disk(size: str, index, *command: str) -> subprocess.CompletedProcess:
    """Run command with a tmpfs of `size` mounted on index, in its own mount namespace."""
    index.mkdir(parents=True, exist_ok=True)
    script = f'mount -t tmpfs -o size={size} tmpfs "$1" && shift && exec "$@"'
    return subprocess.run(["unshare", "--mount", "--map-root-user", "sh", "-c", script, "sh",
                           str(index), *command], capture_output=True, text=True, timeout=300)


def test_full_builds_on_a_small_disk_stop_cleanly_and_retention_keeps_it_usable(tmp_path):
    index = tmp_path / "index"
    done = in_small_disk("6m", index, sys.executable, "-c",
                         BUILDS + "\nimport shutil, os\n"
                         "runs2 = []\n"
                         "for _ in range(8):\n"
                         "    r = reindex(content, index, full=True, retention=Retention(2, 0))\n"
                         "    runs2.append(r.outcome)\n"
                         "names = sorted(os.listdir(os.path.join(index, 'generations')))\n"
                         "print(json.dumps({'after': runs2, 'folders': names}))",
                         str(CONTENT), str(index), "60")
    assert done.returncode == 0, done.stderr
    first, second = (json.loads(line) for line in done.stdout.splitlines()[-2:])
    succeeded = [run for run in first if run["outcome"] != "failed"]
    failed = [run for run in first if run["outcome"] == "failed"]
    assert 2 <= len(succeeded) < 8 and failed  # young generations are kept until space runs out
    assert all(run["live"] == succeeded[-1]["generation"] for run in failed)
    assert "not enough free space in " in failed[0]["error"]
    assert str(index / "generations") in failed[0]["error"]
    assert "JOBBOARD_KEEP_GENERATIONS" in failed[0]["error"]
    assert set(second["after"]) == {"ok"}  # keeping 2 and no minimum age: every build fits
    assert len(second["folders"]) <= 3


def test_a_first_build_that_cannot_fit_says_there_is_no_live_index(tmp_path):
    index = tmp_path / "index"
    done = in_small_disk("1m", index, sys.executable, "-c",
                         "from jobboard.cli import main; main()", "reindex", "--content",
                         str(CONTENT), "--index", str(index))
    assert done.returncode == 2, done.stderr
    assert "not enough free space in " in done.stderr
    assert "There is no live index yet" in done.stderr
    assert "The live index was not changed" not in done.stderr


def test_folders_of_failed_builds_are_deleted(tmp_path):
    index = tmp_path / "index"
    good = reindex(CONTENT, index)
    partial = index / "generations" / "g000099"
    partial.mkdir()
    (partial / "_MAIN_1.toc").write_bytes(b"half written")
    finished_but_old = index / "generations" / "g000000"
    shutil.copytree(store.live_path(index), finished_but_old)
    report = reindex(CONTENT, index, retention=store.Retention(1, 0))
    assert report.outcome == "ok" and not partial.exists() and not finished_but_old.exists()
    assert not (index / "generations" / good.generation).exists()
