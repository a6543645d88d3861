"""HR accounts: add, list, remove, and check a password (argon2id hashes)."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from jobboard.hr.db import User

MIN_PASSWORD_LENGTH = 12
_HASHER = PasswordHasher()  # argon2id, RFC 9106 low-memory profile (t=3, 64 MiB, p=4)
# Checked against when the account does not exist, so both cases take as long.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


def use_hasher(hasher: PasswordHasher) -> None:
    """Hash with other argon2 parameters from now on (the test suite uses cheaper ones)."""
    global _HASHER, _DUMMY_HASH
    _HASHER, _DUMMY_HASH = hasher, hasher.hash("not a password of anyone")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class UserError(ValueError):
    """A user cannot be added or removed; the message says why."""


def normalise_email(email: str) -> str:
    """Trim and lowercase: " Ana@Example.ca " -> "ana@example.ca"."""
    return email.strip().lower()


def check_password_rules(password: str) -> None:
    """Raise UserError when the password is too short to be safe."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")


def add_user(session: Session, email: str, password: str) -> User:
    """Create an account; UserError if the email is invalid, taken or the password weak."""
    email = normalise_email(email)
    if not _EMAIL.match(email):
        raise UserError(f"{email!r} is not an email address")
    check_password_rules(password)
    if find_user(session, email) is not None:
        raise UserError(f"{email} already has an account")
    user = User(email=email, password_hash=_HASHER.hash(password))
    session.add(user)
    session.flush()
    return user


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def list_users(session: Session) -> list[User]:
    """Every account, by email."""
    return list(session.scalars(select(User).order_by(User.email)))


def remove_user(session: Session, email: str) -> None:
    """Delete an account; UserError if there is none with that email."""
    user = find_user(session, email)
    if user is None:
        raise UserError(f"no account for {normalise_email(email)}")
    session.delete(user)


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The user when email and password match, else None (same work either way)."""
    user = find_user(session, email)
    try:
        _HASHER.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    return user
