"""Atom feed of any search (the same query string as the search page, newest first), and the
page that explains, in plain words, how to follow a search with it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from flask import Blueprint, abort, render_template, request

from jobboard.i18n import _, format_money
from jobboard.search.parse import QueryError
from jobboard.search.query import SearchRequest, SearchResults
from jobboard.views import labels, search_index
from jobboard.views.links import feed_url, follow_url, search_url
from jobboard.views.search import parse_search

bp = Blueprint("feed", __name__)
FEED_SIZE = 50
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def atom_time(day: dt.date | None) -> str:
    """RFC 3339 timestamp for a date (midnight UTC): 2026-11-02 -> "2026-11-02T00:00:00Z"."""
    moment = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) if day else EPOCH
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def search_title(results: SearchResults) -> str:
    """What a search asks for, in words: "Jobs: developer, IT-03 — Government of Canada"."""
    asked = results.request
    parts = [asked.q] if asked.q else []
    for group in results.facets:
        if group.name == "status" and asked.filters.get("status") == ("open",):
            continue
        parts += [labels.facet_label(group.name, v.value, v.label) for v in group.selected]
    if asked.sle:
        parts.append(_("second-language results %(results)s", results=asked.sle))
    if asked.salary_min is not None:
        parts.append(_("%(amount)s or more", amount=format_money(asked.salary_min)))
    if asked.posted is not None:
        parts.append(str(labels.POSTED[str(asked.posted)]).lower())
    if not parts:
        return _("Jobs — Government of Canada")
    return _("Jobs: %(search)s — Government of Canada", search=", ".join(parts))


def _feed_search(lang: str) -> tuple[SearchRequest, SearchResults]:
    try:
        asked = parse_search(request.args, lang, FEED_SIZE)
        asked = replace(asked, sort=asked.sort or "newest", page=1)
        return asked, search_index().search(asked)
    except QueryError as error:
        abort(400, labels.error_message(error))


def _shared_params(results: SearchResults) -> list[tuple[str, str]]:
    asked = results.request
    return replace(asked, sort="" if asked.sort == "newest" else asked.sort).params()


def entry_day(hit) -> dt.date | None:
    """An entry's date: the posting's own, else the day the index first held it."""
    return hit.date_posted or hit.published


@bp.get("/en/jobs/feed.atom", defaults={"lang": "en"})
@bp.get("/fr/emplois/feed.atom", defaults={"lang": "fr"})
def atom(lang: str):
    """The feed of a search (first FEED_SIZE results)."""
    asked, results = _feed_search(lang)
    params = _shared_params(results)
    updated = max((day for day in map(entry_day, results.hits) if day), default=None)
    body = render_template(
        "feed.xml", results=results, asked=asked, updated=atom_time(updated),
        atom_time=atom_time, entry_day=entry_day, title=search_title(results),
        self_url=feed_url(params, lang, external=True),
        html_url=search_url(params, lang, external=True))
    return body, 200, {"Content-Type": "application/atom+xml; charset=utf-8"}


@bp.get("/en/jobs/follow", defaults={"lang": "en"})
@bp.get("/fr/emplois/suivre", defaults={"lang": "fr"})
def follow(lang: str):
    """What "Follow this search" opens: what a feed is and how to use it, with its address."""
    _asked, results = _feed_search(lang)
    params = _shared_params(results)
    return render_template(
        "follow.html", title=search_title(results), feed=feed_url(params, lang),
        feed_address=feed_url(params, lang, external=True), back_url=search_url(params, lang),
        alternate_url=follow_url(params, "fr" if lang == "en" else "en"))
