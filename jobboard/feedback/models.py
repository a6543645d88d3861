"""Barrier feedback in the HR database (same engine, sessions and migrations as the HR tables)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jobboard.hr.db import Base, UTCDateTime, now


class Feedback(Base):
    """One barrier someone met on the board, and what we did about it."""

    __tablename__ = "a11y_feedback"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=now, index=True)
    lang: Mapped[str] = mapped_column(String(2))  # of the form, so replies use it
    page: Mapped[str] = mapped_column(String(2000))
    what_happened: Mapped[str] = mapped_column(Text)
    assistive_technology: Mapped[str | None] = mapped_column(String(300))
    reply_by: Mapped[str] = mapped_column(String(16))  # email | phone | mail | anonymous
    contact: Mapped[str | None] = mapped_column(String(500))  # for reply_by; None if anonymous
    # A keyed hash of the sender's address, for rate limiting: the address itself would make
    # anonymous feedback traceable.
    sender: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), default="received", index=True)
    reason: Mapped[str | None] = mapped_column(Text)  # why it won't be fixed
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_by: Mapped[str | None] = mapped_column(String(320))
