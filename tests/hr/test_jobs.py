import os
import subprocess
import time
from pathlib import Path

import pytest

from jobboard.hr import history, jobs
from jobboard.hr.db import ReindexRun
from jobboard.search import store

from .conftest import sample_content


def wait_for(db, run_id: int, timeout: float = 60) -> ReindexRun:
    """The run once it has finished (fails the test after timeout seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with db.session() as session:
            run = session.get(ReindexRun, run_id)
            if run.finished:
                return run
        time.sleep(0.1)
    pytest.fail(f"run {run_id} did not finish in {timeout} s")


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_start_reindexes_in_another_process_and_records_the_report(settings, db):
    sample_content(Path(settings["CONTENT_DIR"]))
    run = jobs.start(settings, "ana@example.ca", "web")
    assert run.pid and run.pid != os.getpid()
    done = wait_for(db, run.id)
    assert (done.outcome, done.who, done.trigger, done.invalid) == (
        "problems", "ana@example.ca", "web", 1)
    assert done.report["per_language"] == {"en": 3, "fr": 2}
    assert done.progress_done == done.progress_total == 5
    assert store.live_path(settings["INDEX_DIR"]).name == done.generation
    log = Path(settings["INSTANCE_DIR"]) / "logs" / f"reindex-{run.id}.log"
    assert f"run {run.id}: problems, generation {done.generation}" in log.read_text()


def test_start_refuses_while_a_run_is_in_progress(settings, db):
    with db.session() as session:
        current = history.start_run(session, "bo@example.ca", "web")
        current.pid = os.getpid()  # alive
    with pytest.raises(jobs.AlreadyRunning) as raised:
        jobs.start(settings, "ana@example.ca", "web")
    assert raised.value.run.id == current.id


def test_start_refuses_while_another_process_holds_the_lock(settings):
    with store.writer_lock(Path(settings["INDEX_DIR"])), \
            pytest.raises(jobs.AlreadyRunning) as raised:
        jobs.start(settings, "ana@example.ca", "web")
    assert raised.value.run is None and raised.value.info["pid"] == os.getpid()


def test_a_run_whose_process_died_is_marked_failed(settings, db):
    with db.session() as session:
        run = history.start_run(session, "bo@example.ca", "web")
        run.pid = dead_pid()
    with db.session() as session:
        assert jobs.active_run(session) is None
        failed = session.get(ReindexRun, run.id)
        assert failed.outcome == "failed" and "stopped before it finished" in failed.error


def test_a_run_without_a_process_yet_is_still_starting(settings, db):
    with db.session() as session:
        run = history.start_run(session, "bo@example.ca", "web")
    with db.session() as session:
        assert jobs.active_run(session).id == run.id


def test_queued_run_waits_for_the_lock_then_runs(settings, db):
    sample_content(Path(settings["CONTENT_DIR"]))
    with store.writer_lock(Path(settings["INDEX_DIR"])):
        run = jobs.start(settings, None, "webhook", queue=True)
        time.sleep(1.5)
        with db.session() as session:
            waiting = session.get(ReindexRun, run.id)
            assert jobs.status(session, waiting, Path(settings["INDEX_DIR"])).state == "queued"
    assert wait_for(db, run.id).outcome == "problems"


def test_job_fails_cleanly_when_the_lock_is_taken(settings, db):
    with db.session() as session:
        run = history.start_run(session, "ana@example.ca", "web")
    with store.writer_lock(Path(settings["INDEX_DIR"])):
        code = jobs.run_job(run.id, Path(settings["CONTENT_DIR"]), Path(settings["INDEX_DIR"]),
                            settings["DATABASE_URL"])
    assert code == 2
    with db.session() as session:
        failed = session.get(ReindexRun, run.id)
        assert failed.outcome == "failed" and "already running" in failed.error


def test_status_reports_state_and_progress(settings, db):
    sample_content(Path(settings["CONTENT_DIR"]))
    run = jobs.start(settings, "ana@example.ca", "web")
    wait_for(db, run.id)
    with db.session() as session:
        status = jobs.status(session, session.get(ReindexRun, run.id),
                             Path(settings["INDEX_DIR"]))
    assert status.to_dict() == {"id": run.id, "state": "problems", "done": 5, "total": 5,
                                "finished": True, "error": None}


def test_alive_sees_zombies_as_dead():
    process = subprocess.Popen(["true"])
    time.sleep(0.3)  # exited, not yet reaped: a zombie
    try:
        assert not jobs._alive(process.pid)
    finally:
        process.wait()
    assert jobs._alive(os.getpid())


def test_a_run_is_forked_from_the_warm_fork_server_not_a_new_interpreter(settings, db):
    """The run process is a child of the fork server (everything imported once), in a
    session of its own, and its output goes to the run's log."""
    from multiprocessing import forkserver

    sample_content(Path(settings["CONTENT_DIR"]))
    jobs.prepare()
    server = forkserver._forkserver._forkserver_pid
    with store.writer_lock(Path(settings["INDEX_DIR"])):
        run = jobs.start(settings, None, "webhook", queue=True)  # waits for the lock
        # The child calls setsid() first thing, but after fork returned its pid to us: poll.
        deadline = time.monotonic() + 10
        while True:
            stat = Path(f"/proc/{run.pid}/stat").read_text().rsplit(")", 1)[1].split()
            parent, session_id = int(stat[1]), int(stat[3])
            if session_id == run.pid or time.monotonic() > deadline:
                break
            time.sleep(0.01)
        assert parent == server != os.getpid()
        assert session_id == run.pid  # setsid: a signal to a worker's group spares it
    assert wait_for(db, run.id).outcome == "problems"
    log = Path(settings["INSTANCE_DIR"]) / "logs" / f"reindex-{run.id}.log"
    assert f"run {run.id}: problems" in log.read_text()
