"""Subscribing to a search's alerts: limits, double opt-in, signed links, unsubscribing.

Flask-free: views and the sender call these with a database session. Every link in an email
carries a token signed with the app's secret key (itsdangerous, as Flask signs its sessions):

    confirm      [id, nonce]   expires with the unconfirmed subscription (CONFIRM_WITHIN)
    unsubscribe  [id, nonce]   never expires: old emails must keep working (RFC 8058)
    manage       email         expires after MANAGE_WITHIN; every email carries a fresh one
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from jobboard.alerts.models import FREQUENCIES, Address, Attempt, Delivery, Subscription
from jobboard.alerts.sightings import sight
from jobboard.hr.db import now

CONFIRM_WITHIN = dt.timedelta(days=7)
MANAGE_WITHIN = dt.timedelta(days=60)
LIMIT_WINDOW = dt.timedelta(hours=1)
PER_EMAIL_PER_HOUR = 3  # confirmation emails an address can be sent in an hour
PER_IP_PER_HOUR = 10
MAX_PER_EMAIL = 20  # confirmed and pending subscriptions of one address
MAX_QUERY = 2048
KEEP_DELIVERIES = dt.timedelta(days=90)  # the record of each email sent or failed
# A run that starts a little earlier than the previous one did still finds the subscription due.
DUE_SLACK = dt.timedelta(hours=1)
# One @, no spaces or controls (a header is built from it), a dot in the domain.
_EMAIL = re.compile(r"^[^@\s\x00-\x1f\x7f\"<>(),;:\\]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


class Limited(Exception):
    """Too many subscribe requests for this address or from this IP; try again in an hour."""


@dataclass(frozen=True)
class Tokens:
    """Signed, URL-safe tokens for the links in emails."""

    secret: str

    def _serializer(self, purpose: str) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self.secret, salt=f"jobboard-alert-{purpose}")

    def make(self, purpose: str, value) -> str:
        return self._serializer(purpose).dumps(value)

    def read(self, purpose: str, token: str, max_age: dt.timedelta | None = None):
        """The signed value, or None when the token is forged, damaged or too old."""
        try:
            return self._serializer(purpose).loads(
                token, max_age=max_age.total_seconds() if max_age else None)
        except (BadSignature, SignatureExpired):
            return None

    def for_subscription(self, purpose: str, subscription: Subscription) -> str:
        return self.make(purpose, [subscription.id, subscription.nonce])

    def subscription(self, session: Session, purpose: str, token: str,
                     max_age: dt.timedelta | None = None) -> Subscription | None:
        """The subscription a confirm or unsubscribe token names, if it still exists."""
        value = self.read(purpose, token, max_age)
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
            return None
        found = session.get(Subscription, value[0])
        return found if found is not None and secrets.compare_digest(
            found.nonce, str(value[1])) else None


def normalise_email(email: str) -> str:
    """"  Ana@Example.CA " -> "ana@example.ca"."""
    return email.strip().lower()


def valid_email(email: str) -> bool:
    """A plausible address of at most 254 characters: "ana@example.ca" yes, "ana@x" no."""
    return len(email) <= 254 and bool(_EMAIL.match(email))


def limited(session: Session, email: str, address: str, at: dt.datetime) -> bool:
    """True when the email or the IP used up its subscribe requests for the hour."""
    since = at - LIMIT_WINDOW

    def count(*where) -> int:
        return session.scalar(select(func.count()).select_from(Attempt).where(
            Attempt.at > since, *where))

    return (count(Attempt.email == email) >= PER_EMAIL_PER_HOUR
            or count(Attempt.address == address) >= PER_IP_PER_HOUR
            or session.scalar(select(func.count()).select_from(Subscription).where(
                Subscription.email == email)) >= MAX_PER_EMAIL)


def subscribe(session: Session, email: str, query: str, lang: str, frequency: str,
              address: str, at: dt.datetime | None = None) -> Subscription:
    """A new unconfirmed subscription (Limited when a limit is reached); the caller sends the
    confirmation email. Inputs are already validated by the view."""
    at, email, address = at or now(), normalise_email(email), address[:64]
    assert frequency in FREQUENCIES and valid_email(email) and len(query) <= MAX_QUERY
    if limited(session, email, address, at):
        raise Limited(email)
    session.add(Attempt(email=email, address=address, at=at))
    subscription = Subscription(email=email, query=query, lang=lang, frequency=frequency,
                                nonce=secrets.token_hex(16), address=address, created_at=at)
    session.add(subscription)
    session.flush()
    return subscription


def confirm(session: Session, subscription: Subscription, generation: str | None,
            keys: Iterable[str], at: dt.datetime | None = None) -> None:
    """Confirm (again: harmless). The postings of the live generation (its name and keys) are
    not new for this subscription: they are sighted now and the watermark set after them."""
    at = at or now()
    if subscription.confirmed_at is None:
        subscription.confirmed_at = at
        subscription.last_run, _ = sight(session, generation, keys, at)
        subscription.due_at = at + FREQUENCIES[subscription.frequency] - DUE_SLACK
    health = session.get(Address, subscription.email)
    if health is not None and health.stopped_at is not None:
        # A fresh confirmation shows the address receives mail again.
        health.failures, health.stopped_at = 0, None


def unsubscribe(session: Session, subscription: Subscription) -> None:
    """Delete the subscription and whatever it still had to send."""
    session.execute(delete(Delivery).where(Delivery.subscription_id == subscription.id,
                                           Delivery.state == "pending"))
    session.delete(subscription)


def of_email(session: Session, email: str) -> list[Subscription]:
    """An address's confirmed subscriptions, oldest first."""
    return list(session.scalars(select(Subscription).where(
        Subscription.email == email, Subscription.confirmed_at.is_not(None))
        .order_by(Subscription.id)))


def expire(session: Session, at: dt.datetime | None = None) -> int:
    """Delete unconfirmed subscriptions past CONFIRM_WITHIN, old attempts and old delivery
    records; how many subscriptions went."""
    at = at or now()
    stale = list(session.scalars(select(Subscription.id).where(
        Subscription.confirmed_at.is_(None), Subscription.created_at < at - CONFIRM_WITHIN)))
    if stale:
        session.execute(delete(Delivery).where(Delivery.subscription_id.in_(stale),
                                               Delivery.state == "pending"))
        session.execute(delete(Subscription).where(Subscription.id.in_(stale)))
    session.execute(delete(Attempt).where(Attempt.at < at - 2 * LIMIT_WINDOW))
    session.execute(delete(Delivery).where(Delivery.state != "pending",
                                           Delivery.created_at < at - KEEP_DELIVERIES))
    return len(stale)
