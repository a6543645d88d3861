"""`jobboard indexer` (jobboard/cluster/leader.py): leadership, claims, git pull, publication."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import pytest

from jobboard.cluster import publish, queue
from jobboard.cluster.leader import Indexer, git_pull
from jobboard.hr.db import ReindexRun, database
from jobboard.search.engine import SearchIndex
from jobboard.search.query import SearchRequest

from .conftest import write


def until(condition, seconds=60.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


class Running:
    """An Indexer serving in a thread until the block ends."""

    def __init__(self, settings, **options):
        self.stop, self.lines = threading.Event(), []
        self.indexer = Indexer(settings, Path(settings["CONTENT_DIR"]),
                               Path(settings["INDEX_DIR"]), "http://indexer", procs=1,
                               poll_s=0.2, log=self.lines.append, **options)
        self.thread = threading.Thread(target=self.indexer.serve, args=(self.stop,))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(30)
        self.indexer.close()


def run_of(url, run_id) -> ReindexRun:
    with database(url).session() as session:
        return session.get(ReindexRun, run_id)


def published(url):
    with database(url).session() as session:
        generation = publish.current(session)
        return None if generation is None else (generation.number, generation.run_id)


def hits(settings, word) -> int:
    return SearchIndex(settings["INDEX_DIR"]).search(SearchRequest(q=word)).total


def test_the_first_leader_publishes_without_being_asked(settings):
    with Running(settings):
        until(lambda: published(settings["DATABASE_URL"]) is not None)
    number, run_id = published(settings["DATABASE_URL"])
    assert run_of(settings["DATABASE_URL"], run_id).outcome == "ok"


def test_a_queued_run_is_built_and_published(settings):
    url = settings["DATABASE_URL"]
    with Running(settings):
        until(lambda: published(url) is not None)
        write(Path(settings["CONTENT_DIR"]), "en", "zebra", "Zebra keeper", "zebra")
        run = queue.start(settings, "ana@example.ca", "web")
        until(lambda: run_of(url, run.id).finished)
    assert run_of(url, run.id).outcome == "ok" and published(url)[1] == run.id
    assert hits(settings, "zebra") == 1


def test_a_standby_waits_then_fails_the_dead_leaders_run(settings):
    url = settings["DATABASE_URL"]
    leader = Indexer(settings, Path(settings["CONTENT_DIR"]), Path(settings["INDEX_DIR"]),
                     "http://a", poll_s=0.2, log=lambda _: None)
    assert leader.lead(threading.Event())
    claimed = leader.claim()  # its first publication, queued at take-over
    assert claimed is not None
    with Running(settings) as standby:
        until(lambda: any("standby" in line for line in standby.lines))
        assert run_of(url, claimed.run_id).outcome == "running"  # the leader lives
        leader.close()  # its process died: PostgreSQL drops the lock
        until(lambda: run_of(url, claimed.run_id).finished)
        until(lambda: published(url) is not None)
    failed = run_of(url, claimed.run_id)
    assert failed.outcome == "failed" and "lock was released" in failed.error


def _git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.ca",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.ca",
                        "HOME": str(cwd), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def checkout(settings, tmp_path):
    """The content folder as a clone of a repository; returns a second working copy."""
    origin, author = tmp_path / "origin.git", tmp_path / "author"
    _git("init", "--bare", "-b", "main", str(origin), cwd=tmp_path)
    _git("clone", str(origin), str(author), cwd=tmp_path)
    write(author, "en", "developer", "Developer", "dev")
    write(author, "fr", "developpeur", "Développeur", "dev")
    _git("add", ".", cwd=author)
    _git("commit", "-m", "first", cwd=author)
    _git("push", "origin", "main", cwd=author)
    content = tmp_path / "checkout"
    _git("clone", str(origin), str(content), cwd=tmp_path)
    settings["CONTENT_DIR"] = str(content)
    return author


def test_a_push_is_pulled_before_the_reindex(settings, checkout):
    url = settings["DATABASE_URL"]
    with Running(settings):
        until(lambda: published(url) is not None)
        write(checkout, "en", "okapi", "Okapi ranger", "okapi")
        _git("add", ".", cwd=checkout)
        _git("commit", "-m", "okapi", cwd=checkout)
        _git("push", "origin", "main", cwd=checkout)
        run = queue.start(settings, None, "webhook", queue=True)
        until(lambda: run_of(url, run.id).finished)
    assert run_of(url, run.id).outcome == "ok" and hits(settings, "okapi") == 1


def test_git_pull_outside_a_checkout_does_nothing_and_a_diverged_one_says_why(settings,
                                                                             checkout):
    assert git_pull(Path(settings["INSTANCE_DIR"]).parent / "content") is None
    content = Path(settings["CONTENT_DIR"])
    write(content, "en", "local", "Local change", "local")
    _git("add", ".", cwd=content)
    _git("commit", "-m", "local", cwd=content)
    write(checkout, "en", "remote", "Remote change", "remote")
    _git("add", ".", cwd=checkout)
    _git("commit", "-m", "remote", cwd=checkout)
    _git("push", "origin", "main", cwd=checkout)
    error = git_pull(content)
    assert error and "git pull --ff-only" in error and str(content) in error
