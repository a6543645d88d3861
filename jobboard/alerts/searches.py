"""An alert's search: kept as the search page's own query string, run by the normal core.

    query_of(SearchRequest(q="python", filters={"classification": ("IT-03",)}, page=2))
    -> "q=python&classification=IT-03"     (no page: an alert is about the whole search)

Stored that way, every parameter the search page understands (today's and future filters)
works in alerts, parsed by the same `parse_search`.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qsl, urlencode

from werkzeug.datastructures import MultiDict

from jobboard.alerts.models import Subscription
from jobboard.i18n import _
from jobboard.search.query import SearchRequest, SearchResults
from jobboard.views import labels
from jobboard.views.links import clean
from jobboard.views.search import chips, parse_search

ALERT_SIZE = 25  # postings listed in one email; the rest are one link away


def query_of(asked: SearchRequest) -> str:
    """The query string that brings this search back (page left out)."""
    return urlencode(clean(replace(asked, page=1).params()))


def request_of(subscription: Subscription, page_size: int = ALERT_SIZE) -> SearchRequest:
    """The subscription's search in its language (QueryError if it no longer parses)."""
    args = MultiDict(parse_qsl(subscription.query, keep_blank_values=False))
    return replace(parse_search(args, subscription.lang, page_size), page=1)


def params_of(subscription: Subscription) -> list[tuple[str, str]]:
    return parse_qsl(subscription.query)


def describe(asked: SearchRequest, results: SearchResults) -> list[str]:
    """What the search is, in its language: ["“developer”", "IT-03", "Ottawa, ON"]."""
    words = [_("“%(query)s”", query=asked.q)] if asked.q else []
    return words + [labels.facet_label(name, value.value, value.label)
                    for name, value in chips(asked, results)]
