"""Problems and times as HR reads them: in the page's language, in Toronto time.

The core keeps each problem's code and parameters (jobboard/messages.py); here the same
template is translated, so French HR pages show French problems and fixes.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask_babel import get_locale, get_translations

from jobboard.messages import MESSAGES

HR_TIME_ZONE = ZoneInfo("America/Toronto")


def problem_text(problem: dict) -> tuple[str, str, bool]:
    """(what is wrong, how to fix it, translated?) of a report's problem."""
    code = problem.get("code")
    if code not in MESSAGES:  # a report written before problems had codes
        return problem["reason"], problem["hint"], False
    values = {"field": problem.get("field"), "line": problem.get("line"),
              **dict(problem.get("params") or ())}
    # the templates are literals marked in jobboard/messages.py; look them up as they are
    catalogue = get_translations()
    reason, hint = (catalogue.ugettext(template) for template in MESSAGES[code])
    return reason % values, hint % values, True


def local_time(moment: dt.datetime | str | None) -> str:
    """A moment in Toronto time, with its zone: "December 4, 2026, 12:43:00 p.m. EST"."""
    if not moment:
        return "—"
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    if moment.tzinfo is None:  # the database keeps UTC without a zone
        moment = moment.replace(tzinfo=dt.UTC)
    return format_datetime(moment, "long", tzinfo=HR_TIME_ZONE, locale=get_locale())
