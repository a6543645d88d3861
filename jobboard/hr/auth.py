"""Sign-in for HR: password check, throttling, and who is signed in on this request.

Throttling never locks an account (a stranger must not be able to keep its owner out):
- one address and one account (typed email, known or not, so the answer says nothing about
  which accounts exist): 5 failures in 15 minutes, then that pair waits out the window;
- one address, all accounts: 20 failures in 15 minutes (an office behind one address);
- one account, from addresses that never signed in to it: after 5 failures, each attempt must
  wait 1 s after the previous failure, doubling with each failure up to 15 minutes. An address
  that signed in to the account within 30 days skips this slow-down, so the owner still signs
  in from their usual address while a stranger guesses.
Each attempt is recorded (as a failure) before the counts are read, under a lock per account
and per address, so concurrent attempts cannot check more passwords than the limits allow.
"""

from __future__ import annotations

import datetime as dt
import functools
import zlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import g, redirect, request, session, url_for
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from jobboard.hr import csrf
from jobboard.hr.db import LoginAttempt, User, now
from jobboard.hr.users import authenticate, normalise_email
from jobboard.hr.web import db_session

MAX_FAILURES = 5  # per account and address
ADDRESS_FAILURES = 20  # per address, all accounts
WINDOW = dt.timedelta(minutes=15)
KNOWN_ADDRESS = dt.timedelta(days=30)
SESSION_LIFETIME = dt.timedelta(hours=12)
USER_KEY, SINCE_KEY = "hr_user", "hr_since"


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    throttled: bool = False
    retry_after: int = 0  # seconds, when throttled


def client_address() -> str:
    """The address throttling counts for this request (the one place that decides it)."""
    return request.remote_addr or "unknown"


def failures(session: Session, *, email: str | None = None, address: str | None = None,
             at: dt.datetime | None = None, before_id: int | None = None) -> int:
    """Failed attempts in the window for an account (since its last success), an address, or
    both together (since that pair's last success); only ids below before_id when given."""
    return len(_failed(session, email, address, at or now(), before_id))


def _failed(session: Session, email: str | None, address: str | None, at: dt.datetime,
            before_id: int | None) -> list[dt.datetime]:
    query = select(LoginAttempt.at).where(LoginAttempt.succeeded.is_(False),
                                          LoginAttempt.at > at - WINDOW)
    if before_id is not None:  # every earlier attempt, even one stamped a moment after ours
        query = query.where(LoginAttempt.id < before_id)
    else:
        query = query.where(LoginAttempt.at <= at)
    if email is not None:
        success = select(func.max(LoginAttempt.at)).where(
            LoginAttempt.email == email, LoginAttempt.succeeded.is_(True))
        if address is not None:
            success = success.where(LoginAttempt.address == address)
        last_success = session.scalar(success)
        if last_success is not None:
            query = query.where(LoginAttempt.at > last_success)
        query = query.where(LoginAttempt.email == email)
    if address is not None:
        query = query.where(LoginAttempt.address == address)
    return list(session.scalars(query))


def _known(session: Session, email: str, address: str, at: dt.datetime) -> bool:
    return session.scalar(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.email == email, LoginAttempt.address == address,
        LoginAttempt.succeeded.is_(True), LoginAttempt.at > at - KNOWN_ADDRESS)) > 0


def wait_needed(session: Session, email: str, address: str, at: dt.datetime,
                before_id: int | None = None) -> int:
    """Seconds this attempt must still wait (0: it may be checked now)."""
    pair = _failed(session, email, address, at, before_id)
    if len(pair) >= MAX_FAILURES:
        return _seconds(min(pair) + WINDOW - at)
    by_address = _failed(session, None, address, at, before_id)
    if len(by_address) >= ADDRESS_FAILURES:
        return _seconds(min(by_address) + WINDOW - at)
    account = _failed(session, email, None, at, before_id)
    if len(account) >= MAX_FAILURES and not _known(session, email, address, at):
        delay = dt.timedelta(seconds=min(2 ** (len(account) - MAX_FAILURES),
                                         WINDOW.total_seconds()))
        return _seconds(max(account) + delay - at)
    return 0


def _seconds(span: dt.timedelta) -> int:
    return max(0, int(-(-span.total_seconds() // 1)))  # rounded up


def throttled(session: Session, email: str, address: str, at: dt.datetime | None = None) -> bool:
    """True when an attempt now would be refused."""
    return wait_needed(session, normalise_email(email)[:320], address[:64], at or now()) > 0


def _claim(session: Session, email: str, address: str, at: dt.datetime) -> int:
    """Record the attempt as a failure and commit it, one attempt per account and per address
    at a time (a PostgreSQL advisory lock; SQLite has one writer anyway): every attempt with a
    smaller id is then visible to this one's count."""
    with Session(bind=session.get_bind()) as claim, claim.begin():
        if claim.get_bind().dialect.name == "postgresql":
            for kind, key in ((1, email), (2, address)):
                claim.execute(text("SELECT pg_advisory_xact_lock(:kind, :key)"),
                              {"kind": kind, "key": zlib.crc32(key.encode()) - 2**31})
        row = LoginAttempt(email=email, address=address, succeeded=False, at=at)
        claim.add(row)
        claim.flush()
        return row.id


def attempt(session: Session, email: str, password: str, address: str,
            at: dt.datetime | None = None) -> LoginResult:
    """Check a sign-in and record it; a throttled attempt checks and records nothing."""
    email, address, at = normalise_email(email)[:320], address[:64], at or now()
    attempt_id = _claim(session, email, address, at)
    with Session(bind=session.get_bind()) as fresh:  # a snapshot that sees the claim
        wait = wait_needed(fresh, email, address, at, before_id=attempt_id)
    if wait:
        _settle(session, attempt_id, None)
        return LoginResult(None, throttled=True, retry_after=wait)
    user = authenticate(session, email, password)
    if user is not None:
        _settle(session, attempt_id, True)
    return LoginResult(user)


def _settle(session: Session, attempt_id: int, succeeded: bool | None) -> None:
    """Mark the claimed attempt a success, or forget it (None: throttled, nothing checked);
    in its own short transaction, so the caller's session never holds SQLite's write lock."""
    row = LoginAttempt.id == attempt_id
    with Session(bind=session.get_bind()) as settle, settle.begin():
        settle.execute(delete(LoginAttempt).where(row) if succeeded is None
                       else update(LoginAttempt).where(row).values(succeeded=True))


def failed_since_previous_sign_in(session: Session, email: str) -> tuple[int, dt.datetime | None]:
    """(failed attempts on the account since its previous sign-in, the last one's time): the
    dashboard tells its owner when someone else has been guessing."""
    successes = list(session.scalars(select(LoginAttempt.at).where(
        LoginAttempt.email == email, LoginAttempt.succeeded.is_(True))
        .order_by(LoginAttempt.at.desc()).limit(2)))
    query = select(func.count(), func.max(LoginAttempt.at)).where(
        LoginAttempt.email == email, LoginAttempt.succeeded.is_(False))
    if len(successes) == 2:
        query = query.where(LoginAttempt.at > successes[1])
    count, last = session.execute(query).one()
    return count, last


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
