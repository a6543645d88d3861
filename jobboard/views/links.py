"""URLs for templates: query-string pairs from the core -> links, so templates never build URLs.

    search_url([("classification", "IT-03")], "fr") -> "/fr/emplois?classification=IT-03"
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlencode

from flask import Flask, g, url_for

from jobboard.i18n import current_lang
from jobboard.search.query import DEFAULT_STATUS
from jobboard.views import labels

Params = Iterable[tuple[str, str]]


def clean(params: Params) -> list[tuple[str, str]]:
    """Drop a lone status=open: it is the default, and shorter links are easier to share."""
    pairs = list(params)
    statuses = [value for name, value in pairs if name == "status"]
    if tuple(statuses) == DEFAULT_STATUS:
        pairs = [pair for pair in pairs if pair[0] != "status"]
    return pairs


def with_query(path: str, params: Params) -> str:
    """path + ?query for the given pairs (no "?" when there are none)."""
    query = urlencode(clean(params))
    return f"{path}?{query}" if query else path


def search_url(params: Params = (), lang: str | None = None, external: bool = False) -> str:
    """The search page for these parameters, in lang (default: the page's language)."""
    return with_query(url_for("search.search", lang=lang or current_lang(), _external=external),
                      params)


def feed_url(params: Params = (), lang: str | None = None, external: bool = False) -> str:
    """The Atom feed of a search."""
    return with_query(url_for("feed.atom", lang=lang or current_lang(), _external=external),
                      params)


def follow_url(params: Params = (), lang: str | None = None) -> str:
    """The page explaining how to follow a search with its feed."""
    return with_query(url_for("feed.follow", lang=lang or current_lang()), params)


_PLAIN_SLUG = re.compile(r"[A-Za-z0-9._~-]+")  # nothing for the URL to quote


def posting_url(lang: str, slug: str, external: bool = False) -> str:
    """A posting's page: ("fr", "analyste") -> "/fr/emplois/analyste".

    A results page links 20 postings: the path up to the slug is built by Flask once per
    request and language, and a plain slug appended to it."""
    if external or not _PLAIN_SLUG.fullmatch(slug):
        return url_for("posting.show", lang=lang, slug=slug, _external=external)
    prefixes = g.setdefault("posting_url_prefixes", {})
    if lang not in prefixes:
        prefixes[lang] = url_for("posting.show", lang=lang, slug="-")[:-1]
    return prefixes[lang] + slug


def init_app(app: Flask) -> None:
    """Make the URL helpers and labels available to every template."""
    app.jinja_env.globals.update(search_url=search_url, feed_url=feed_url, follow_url=follow_url,
                                 posting_url=posting_url, **labels.TEMPLATE_GLOBALS)
    app.jinja_env.filters.update(search_url=search_url)
