"""The run queue in PostgreSQL (jobboard/cluster/queue.py): one running + one queued at most."""

from __future__ import annotations

import threading

import psycopg
import pytest
from sqlalchemy import func, select

from jobboard.cluster import queue
from jobboard.cluster.models import QueuedRun
from jobboard.hr.db import ReindexRun, database
from jobboard.hr.jobs import AlreadyRunning


def rows(url) -> dict[str, int]:
    with database(url).session() as session:
        return {row.state: row.run_id for row in session.scalars(select(QueuedRun))}


def hold_lock(url) -> psycopg.Connection:
    """A connection holding the indexer's leadership lock, as a live indexer would."""
    connection = psycopg.connect(queue.libpq_url(url), autocommit=True)
    connection.execute("SELECT pg_advisory_lock(%s, %s)", queue.LEADER_LOCK)
    return connection


def claim(url, run_id) -> None:
    with database(url).session() as session:
        session.get(QueuedRun, run_id).state = "running"
        session.get(ReindexRun, run_id).outcome = "running"


def test_a_click_queues_a_run_and_a_second_click_is_shown_it(settings):
    run = queue.start(settings, "ana@example.ca", "web")
    assert run.outcome == "queued" and rows(settings["DATABASE_URL"]) == {"queued": run.id}
    with pytest.raises(AlreadyRunning) as busy:
        queue.start(settings, "bo@example.ca", "web")
    assert busy.value.run.id == run.id


def test_a_webhook_joins_the_queued_run_and_queues_behind_a_running_one(settings):
    url = settings["DATABASE_URL"]
    first = queue.start(settings, None, "webhook", queue=True)
    assert queue.start(settings, None, "webhook", queue=True).id == first.id
    lock = hold_lock(url)
    try:
        claim(url, first.id)
        second = queue.start(settings, None, "webhook", queue=True)
        assert rows(url) == {"running": first.id, "queued": second.id}
        assert queue.start(settings, None, "webhook", queue=True).id == second.id
    finally:
        lock.close()


def test_simultaneous_clicks_on_two_nodes_make_one_run(settings):
    barrier, outcomes = threading.Barrier(4), []

    def click():
        barrier.wait()
        try:
            outcomes.append(queue.start(settings, "ana@example.ca", "web").id)
        except AlreadyRunning as busy:
            outcomes.append(("busy", busy.run.id))

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    started = [o for o in outcomes if not isinstance(o, tuple)]
    assert len(started) == 1 and all(o == ("busy", started[0]) for o in outcomes
                                     if isinstance(o, tuple))
    with database(settings["DATABASE_URL"]).session() as session:
        assert session.scalar(select(func.count()).select_from(ReindexRun)) == 1


def test_a_running_run_is_failed_only_when_nobody_holds_the_lock(settings):
    url = settings["DATABASE_URL"]
    run = queue.start(settings, None, "web")
    lock = hold_lock(url)
    claim(url, run.id)
    with database(url).session() as session:  # the indexer lives (on another host, say)
        assert queue.reconcile(session) is None
        assert queue.active_run(session).id == run.id
    lock.close()  # what PostgreSQL does when the indexer's process dies, kill -9 included
    with database(url).session() as session:
        status = queue.status(session, session.get(ReindexRun, run.id))
        assert status.state == "failed" and "lock was released" in status.error
        assert queue.active_run(session) is None
    assert rows(url) == {}


def test_a_queued_run_is_not_failed_while_no_indexer_runs(settings):
    run = queue.start(settings, None, "web")
    with database(settings["DATABASE_URL"]).session() as session:
        assert queue.reconcile(session) is None
        assert queue.status(session, session.get(ReindexRun, run.id)).state == "queued"
