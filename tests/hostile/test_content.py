"""Hostile content: symbolic links, link loops, a quadratic-regex bait, NUL and control
characters, and loads that would change the index drastically. Each attack runs bounded in
time (a subprocess with a timeout), never as a speed assertion."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CONTENT

from jobboard.postings import MAX_FILE_BYTES, load_all, load_posting
from jobboard.search import store
from jobboard.search.engine import SearchIndex
from jobboard.search.indexer import reindex
from jobboard.search.query import SearchRequest

LIMIT_S = 120  # a bound for the process, far above the normal seconds, far below the attack's


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def cli(*args: str, timeout: float = LIMIT_S) -> subprocess.CompletedProcess:
    """`jobboard ARGS` in its own process, killed after timeout (the test then fails)."""
    return subprocess.run([sys.executable, "-c", "from jobboard.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "JOBBOARD_DATABASE_URL": "sqlite://"})


def outside_files(tmp_path: Path) -> Path:
    """A folder outside the content: a posting holding secrets, and a broken file."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(
        "---\ntitle: Secret\n---\npassword hunter2, key sk-live-1234\n", encoding="utf-8")
    (outside / "broken.md").write_text(
        "---\ntitle: 'it's secret_token=abc123'\n---\nx\n", encoding="utf-8")
    return outside


def test_a_folder_link_loop_is_reported_not_followed(content, tmp_path):
    index_dir = tmp_path / "index"
    first = reindex(content, index_dir)
    (content / "en" / "loop").symlink_to("..")
    done = cli("reindex", "--content", str(content), "--index", str(index_dir))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "en/loop: [folder] this folder is a symbolic link" in done.stdout
    report = store.Generation.live(index_dir).build
    assert report["per_language"] == first.per_language
    assert (report["added"], report["removed"], report["updated"]) == (0, 0, 0)


def test_links_out_of_the_content_folder_are_never_read(content, tmp_path):
    outside = outside_files(tmp_path)
    (content / "en" / "outside.md").symlink_to(outside / "secret.md")
    (content / "en" / "hint.md").symlink_to(outside / "broken.md")
    (content / "fr" / "outside-dir").symlink_to(outside)
    loaded = load_all(content)
    problems = {p.file: p for p in loaded.problems}
    for rel in ("en/outside.md", "en/hint.md", "fr/outside-dir"):
        assert "symbolic link" in problems[rel].reason and problems[rel].severity == "error"
    assert all("outside" not in entry.path for entry in loaded.entries)
    said = json.dumps([str(p) for p in loaded.problems])
    assert "abc123" not in said and "hunter2" not in said
    index_dir = tmp_path / "index"
    report = reindex(content, index_dir)
    assert report.outcome == "problems"
    assert SearchIndex(index_dir).search(SearchRequest(q="hunter2")).total == 0


def test_a_file_swapped_for_a_link_after_the_walk_is_not_read(content, tmp_path):
    outside = outside_files(tmp_path)
    link = content / "en" / "swapped.md"
    link.symlink_to(outside / "secret.md")
    posting, problems = load_posting(link, content)
    assert posting is None and "symbolic link" in problems[0].reason


@pytest.mark.parametrize(("target", "reason"), [("loop.md", "it loops"),
                                                ("nowhere.md", "it points nowhere")])
def test_file_links_that_loop_or_dangle_say_so(content, target, reason):
    (content / "en" / "loop.md").symlink_to(target)
    problem = next(p for p in load_all(content).problems if p.file == "en/loop.md")
    assert reason in problem.reason and "broken link" not in problem.reason


def swap_languages(content: Path) -> None:
    (content / "en").rename(content / "xx")
    (content / "fr").rename(content / "en")
    (content / "xx").rename(content / "fr")


def test_a_load_that_swaps_languages_keeps_the_live_index_unless_forced(content, tmp_path):
    index_dir = tmp_path / "index"
    good = reindex(content, index_dir)
    swap_languages(content)
    refused = cli("reindex", "--content", str(content), "--index", str(index_dir))
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert "The live index was not changed" in refused.stderr
    assert store.live_path(index_dir).name == good.generation
    forced = cli("reindex", "--force", "--content", str(content), "--index", str(index_dir))
    assert forced.returncode in (0, 1), forced.stderr
    assert store.live_path(index_dir).name != good.generation


def test_a_load_that_loses_a_large_share_of_postings_is_refused(content, tmp_path):
    index_dir = tmp_path / "index"
    good = reindex(content, index_dir)
    files = sorted((content / "en").glob("*.md"))
    for path in files[: len(files) // 2]:
        path.unlink()
    refused = reindex(content, index_dir)
    assert refused.outcome == "failed" and "the live index was kept" in refused.error
    assert store.live_path(index_dir).name == good.generation
    files[-1].unlink()  # losing one more is fine once accepted
    assert reindex(content, index_dir, force=True).outcome == "ok"
    assert reindex(content, index_dir).removed == 0


def adversarial_yaml(path: Path, shape: str) -> None:
    """A file just under the size limit whose YAML error line is about 1 MiB long."""
    long = (MAX_FILE_BYTES - 200) // 2
    if shape == "spaces":  # the attack: 'a' + spaces + 'b', twice
        line = "a" + " " * long + "b"
        text = f"---\ntitle: x\n{line}\n{line}\n---\nbody\n"
    else:  # an apostrophe hint quoting a 2 MiB line
        text = "---\ntitle: 'it's " + "x" * (2 * long - 20) + "'\n---\nbody\n"
    path.write_text(text, encoding="utf-8")
    assert MAX_FILE_BYTES - 1024 < path.stat().st_size <= MAX_FILE_BYTES


CHECK_ONE = """
import sys
from pathlib import Path
from jobboard.postings import load_posting
posting, problems = load_posting(Path(sys.argv[1]), Path(sys.argv[2]))
print(len(str(problems[-1])), problems[-1].reason)
"""


@pytest.mark.parametrize("shape", ["spaces", "apostrophe"])
def test_a_2_mib_yaml_error_is_explained_in_bounded_time(content, shape):
    path = content / "en" / "bait.md"
    adversarial_yaml(path, shape)
    done = subprocess.run([sys.executable, "-c", CHECK_ONE, str(path), str(content)],
                          capture_output=True, text=True, timeout=60)
    length, reason = done.stdout.split(" ", 1)
    assert done.returncode == 0 and int(length) < 1000, done.stderr  # the hint is bounded too
    assert ("apostrophe" in reason) == (shape == "apostrophe")


def test_a_nul_byte_anywhere_is_a_reported_problem(content):
    path = content / "en" / "nul.md"
    path.write_bytes(b"---\ntitle: NUL\n---\n" + b"word " * 2000 + b"\nlast\x00line\n")
    posting, problems = load_posting(path, content)
    assert posting is None and problems[0].line == 5 and "NUL" in problems[0].reason


def test_control_characters_are_removed_and_reported(content):
    path = content / "en" / "control.md"
    path.write_text('---\ntitle: "Dev\\x01eloper\\0"\ndescription: "a\\x0bb"\n---\n'
                    "Body with a bell\x07 character.\n", encoding="utf-8")
    posting, problems = load_posting(path, content)
    assert (posting.title, posting.description) == ("Developer", "ab")
    assert "\x07" not in posting.body
    assert {p.field for p in problems if p.severity == "warning"} >= {"file", "title",
                                                                       "description"}
