"""`jobboard alerts send`: sight new postings, write due alerts to the outbox, deliver it.

Idempotent, in three steps, each subscription in its own transaction:

1. A run records every posting of the live generation never seen before (`sightings.sight`,
   with the run's id): a posting is *new* for a subscription when it was first sighted by a
   run after the subscription's watermark (`last_run`, first set when it was confirmed).
2. For each due subscription, one transaction writes the alert (the exact message) to the
   outbox as *pending* AND moves the watermark and the next due time. Either both happen or
   neither: a crash before the commit leaves the subscription due with its old watermark, so
   the next run writes the same alert again (nothing skipped); after the commit the message
   exists and the watermark has moved (nothing written twice).
3. Every pending message is sent, then marked sent. Order chosen: record *then* send, because
   a crash while talking to the SMTP server (the slow part, where crashes happen) leaves the
   message pending and it is sent by the next run; the message keeps its Message-ID, so in the
   rare case where the server had accepted it a few microseconds before the crash, the copy is
   the same message, which mail systems recognise. Marking it sent before sending would
   instead lose every alert whose run dies during the SMTP conversation.

Two runs at once never send one message twice: a run claims a message by bumping its
`attempts` (a conditional UPDATE), and a claim older than CLAIM_TIMEOUT is taken to be a dead
run's.
"""

from __future__ import annotations

import datetime as dt
import email
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from jobboard.alerts.models import FREQUENCIES, Address, Delivery, Run, Sighting, Subscription
from jobboard.alerts.sightings import sight
from jobboard.alerts.subscriptions import DUE_SLACK, expire
from jobboard.hr.db import Database, now
from jobboard.mail import MailError
from jobboard.search.query import QueryError, SearchResults

BOUNCES_TO_STOP = 3  # consecutive refusals of an address before it gets nothing more
MAX_ATTEMPTS = 5  # temporary failures of one message before it is given up
CLAIM_TIMEOUT = dt.timedelta(minutes=10)

Compose = Callable[[Subscription, SearchResults], EmailMessage]
Search = Callable[[Subscription, list[str]], SearchResults]
Deliver = Callable[[EmailMessage], None]


@dataclass
class SendReport:
    run: int = 0
    sighted: int = 0  # postings seen for the first time
    checked: int = 0  # due subscriptions looked at
    queued: int = 0  # alerts written to the outbox
    sent: int = 0
    failed: list[str] = field(default_factory=list)  # "email: error", given up
    retrying: list[str] = field(default_factory=list)  # "email: error", left pending
    stopped: list[str] = field(default_factory=list)  # addresses stopped by this run
    problems: list[str] = field(default_factory=list)  # subscriptions whose search failed
    expired: int = 0

    @property
    def ok(self) -> bool:
        return not (self.retrying or self.problems)


def start_run(db: Database, generation: str | None, keys: list[str], at: dt.datetime,
              report: SendReport) -> int:
    """Open a run: expire what must go, sight the postings never seen before."""
    with db.session() as session:
        report.expired = expire(session, at)
        report.run, report.sighted = sight(session, generation, keys, at)
        return report.run


def _due(session: Session, at: dt.datetime) -> list[int]:
    stopped = select(Address.email).where(Address.stopped_at.is_not(None))
    return list(session.scalars(select(Subscription.id).where(
        Subscription.confirmed_at.is_not(None), Subscription.due_at <= at,
        Subscription.email.not_in(stopped)).order_by(Subscription.id)))


def queue(db: Database, run: int, search: Search, compose: Compose, at: dt.datetime,
          report: SendReport) -> None:
    """Write each due subscription's alert (when something is new) and move its watermark."""
    with db.session() as session:
        due = _due(session, at)
    for subscription_id in due:
        with db.session() as session:
            subscription = session.get(Subscription, subscription_id)
            if subscription is None or subscription.last_run >= run:
                continue  # unsubscribed meanwhile, or done by a run running beside this one
            watermark = subscription.last_run
            report.checked += 1
            new = list(session.scalars(select(Sighting.key).where(
                Sighting.first_run > watermark, Sighting.first_run <= run)))
            try:
                results = search(subscription, new) if new else None
            except QueryError as error:  # a search stored before an upgrade changed its rules
                report.problems.append(f"subscription {subscription.id}: {error}")
                continue
            moved = session.execute(update(Subscription).where(
                Subscription.id == subscription.id, Subscription.last_run == watermark).values(
                last_run=run, due_at=at + FREQUENCIES[subscription.frequency] - DUE_SLACK))
            if moved.rowcount != 1:
                continue
            if results is not None and results.total:
                message = compose(subscription, results)
                session.add(outbox(message, subscription, "alert", run, results.total, at))
                report.queued += 1


def outbox(message: EmailMessage, subscription: Subscription, kind: str, run: int | None,
           postings: int, at: dt.datetime) -> Delivery:
    """A pending Delivery holding message exactly as it will be sent."""
    return Delivery(subscription_id=subscription.id, email=subscription.email, kind=kind,
                    run_id=run, state="pending", message=message.as_string(policy=SMTP),
                    message_id=message["Message-ID"], postings=postings, created_at=at)


def _claim(session: Session, delivery: Delivery, at: dt.datetime) -> bool:
    claimed = session.execute(update(Delivery).where(
        Delivery.id == delivery.id, Delivery.state == "pending",
        Delivery.attempts == delivery.attempts).values(attempts=delivery.attempts + 1,
                                                       claimed_at=at))
    return claimed.rowcount == 1


def permanent(error: BaseException | None) -> bool:
    """True for a refusal that retrying will not change (SMTP 5xx): a bounce. Looks through
    MailError to the SMTP error it wraps."""
    while isinstance(error, MailError):
        error = error.__cause__
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def deliver_one(db: Database, delivery_id: int, deliver: Deliver, at: dt.datetime,
                report: SendReport) -> None:
    """Send one pending message (if no live run holds it) and record what happened."""
    with db.session() as session:
        delivery = session.get(Delivery, delivery_id)
        if delivery is None or delivery.state != "pending" or (
                delivery.claimed_at is not None and at - delivery.claimed_at < CLAIM_TIMEOUT):
            return
        health = session.get(Address, delivery.email)
        if health is not None and health.stopped_at is not None:
            delivery.state, delivery.error = "failed", "address stopped after repeated refusals"
            return
        if not _claim(session, delivery, at):
            return
        text = delivery.message
    # Sent outside any transaction: the claim is committed, the outcome recorded next.
    try:
        deliver(email.message_from_string(text, _class=EmailMessage, policy=SMTP))
        error = None
    except (MailError, smtplib.SMTPException, OSError) as raised:
        error = raised
    with db.session() as session:
        delivery = session.get(Delivery, delivery_id)
        health = session.get(Address, delivery.email) or Address(email=delivery.email,
                                                                 failures=0)
        session.add(health)
        if error is None:
            delivery.state, delivery.sent_at, delivery.message = "sent", at, None
            delivery.error, health.failures, health.last_error = None, 0, None
            subscription = session.get(Subscription, delivery.subscription_id or -1)
            if subscription is not None and delivery.kind == "alert":
                subscription.last_sent_at = at
            report.sent += 1
            return
        delivery.claimed_at = None  # free for the next run
        delivery.error = health.last_error = f"{type(error).__name__}: {error}"[:2000]
        if permanent(error) or delivery.attempts >= MAX_ATTEMPTS:
            delivery.state = "failed"
            health.failures = (health.failures or 0) + 1
            report.failed.append(f"{delivery.email}: {delivery.error}")
            if health.failures >= BOUNCES_TO_STOP and health.stopped_at is None:
                health.stopped_at = at
                report.stopped.append(delivery.email)
        else:
            report.retrying.append(f"{delivery.email}: {delivery.error}")


def deliver_pending(db: Database, deliver: Deliver, at: dt.datetime, report: SendReport) -> None:
    """Send every pending message: this run's and those a crash or an outage left behind."""
    with db.session() as session:
        pending = list(session.scalars(select(Delivery.id).where(
            Delivery.state == "pending", or_(Delivery.claimed_at.is_(None),
                                             Delivery.claimed_at <= at - CLAIM_TIMEOUT))
            .order_by(Delivery.id)))
    for delivery_id in pending:
        deliver_one(db, delivery_id, deliver, at, report)


def send_alerts(db: Database, generation: str | None, keys: list[str], search: Search,
                compose: Compose, deliver: Deliver, at: dt.datetime | None = None) -> SendReport:
    """One whole run: sight, queue, deliver; the report says what happened."""
    at, report = at or now(), SendReport()
    run = start_run(db, generation, keys, at, report)
    queue(db, run, search, compose, at, report)
    deliver_pending(db, deliver, at, report)
    with db.session() as session:
        finished = session.get(Run, run)
        finished.finished_at, finished.sent, finished.failed = now(), report.sent, len(
            report.failed)
    return report
