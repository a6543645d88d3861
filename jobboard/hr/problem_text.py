"""Problems and times as HR reads them: in the page's language, in Toronto time.

The core keeps each problem's code and parameters (jobboard/messages.py); here the same
template is translated, so French HR pages show French problems and fixes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask_babel import get_locale, get_translations

from jobboard.feedback.store import spreadsheet_cell
from jobboard.i18n import _
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


# A report's warnings shown on a page; all of them are in its CSV (thousands at 10,000 files:
# rendering them all made the dashboard take seconds and the page unusable).
PROBLEMS_SHOWN = 100


def page_report(report: dict | None) -> dict | None:
    """A report as the pages read it: a copy with `hidden_paths`, the files of its drafts and
    test postings as a set (the pages look up every listed file in it). The stored report is
    left as it is."""
    if not report:
        return report
    return {**report, "hidden_paths": frozenset(
        item["path"] for item in report.get("hidden") or ())}


def problems_csv(problems: list[dict]) -> str:
    """Every problem as CSV (one header row; texts in the page's language), safe to open in a
    spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("File"), _("Line"), _("Field"), _("Severity"), _("What is wrong"),
                     _("How to fix it")])
    for problem in problems:
        reason, hint, _translated = problem_text(problem)
        severity = _("error") if problem.get("severity") == "error" else _("warning")
        writer.writerow([spreadsheet_cell(value) for value in (
            problem.get("file"), problem.get("line"), problem.get("field"), severity, reason,
            hint)])
    return out.getvalue()
