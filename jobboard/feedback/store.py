"""Barrier feedback without Flask: check a submission, keep it, follow it up, count, export.

    check({"what_happened": "", ...}) -> (Submission, [("what_happened", "missing")])
    submit(session, submission, "fr", sender_key("203.0.113.9", secret)) -> Feedback
    set_status(session, item, "wont_fix", "", "qa@…") -> ["reason"] (a reason is required)

Error codes, not sentences: the views say them in the page's language.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobboard.accommodation import valid_email, valid_phone
from jobboard.feedback.models import Feedback
from jobboard.hr.db import now

STATUSES = ("received", "acknowledged", "in_progress", "fixed", "wont_fix")
RESOLVED = ("fixed", "wont_fix")
REPLY_BY = ("email", "phone", "mail", "anonymous")
CONTACT_FIELDS = ("email", "phone", "mail")
# Characters kept of each field; a longer value is an error, never cut silently.
LIMITS = {"page": 2000, "what_happened": 5000, "assistive_technology": 300, "email": 254,
          "phone": 40, "mail": 500, "reason": 2000}
MAX_PER_HOUR = 5  # submissions per sender; more is abuse, not feedback
WINDOW = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Submission:
    """What the form sent, trimmed; `contact` is the means chosen in reply_by."""

    page: str = ""
    what_happened: str = ""
    assistive_technology: str = ""
    reply_by: str = ""
    email: str = ""
    phone: str = ""
    mail: str = ""

    @property
    def contact(self) -> str | None:
        """The email, phone or mailing address chosen; None for anonymous feedback."""
        return getattr(self, self.reply_by) or None if self.reply_by in CONTACT_FIELDS else None


def _field(form: Mapping, name: str) -> str:
    value = form.get(name) or ""
    return value.strip() if isinstance(value, str) else ""


def check(form: Mapping) -> tuple[Submission, list[tuple[str, str]]]:
    """The submission and its errors as (field, code): missing, too_long, invalid."""
    submission = Submission(**{name: _field(form, name)
                                 for name in Submission.__dataclass_fields__})
    errors = []
    for name in ("page", "what_happened", "assistive_technology", "email", "phone", "mail"):
        if len(getattr(submission, name)) > LIMITS[name]:
            errors.append((name, "too_long"))
    if not submission.what_happened:
        errors.append(("what_happened", "missing"))
    if submission.reply_by not in REPLY_BY:
        errors.append(("reply_by", "missing"))
    elif submission.reply_by != "anonymous" and not any(
            field == submission.reply_by for field, _ in errors):
        value = submission.contact or ""
        if not value:
            errors.append((submission.reply_by, "missing"))
        elif (submission.reply_by == "email" and not valid_email(value)
              or submission.reply_by == "phone" and not valid_phone(value)):
            errors.append((submission.reply_by, "invalid"))
    order = list(Submission.__dataclass_fields__)
    return submission, sorted(errors, key=lambda error: order.index(error[0]))


def sender_key(address: str, secret: str) -> str:
    """A keyed hash of an address: equal for equal addresses, useless to trace anyone."""
    return hmac.new(secret.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def too_many(session: Session, sender: str, at: dt.datetime | None = None) -> bool:
    """True when sender has sent MAX_PER_HOUR submissions in the last hour."""
    at = at or now()
    count = session.scalar(select(func.count()).select_from(Feedback).where(
        Feedback.sender == sender, Feedback.received_at > at - WINDOW))
    return count >= MAX_PER_HOUR


def submit(session: Session, submission: Submission, lang: str, sender: str,
           at: dt.datetime | None = None) -> Feedback:
    """Keep a checked submission; only the contact means chosen is kept."""
    item = Feedback(received_at=at or now(), lang=lang, page=submission.page,
                    what_happened=submission.what_happened,
                    assistive_technology=submission.assistive_technology or None,
                    reply_by=submission.reply_by, contact=submission.contact, sender=sender)
    session.add(item)
    session.flush()
    return item


def acknowledged(item: Feedback, at: dt.datetime | None = None) -> None:
    """The acknowledgement went out (by email here, or by HR by phone or mail)."""
    item.acknowledged_at = item.acknowledged_at or at or now()
    if item.status == "received":
        item.status = "acknowledged"


def set_status(session: Session, item: Feedback, status: str, reason: str, who: str,
               at: dt.datetime | None = None) -> list[str]:
    """Move item to status; returns the fields in error (nothing changes when there are)."""
    reason = reason.strip()
    errors = []
    if status not in STATUSES:
        errors.append("status")
    elif status == "wont_fix" and not reason:
        errors.append("reason")
    if len(reason) > LIMITS["reason"]:
        errors.append("reason")
    if errors:
        return errors
    at = at or now()
    if status != "received":
        item.acknowledged_at = item.acknowledged_at or at
    item.status, item.reason = status, reason if status == "wont_fix" else None
    item.resolved_at = (item.resolved_at or at) if status in RESOLVED else None
    item.updated_at, item.updated_by = at, who
    return []


def find(session: Session, item_id: int) -> Feedback | None:
    return session.get(Feedback, item_id)


def listing(session: Session, status: str | None = None,
            limit: int | None = None) -> list[Feedback]:
    """Feedback, newest first, optionally of one status."""
    query = select(Feedback).order_by(Feedback.received_at.desc(), Feedback.id.desc())
    if status in STATUSES:
        query = query.where(Feedback.status == status)
    return list(session.scalars(query.limit(limit)))


def status_counts(session: Session) -> dict[str, int]:
    """{status: number of items} for every status, zeros included."""
    rows = session.execute(select(Feedback.status, func.count()).group_by(Feedback.status))
    found = {status: count for status, count in rows}
    return {status: found.get(status, 0) for status in STATUSES}


@dataclass(frozen=True)
class YearCounts:
    year: int
    received: int
    resolved: int


def year_counts(session: Session, today: dt.date | None = None) -> YearCounts:
    """Feedback received and resolved (fixed or won't fix) since 1 January, UTC."""
    year = (today or now().date()).year
    start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
    received = session.scalar(select(func.count()).select_from(Feedback).where(
        Feedback.received_at >= start, Feedback.received_at < end))
    resolved = session.scalar(select(func.count()).select_from(Feedback).where(
        Feedback.resolved_at >= start, Feedback.resolved_at < end))
    return YearCounts(year, received, resolved)


CSV_COLUMNS = ("id", "received_at", "lang", "page", "what_happened", "assistive_technology",
               "reply_by", "contact", "status", "reason", "acknowledged_at", "resolved_at",
               "updated_at", "updated_by")


def spreadsheet_cell(value: object) -> str:
    """A CSV cell: dates in ISO form, and text that a spreadsheet will not run as a formula."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    text = "" if value is None else str(value)
    # A leading = + - @ would run as a formula when the file is opened in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(items: list[Feedback]) -> str:
    """The items as CSV (UTF-8, one header row), safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        writer.writerow([spreadsheet_cell(getattr(item, column)) for column in CSV_COLUMNS])
    return out.getvalue()
