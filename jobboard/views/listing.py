"""Search results as the page lists them: each Hit with its link and facts worded for the page.

    result_items(hits, "fr") -> [ResultItem(hit, "/fr/emplois/analyste-000123", False,
        "Bilingue impératif", ("Montréal (Québec)",), "15 janvier 2027"), …]

Worked out here, once per hit and with the language known, rather than through a handful of
template calls per hit that each look the language up again.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobboard.i18n import _, _n, format_date, format_money
from jobboard.search.query import Hit
from jobboard.views import labels
from jobboard.views.links import posting_url


@dataclass(frozen=True)
class ResultItem:
    hit: Hit
    url: str  # the posting's page
    foreign: bool  # the posting is in the other language than the page
    requirement: str | None  # "Bilingual imperative"
    locations: tuple[str, ...]  # ("Gatineau, QC", "Toronto, ON")
    closing: str | None  # "February 4, 2027"
    closes_in: str | None  # "Closes in 3 days", "Closes today"
    salary: str | None  # "$88,000 to $125,000 a year"
    department: str | None  # "Shared Services Canada"
    areas: str | None  # "Students; Federal public servants"


def salary_range(low: int | None, high: int | None) -> str | None:
    """A posting's salary in words: (88000, 125000) -> "$88,000 to $125,000 a year"."""
    if low and high:
        return _("%(low)s to %(high)s a year", low=format_money(low), high=format_money(high))
    if low:
        return _("From %(low)s a year", low=format_money(low))
    if high:
        return _("Up to %(high)s a year", high=format_money(high))
    return None


def closes_in(days: int | None) -> str | None:
    """(0) -> "Closes today"; (3) -> "Closes in 3 days"; None -> None."""
    if days is None:
        return None
    if days == 0:
        return _("Closes today")
    return _n("Closes in %(num)s day", "Closes in %(num)s days", days)


def result_item(hit: Hit, lang: str) -> ResultItem:
    """One hit as the page in lang shows it."""
    return ResultItem(
        hit, posting_url(hit.lang, hit.slug), hit.lang != lang,
        labels.requirement_label(hit.language_requirement, lang)
        if hit.language_requirement else None,
        tuple(labels.location_label(place, lang) for place in hit.locations),
        format_date(hit.closing_date, lang=lang) if hit.closing_date else None,
        closes_in(hit.closes_in), salary_range(hit.salary_min, hit.salary_max),
        labels.department_label(hit.department) if hit.department else None,
        "; ".join(labels.area_label(code) for code in hit.who_can_apply) or None)


def result_items(hits: tuple[Hit, ...], lang: str) -> list[ResultItem]:
    """The page's hits, in order."""
    return [result_item(hit, lang) for hit in hits]
