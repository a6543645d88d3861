"""Public pages: search, postings, feeds, JSON API, and the small pages around them.

Each view parses the request into plain data, calls the search core, and renders.
"""

from __future__ import annotations

from flask import Flask, current_app

from jobboard.search.engine import SearchIndex


def search_index() -> SearchIndex:
    """The app's one SearchIndex (it keeps a searcher open across requests)."""
    return current_app.extensions["search_index"]


def init_app(app: Flask) -> None:
    """Register the blueprints, error pages and template helpers."""
    from jobboard.views import api, errors, feed, links, pages, posting, search

    for module in (pages, search, posting, feed, api):
        app.register_blueprint(module.bp)
    errors.init_app(app)
    links.init_app(app)
