"""When a posting counts as open (jobboard/status.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from jobboard.status import expired, file_status, pair_status

TODAY = dt.date(2026, 12, 4)


@pytest.mark.parametrize("archived, closing, posted, days, expected", [
    (False, None, None, 60, "open"),
    (False, dt.date(2027, 1, 1), dt.date(2020, 1, 1), 60, "open"),
    (False, dt.date(2026, 12, 3), None, 60, "closed"),
    (False, dt.date(2026, 12, 4), None, 60, "open"),
    (False, None, TODAY - dt.timedelta(days=60), 60, "open"),
    (False, None, TODAY - dt.timedelta(days=61), 60, "closed"),
    (False, None, TODAY - dt.timedelta(days=61), 90, "open"),
    (True, dt.date(2027, 1, 1), None, 60, "archived"),
])
def test_file_status(archived, closing, posted, days, expected):
    assert file_status(archived, closing, posted, TODAY, days) == expected
    assert expired(closing, posted, TODAY, days) is (
        expected == "closed" and closing is None)


@pytest.mark.parametrize("statuses, expected", [
    (["open", "archived"], "archived"),
    (["closed", "open"], "closed"),
    (["open", "open"], "open"),
    (["closed", "archived"], "archived"),
    (["open"], "open"),
])
def test_a_pair_has_the_most_restrictive_status(statuses, expected):
    assert pair_status(statuses) == expected
