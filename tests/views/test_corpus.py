"""Key routes on the real postings (../shared/corpus/cds): 452 files, 5 of them broken."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest
from helpers import assert_page

pytestmark = pytest.mark.corpus
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize("path, lang", [
    ("/en/jobs?status=all", "en"),
    ("/fr/emplois?status=all", "fr"),
    ("/en/jobs?q=developer&status=all", "en"),
    ("/fr/emplois?q=développeur&status=all", "fr"),
    ("/fr/emplois?q=developpeur&status=all&classification=IT-03", "fr"),
    ("/en/jobs?q=designer&status=archived&sort=newest&page=2", "en"),
    ("/en/jobs?status=all&page=3", "en"),
])
def test_search_pages(corpus_client, path, lang):
    page = assert_page(corpus_client.get(path), lang=lang)
    assert 'role="status"' in page.html


def test_french_search_for_developpeur_finds_postings(corpus_client):
    data = corpus_client.get("/api/v1/search", query_string={
        "q": "developpeur", "lang": "fr", "status": "all", "page_size": 100}).json
    assert data["total"] >= 10
    assert sum(hit["lang"] == "fr" for hit in data["results"]) >= 10


def test_every_posting_page_renders(corpus_client):
    root = ET.fromstring(corpus_client.get("/sitemap.xml").data)
    urls = [loc.text.removeprefix("http://localhost") for loc in root.iter(f"{SITEMAP}loc")]
    postings = [url for url in urls if url.count("/") == 3]
    stats = corpus_client.get("/healthz").json
    assert len(postings) == stats["documents"] > 150
    for path in postings:
        page = assert_page(corpus_client.get(path), lang=path[1:3])
        body = page.html[page.html.index('class="posting__body"'):]
        assert "<script" not in body and "<h1" not in body and "<img" not in body


def test_feed_and_sitemap(corpus_client):
    feed = feedparser.parse(corpus_client.get("/fr/emplois/feed.atom?status=all").data)
    assert not feed.bozo and len(feed.entries) == 50
    assert corpus_client.get("/sitemap.xml").status_code == 200


def test_toggle_round_trip(corpus_client):
    page = assert_page(corpus_client.get(
        "/fr/emplois?q=developpeur&classification=IT-03&status=all"), lang="fr")
    toggle = next(link for link in page.links if link.get("hreflang") == "en"
                  and link.get("lang") == "en")
    assert toggle["href"] == "/en/jobs?q=developpeur&classification=IT-03&status=all"
    english = assert_page(corpus_client.get(toggle["href"]), lang="en")
    assert "developpeur" in english.html

