"""Publishing (jobboard/cluster/publish.py): one transaction, compare-and-set, NOTIFY, rollback."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from jobboard.cluster import publish, queue
from jobboard.cluster.models import GENERATIONS_CHANNEL, Generation
from jobboard.hr.db import database
from jobboard.search import store
from jobboard.search.indexer import reindex

from .conftest import write


def build(settings) -> Path:
    report = reindex(settings["CONTENT_DIR"], settings["INDEX_DIR"])
    return Path(settings["INDEX_DIR"]) / "generations" / report.generation


def pointer(url) -> int | None:
    with database(url).session() as session:
        return publish.pointer(session).number


def put(settings, folder, expected, **options) -> int:
    with database(settings["DATABASE_URL"]).session() as session:
        return publish.publish(session, folder, "http://indexer", expected=expected,
                               **options).number


def listener(url) -> psycopg.Connection:
    connection = psycopg.connect(queue.libpq_url(url), autocommit=True)
    connection.execute(f"LISTEN {GENERATIONS_CHANNEL}")
    return connection


def heard(connection) -> list[str]:
    return [n.payload for n in connection.notifies(timeout=0.5, stop_after=5)]


def test_manifest_lists_every_shipped_file_with_size_and_digest(settings):
    folder = build(settings)
    manifest = publish.manifest_of(folder)
    files = {p.name for p in folder.iterdir() if p.is_file() and publish.shipped(p.name)}
    assert set(manifest) == files and "build.json" in files
    name = next(iter(manifest))
    assert manifest[name] == [(folder / name).stat().st_size,
                              publish.sha256_file(folder / name)]


def test_publish_moves_the_pointer_and_notifies_numbers_from_the_sequence(settings):
    url, ear = settings["DATABASE_URL"], listener(settings["DATABASE_URL"])
    first = put(settings, build(settings), None)
    write(Path(settings["CONTENT_DIR"]), "en", "economist", "Economist", "eco")
    second = put(settings, build(settings), first)
    assert second > first and pointer(url) == second
    assert heard(ear) == [str(first), str(second)]
    ear.close()


def test_a_stale_expectation_changes_nothing_and_notifies_nobody(settings):
    url = settings["DATABASE_URL"]
    first = put(settings, build(settings), None)
    ear = listener(url)
    with pytest.raises(publish.PublishError, match="changed during the run"):
        put(settings, build(settings), None)  # started before `first` was published
    assert pointer(url) == first and heard(ear) == []
    with database(url).session() as session:
        assert session.query(Generation).count() == 1
    ear.close()


def test_an_indexer_that_lost_its_lock_cannot_publish(settings):
    url = settings["DATABASE_URL"]
    holder = psycopg.connect(queue.libpq_url(url), autocommit=True)
    stale = psycopg.connect(queue.libpq_url(url), autocommit=True)  # never got / lost it
    holder.execute("SELECT pg_advisory_lock(%s, %s)", queue.LEADER_LOCK)
    folder = build(settings)
    with pytest.raises(publish.PublishError, match="lost its leadership"):
        put(settings, folder, None, leader_pid=stale.info.backend_pid)
    assert pointer(url) is None
    assert put(settings, folder, None, leader_pid=holder.info.backend_pid) is not None
    holder.close()
    stale.close()


def test_rollback_publishes_a_new_number_with_the_older_files(settings):
    url = settings["DATABASE_URL"]
    first = put(settings, build(settings), None)
    write(Path(settings["CONTENT_DIR"]), "en", "economist", "Economist", "eco")
    second = put(settings, build(settings), first)
    rolled = publish.rollback(settings, Path(settings["INDEX_DIR"]))
    assert rolled.number > second and rolled.rollback_of == first and pointer(url) == rolled.number
    with database(url).session() as session:
        assert rolled.manifest == session.get(Generation, first).manifest
    live = store.live_path(Path(settings["INDEX_DIR"]))  # the indexer builds on it next
    assert live.name == rolled.folder and (live / "build.json").exists()
    with pytest.raises(publish.PublishError, match="never published"):
        publish.rollback(settings, Path(settings["INDEX_DIR"]), to=99)


def test_rollback_with_nothing_published_says_so(settings):
    with pytest.raises(publish.PublishError, match="nothing is published"):
        publish.rollback(settings, Path(settings["INDEX_DIR"]))


def test_nodes_open_generations_built_with_their_fingerprint(settings):
    folder = build(settings)
    assert publish.openable(store.Generation.at(folder).fingerprint)
    assert not publish.openable("0:0.0.0:0123abcd")


def test_cluster_processes_keep_five_generations_and_thirty_minutes(settings):
    from jobboard.cluster import retention

    kept_by_cluster = retention({**settings, "KEEP_GENERATIONS": 1, "KEEP_MINUTES": 0})
    assert (kept_by_cluster.generations, kept_by_cluster.minutes) == (5, 30)
    index = Path(settings["INDEX_DIR"])
    for n in range(7):
        write(Path(settings["CONTENT_DIR"]), "en", f"job{n}", f"Job {n}", f"job{n}")
        reindex(settings["CONTENT_DIR"], index, retention=kept_by_cluster)
    assert len(list((index / "generations").glob("g*"))) == 7  # all younger than 30 minutes
    reindex(settings["CONTENT_DIR"], index,
            retention=store.Retention(kept_by_cluster.generations, minutes=0))
    assert len(list((index / "generations").glob("g*"))) == 5
