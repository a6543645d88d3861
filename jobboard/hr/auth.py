"""Sign-in for HR: password check, throttling, and who is signed in on this request.

Throttling: after 5 failed attempts in 15 minutes for one account (typed email, whether or not
it exists, so the answer says nothing about which accounts exist) or from one address, further
attempts are refused without checking the password until the window has passed. A successful
sign-in clears the account's count, not the address's.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import g, redirect, request, session, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobboard.hr import csrf
from jobboard.hr.db import LoginAttempt, User, now
from jobboard.hr.users import authenticate, normalise_email
from jobboard.hr.web import db_session

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)
SESSION_LIFETIME = dt.timedelta(hours=12)
USER_KEY, SINCE_KEY = "hr_user", "hr_since"


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    throttled: bool = False


def failures(session: Session, *, email: str | None = None, address: str | None = None,
             at: dt.datetime | None = None) -> int:
    """Failed attempts in the window for an account (since its last success) or an address."""
    at = at or now()
    since = at - WINDOW
    query = select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.succeeded.is_(False), LoginAttempt.at > since, LoginAttempt.at <= at)
    if email is not None:
        last_success = session.scalar(select(func.max(LoginAttempt.at)).where(
            LoginAttempt.email == email, LoginAttempt.succeeded.is_(True)))
        if last_success is not None:
            query = query.where(LoginAttempt.at > last_success)
        query = query.where(LoginAttempt.email == email)
    else:
        query = query.where(LoginAttempt.address == address)
    return session.scalar(query)


def throttled(session: Session, email: str, address: str, at: dt.datetime | None = None) -> bool:
    """True when the account or the address has used up its attempts."""
    return (failures(session, email=email, at=at) >= MAX_FAILURES
            or failures(session, address=address, at=at) >= MAX_FAILURES)


def attempt(session: Session, email: str, password: str, address: str,
            at: dt.datetime | None = None) -> LoginResult:
    """Check a sign-in and record it; a throttled attempt checks and records nothing."""
    email, at = normalise_email(email)[:320], at or now()
    if throttled(session, email, address, at):
        return LoginResult(None, throttled=True)
    user = authenticate(session, email, password)
    session.add(LoginAttempt(email=email, address=address[:64], succeeded=user is not None,
                             at=at))
    return LoginResult(user)


def sign_in(user: User) -> None:
    """Start a fresh session for user (a new CSRF token too)."""
    session.clear()
    session[USER_KEY] = user.id
    session[SINCE_KEY] = now().timestamp()
    csrf.rotate()


def sign_out(db_session: Session, user: User | None) -> None:
    """End this session, and every other session of the same user."""
    if user is not None:
        user.signed_out_at = now()
    session.clear()


def current_user(db_session: Session) -> User | None:
    """The signed-in user, or None (unknown, removed, signed out elsewhere, or expired)."""
    if "hr_current_user" in g:
        return g.hr_current_user
    user = None
    user_id, since = session.get(USER_KEY), session.get(SINCE_KEY)
    if user_id is not None and since is not None:
        started = dt.datetime.fromtimestamp(since, dt.UTC)
        candidate = db_session.get(User, user_id)
        if (candidate is not None and now() - started < SESSION_LIFETIME
                and (candidate.signed_out_at is None or candidate.signed_out_at < started)):
            user = candidate
    g.hr_current_user = user
    return user


def safe_next(target: str | None) -> str | None:
    """A same-site path to go back to after sign-in, or None ("//evil", URLs and control
    characters refused: CR/LF cannot go into a Location header)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(char < " " or char == "\x7f" for char in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


def login_required(view):
    """Send people who are not signed in to the sign-in page, then back here."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if current_user(db_session()) is None:
            lang = kwargs.get("lang", "en")
            return redirect(url_for("hr.login", lang=lang, next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped
