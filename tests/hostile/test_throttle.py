"""Sign-in throttling under attack (SQLite, then PostgreSQL): a stranger guessing cannot keep
the owner out, concurrent guesses cannot check more passwords than the limit, the owner is
told. Before: five failures from anywhere locked the account for 15 minutes, and 16
concurrent attempts checked 6 passwords."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from hr.conftest import DASHBOARD, LOGOUT, PASSWORD, csrf_token, sign_in
from sqlalchemy import func, select

from jobboard.hr import auth
from jobboard.hr.db import LoginAttempt, database, now
from jobboard.hr.users import add_user

OWNER, HOME, STRANGER = "ana@example.ca", "10.0.0.1", "10.6.6.6"


@pytest.fixture
def db(db_url):
    db = database(db_url)
    with db.session() as session:
        add_user(session, OWNER, PASSWORD)
    return db


def attempt(db, password: str, address: str, at: dt.datetime | None = None):
    with db.session() as session:
        return auth.attempt(session, OWNER, password, address, at)


def test_the_owner_signs_in_from_home_while_strangers_guess(db):
    assert attempt(db, PASSWORD, HOME, now() - dt.timedelta(days=3)).user  # home is known
    for n in range(30):  # a botnet: many addresses, many guesses
        attempt(db, "guess!", f"10.7.{n // 4}.{n}")
    elsewhere = attempt(db, PASSWORD, "10.9.9.9")  # a new address: slowed down, not locked
    assert elsewhere.throttled and 0 < elsewhere.retry_after <= 15 * 60
    assert attempt(db, PASSWORD, HOME).user is not None


def test_a_stranger_from_one_address_is_stopped_and_the_owner_is_not(db):
    assert attempt(db, PASSWORD, HOME, now() - dt.timedelta(days=3)).user
    results = [attempt(db, "guess!", STRANGER) for _ in range(8)]
    assert [r.throttled for r in results] == [False] * 5 + [True] * 3
    assert attempt(db, PASSWORD, HOME).user is not None


def test_a_new_address_waits_seconds_not_fifteen_minutes(db):
    start = now()
    for n in range(5):
        attempt(db, "guess!", f"10.7.0.{n}", start)
    slowed = attempt(db, PASSWORD, "10.9.9.9", start)
    assert slowed.throttled and slowed.retry_after == 1
    later = start + dt.timedelta(seconds=slowed.retry_after)
    assert attempt(db, PASSWORD, "10.9.9.9", later).user is not None


def test_sixteen_concurrent_guesses_check_five_passwords(db):
    barrier, results = threading.Barrier(16), []

    def guess() -> None:
        barrier.wait(timeout=30)
        results.append(attempt(db, "guess!", STRANGER))

    threads = [threading.Thread(target=guess) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == 16
    assert sum(not r.throttled for r in results) == auth.MAX_FAILURES
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(LoginAttempt)) == 5


def test_the_owner_is_told_of_failed_attempts(hr_client):
    for _ in range(3):
        sign_in(hr_client, password="a stranger's guess", environ_base={"REMOTE_ADDR": STRANGER})
    assert sign_in(hr_client).status_code == 303
    page = hr_client.get(DASHBOARD["en"]).get_data(as_text=True)
    assert "3 failed sign-in attempts were made on your account" in page
    hr_client.post(LOGOUT["en"], data={"csrf_token": csrf_token(hr_client, DASHBOARD["en"])})
    sign_in(hr_client)
    assert "failed sign-in attempt" not in hr_client.get(DASHBOARD["en"]).get_data(as_text=True)
