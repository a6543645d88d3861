"""When a posting counts as open: one rule for a file, an English–French pair, the search
catalogue and the content lint.

A file is *archived* (`archived: true`), *closed* (its closing date has passed, or it has none
and was posted — `date` — more than `open_days` days ago: open is not forever), else *open*.
A pair has one status, the most restrictive of its files' (archived > closed > open): a
posting open in English but archived in French is archived everywhere, and a closing date that
has passed in either file closes it. HR sees each disagreement (lint `pair_conflict`).

    file_status(archived=False, closing=None, posted=date(2020, 1, 1), today=date(2026, 12, 4))
    -> "closed"
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np

STATUSES = ("open", "closed", "archived")  # in order of restriction
DEFAULT_OPEN_DAYS = 60


def codes(archived: np.ndarray, closing: np.ndarray, posted: np.ndarray, today: dt.date,
          open_days: int = DEFAULT_OPEN_DAYS) -> np.ndarray:
    """Status numbers (index in STATUSES) of files given as arrays; dates as ordinals, 0 when
    unknown."""
    now = today.toordinal()
    closed = (closing > 0) & (closing < now)
    expired = (closing == 0) & (posted > 0) & (posted < now - open_days)
    return np.where(archived, 2, np.where(closed | expired, 1, 0))


def file_status(archived: bool, closing: dt.date | None, posted: dt.date | None,
                today: dt.date, open_days: int = DEFAULT_OPEN_DAYS) -> str:
    """The status of one file."""
    number = codes(np.array([archived]), np.array([closing.toordinal() if closing else 0]),
                   np.array([posted.toordinal() if posted else 0]), today, open_days)[0]
    return STATUSES[int(number)]


def pair_status(statuses: Iterable[str]) -> str:
    """The one status of a posting whose files have these statuses: the most restrictive."""
    return max(statuses, key=STATUSES.index, default="open")


def expired(closing: dt.date | None, posted: dt.date | None, today: dt.date,
            open_days: int = DEFAULT_OPEN_DAYS) -> bool:
    """True when a file counts as closed only because it has been open too long."""
    return closing is None and posted is not None and posted.toordinal() < (
        today.toordinal() - open_days)
