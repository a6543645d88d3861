"""Atom feed of any search: the same query string as the search page, newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from flask import Blueprint, abort, render_template, request

from jobboard.search.parse import QueryError
from jobboard.views import labels, search_index
from jobboard.views.links import feed_url, search_url
from jobboard.views.search import parse_search

bp = Blueprint("feed", __name__)
FEED_SIZE = 50
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def atom_time(day: dt.date | None) -> str:
    """RFC 3339 timestamp for a date (midnight UTC): 2026-11-02 -> "2026-11-02T00:00:00Z"."""
    moment = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) if day else EPOCH
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@bp.get("/en/jobs/feed.atom", defaults={"lang": "en"})
@bp.get("/fr/emplois/feed.atom", defaults={"lang": "fr"})
def atom(lang: str):
    """The feed of a search (first FEED_SIZE results)."""
    try:
        asked = parse_search(request.args, lang, FEED_SIZE)
        asked = replace(asked, sort=asked.sort or "newest", page=1)
        results = search_index().search(asked)
    except QueryError as error:
        abort(400, labels.error_message(error))
    params = replace(asked, sort="" if asked.sort == "newest" else asked.sort).params()
    updated = max((hit.date_posted for hit in results.hits if hit.date_posted), default=None)
    body = render_template(
        "feed.xml", results=results, asked=asked, updated=atom_time(updated),
        atom_time=atom_time, self_url=feed_url(params, lang, external=True),
        html_url=search_url(params, lang, external=True))
    return body, 200, {"Content-Type": "application/atom+xml; charset=utf-8"}
