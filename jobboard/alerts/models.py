"""Job alerts in the HR database: subscriptions, addresses, sightings, runs and the outbox.

    Subscription  one saved search for one email address (double opt-in: confirmed_at)
    Address       per email address: consecutive delivery failures, stopped after too many
    Attempt       one subscribe request, kept an hour or so to limit abuse
    Run           one `jobboard alerts send`; its id orders sightings and watermarks
    Sighting      a posting (translationKey) and the run that first saw it published
    Delivery      the outbox: a message written before it is sent, then its outcome
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jobboard.hr.db import Base, UTCDateTime, now

FREQUENCIES = {"daily": dt.timedelta(days=1), "weekly": dt.timedelta(days=7)}


class Subscription(Base):
    """A search (its query string) sent to an address daily or weekly, in one language."""

    __tablename__ = "alert_subscription"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)  # normalised
    query: Mapped[str] = mapped_column(Text)  # "q=developer&classification=IT-03"
    lang: Mapped[str] = mapped_column(String(2))
    frequency: Mapped[str] = mapped_column(String(8))  # a key of FREQUENCIES
    # Random, in every signed link: a link to a deleted subscription never reaches a new one
    # that reused its id.
    nonce: Mapped[str] = mapped_column(String(32))
    address: Mapped[str] = mapped_column(String(64))  # who asked (IP), for the limits
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now, index=True)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    # Watermark: postings first sighted by a run after this one are new for this search.
    last_run: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    last_sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Address(Base):
    """Delivery health of one email address."""

    __tablename__ = "alert_address"
    email: Mapped[str] = mapped_column(String(320), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # consecutive refusals
    stopped_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class Attempt(Base):
    """A subscribe request (counted per email and per IP over the last hour)."""

    __tablename__ = "alert_attempt"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now, index=True)


class Run(Base):
    """One sending run."""

    __tablename__ = "alert_run"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    generation: Mapped[str | None] = mapped_column(String(32))
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    sent: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)


class Sighting(Base):
    """When the sender first saw a posting published: what makes it "new" for an alert."""

    __tablename__ = "alert_sighting"
    key: Mapped[str] = mapped_column(String(512), primary_key=True)  # translationKey
    first_run: Mapped[int] = mapped_column(Integer, index=True)


class Delivery(Base):
    """A message in the outbox: written (pending) in the same transaction that moves the
    subscription's watermark, then sent and marked sent or failed."""

    __tablename__ = "alert_delivery"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("alert_subscription.id", ondelete="SET NULL"), index=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # confirm | alert
    run_id: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(8), default="pending", index=True)  # sent, failed
    message: Mapped[str | None] = mapped_column(Text)  # the exact message; cleared once sent
    message_id: Mapped[str] = mapped_column(String(255))
    postings: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # a run is sending it
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)
