import pytest
from argon2 import PasswordHasher, Type, extract_parameters
from sqlalchemy import select

from jobboard.hr import users
from jobboard.hr.db import User

PASSWORD = "correct horse battery"


def test_added_user_is_listed_with_normalised_email(db):
    with db.session() as session:
        users.add_user(session, "  Ana.Tremblay@Example.CA ", PASSWORD)
        users.add_user(session, "bo@example.ca", PASSWORD)
    with db.session() as session:
        assert [u.email for u in users.list_users(session)] == [
            "ana.tremblay@example.ca", "bo@example.ca"]


def test_password_is_stored_as_an_argon2id_hash(db):
    with db.session() as session:
        users.add_user(session, "ana@example.ca", PASSWORD)
    with db.session() as session:
        stored = session.scalar(select(User)).password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


@pytest.mark.parametrize(("email", "password", "message"), [
    ("not-an-email", PASSWORD, "not an email address"),
    ("ana@example.ca", "short", "at least 12 characters"),
])
def test_invalid_accounts_are_refused(db, email, password, message):
    with db.session() as session, pytest.raises(users.UserError, match=message):
        users.add_user(session, email, password)


def test_duplicate_email_is_refused(db):
    with db.session() as session:
        users.add_user(session, "ana@example.ca", PASSWORD)
    with db.session() as session, pytest.raises(users.UserError, match="already has an account"):
        users.add_user(session, "ANA@example.ca", PASSWORD)


def test_authenticate_accepts_only_the_right_password(db):
    with db.session() as session:
        users.add_user(session, "ana@example.ca", PASSWORD)
    with db.session() as session:
        assert users.authenticate(session, "Ana@Example.ca", PASSWORD).email == "ana@example.ca"
        assert users.authenticate(session, "ana@example.ca", PASSWORD + "!") is None
        assert users.authenticate(session, "nobody@example.ca", PASSWORD) is None


def test_remove_user(db):
    with db.session() as session:
        users.add_user(session, "ana@example.ca", PASSWORD)
    with db.session() as session:
        users.remove_user(session, "ana@example.ca")
    with db.session() as session:
        assert users.list_users(session) == []
        with pytest.raises(users.UserError, match="no account"):
            users.remove_user(session, "ana@example.ca")


def test_production_hasher_uses_strong_argon2id_parameters():
    hasher = PasswordHasher()  # what users.py uses outside the test suite
    params = extract_parameters(hasher.hash("x" * 12))
    assert params.type is Type.ID
    assert params.time_cost >= 2 and params.memory_cost >= 19 * 1024  # OWASP minimums
