import datetime as dt

import pytest

from jobboard.hr import auth
from jobboard.hr.users import add_user

from .conftest import PASSWORD

T0 = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)


def minutes(n: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=n)


@pytest.fixture
def account(db):
    with db.session() as session:
        add_user(session, "ana@example.ca", PASSWORD)


def fail(db, email="ana@example.ca", address="10.0.0.1", at=T0, times=1):
    with db.session() as session:
        for _ in range(times):
            assert auth.attempt(session, email, "wrong password!", address, at).user is None


def test_right_password_signs_in(db, account):
    with db.session() as session:
        result = auth.attempt(session, "ANA@example.ca", PASSWORD, "10.0.0.1", T0)
    assert result.user.email == "ana@example.ca" and not result.throttled


def test_after_five_failures_an_account_is_slowed_down_not_locked(db, account):
    fail(db, times=5, address="10.0.0.1")
    with db.session() as session:
        result = auth.attempt(session, "ana@example.ca", PASSWORD, "10.9.9.9", T0)
        assert result.throttled and result.user is None and result.retry_after == 1
        later = T0 + dt.timedelta(seconds=1)
        assert auth.attempt(session, "ana@example.ca", PASSWORD, "10.9.9.9", later).user


def test_unknown_accounts_are_slowed_down_the_same_way(db, account):
    fail(db, email="nobody@example.ca", times=5)
    with db.session() as session:
        assert auth.attempt(session, "nobody@example.ca", "x", "10.9.9.9", T0).throttled


def test_twenty_failures_from_an_address_throttle_it_for_every_account(db, account):
    for n in range(20):
        fail(db, email=f"guess{n}@example.ca", address="10.0.0.66")
    with db.session() as session:
        assert auth.attempt(session, "ana@example.ca", PASSWORD, "10.0.0.66", minutes(1)).throttled
        assert auth.attempt(session, "ana@example.ca", PASSWORD, "10.0.0.2", minutes(1)).user


def test_throttling_ends_after_fifteen_minutes(db, account):
    fail(db, times=5)
    with db.session() as session:
        assert auth.attempt(session, "ana@example.ca", PASSWORD, "10.0.0.1", minutes(14)).throttled
        assert auth.attempt(session, "ana@example.ca", PASSWORD, "10.0.0.1", minutes(15.1)).user


def test_four_failures_do_not_throttle(db, account):
    fail(db, times=4)
    with db.session() as session:
        assert auth.attempt(session, "ana@example.ca", PASSWORD, "10.0.0.1", minutes(1)).user


def test_success_clears_the_account_count_but_not_the_address_count(db, account):
    fail(db, times=4, address="10.0.0.1")
    with db.session() as session:
        assert auth.attempt(session, "ana@example.ca", PASSWORD, "10.0.0.2", minutes(1)).user
    fail(db, times=1, address="10.0.0.3", at=minutes(2))
    with db.session() as session:
        assert auth.failures(session, email="ana@example.ca", at=minutes(3)) == 1
        assert auth.failures(session, address="10.0.0.1", at=minutes(3)) == 4


def test_throttled_attempts_are_not_recorded(db, account):
    fail(db, times=5)
    with db.session() as session:
        auth.attempt(session, "ana@example.ca", "again wrong!", "10.0.0.1", minutes(1))
        assert auth.failures(session, email="ana@example.ca", at=minutes(1)) == 5


@pytest.mark.parametrize(("target", "expected"), [
    ("/en/hr/history", "/en/hr/history"),
    ("/fr/rh/?x=1", "/fr/rh/?x=1"),
    (None, None),
    ("", None),
    ("//evil.example/", None),
    ("https://evil.example/", None),
    ("/\\evil.example", None),
    ("javascript:alert(1)", None),
])
def test_safe_next_keeps_only_local_paths(target, expected):
    assert auth.safe_next(target) == expected
