"""URL helpers for templates (jobboard/views/links.py)."""

from __future__ import annotations

import pytest

from jobboard.views.links import clean, feed_url, posting_url, search_url, with_query


@pytest.mark.parametrize("pairs, expected", [
    ([("status", "open")], []),
    ([("q", "a"), ("status", "open")], [("q", "a")]),
    ([("status", "open"), ("status", "closed")], [("status", "open"), ("status", "closed")]),
    ([("status", "archived")], [("status", "archived")]),
])
def test_clean_drops_only_the_default_status(pairs, expected):
    assert clean(pairs) == expected


def test_with_query_encodes():
    assert with_query("/en/jobs", []) == "/en/jobs"
    assert with_query("/fr/emplois", [("q", "développeur & co"), ("classification", "IT-03")]) \
        == "/fr/emplois?q=d%C3%A9veloppeur+%26+co&classification=IT-03"


def test_urls_follow_the_page_language(app):
    with app.test_request_context("/fr/emplois"):
        assert search_url([("q", "x")]) == "/fr/emplois?q=x"
        assert search_url(lang="en") == "/en/jobs"
        assert feed_url([("q", "x")]) == "/fr/emplois/feed.atom?q=x"
        assert posting_url("en", "cloud-engineer") == "/en/jobs/cloud-engineer"
        assert posting_url("fr", "a", external=True) == "http://localhost/fr/emplois/a"


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("slug", ["cloud-engineer", "a.b_c~9", "données", "a b", "x/y", "-"])
@pytest.mark.parametrize("root", ["", "/board"])
def test_posting_urls_equal_flasks(app, lang, slug, root):
    from flask import url_for

    with app.test_request_context("/en/jobs", base_url=f"http://localhost{root}"):
        posting_url("en", "first"), posting_url("fr", "first")  # paths now kept for the request
        expected = url_for("posting.show", lang=lang, slug=slug)
        assert posting_url(lang, slug) == expected and expected.startswith(root + "/")
