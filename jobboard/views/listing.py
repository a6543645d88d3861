"""Search results as the page lists them: each Hit with its link and facts worded for the page.

    result_items(hits, "fr") -> [ResultItem(hit, "/fr/emplois/analyste-000123", False,
        "Bilingue impératif", ("Montréal (Québec)",), "15 janvier 2027"), …]

Worked out here, once per hit and with the language known, rather than through a handful of
template calls per hit that each look the language up again.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobboard.i18n import format_date
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


def result_item(hit: Hit, lang: str) -> ResultItem:
    """One hit as the page in lang shows it."""
    return ResultItem(
        hit, posting_url(hit.lang, hit.slug), hit.lang != lang,
        labels.requirement_label(hit.language_requirement, lang)
        if hit.language_requirement else None,
        tuple(labels.location_label(place, lang) for place in hit.locations),
        format_date(hit.closing_date, lang=lang) if hit.closing_date else None)


def result_items(hits: tuple[Hit, ...], lang: str) -> list[ResultItem]:
    """The page's hits, in order."""
    return [result_item(hit, lang) for hit in hits]
