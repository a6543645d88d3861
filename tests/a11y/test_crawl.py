"""jobboard/a11y/crawl.py: which pages the crawler visits and scans, on the fixture site."""

from __future__ import annotations

import socket

import pytest

from jobboard.a11y.crawl import (
    BadURL,
    Unreachable,
    check_reachable,
    crawl,
    is_page_link,
    origin,
    sitemap_urls,
    start_url,
)


def paths(results, base):
    return [r.url.removeprefix(base) for r in results]


@pytest.mark.parametrize("url, expected", [
    ("http://127.0.0.1:8000", "http://127.0.0.1:8000/"),
    ("https://jobs.example.ca/fr/emplois#main", "https://jobs.example.ca/fr/emplois"),
    ("  http://host/x?q=1 ", "http://host/x?q=1"),
])
def test_start_url_normalises(url, expected):
    assert start_url(url) == expected


@pytest.mark.parametrize("url", ["127.0.0.1:8000", "ftp://host/", "http://", "not a url",
                                 "http://host:99999/"])
def test_start_url_rejects(url):
    with pytest.raises(BadURL):
        start_url(url)


@pytest.mark.parametrize("url, expected", [
    ("http://h:1/a", True),
    ("http://h:1/a?b=c", True),
    ("http://h:2/a", False),
    ("https://h:1/a", False),
    ("http://other:1/a", False),
    ("http://h:1/en/jobs/feed.atom?q=x", False),
    ("http://h:1/static/site.css", False),
    ("mailto:x@h", False),
])
def test_is_page_link(url, expected):
    assert is_page_link(url, origin("http://h:1/")) is expected


def test_unreachable_server_is_reported():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(Unreachable, match="cannot reach"):
        check_reachable(f"http://127.0.0.1:{port}/", timeout=2)


def test_reachable_returns_status(fixture_site):
    assert check_reachable(f"{fixture_site}/good") == 200
    assert check_reachable(f"{fixture_site}/missing") == 404


def test_sitemap_is_read_and_foreign_entries_are_kept_for_the_crawler_to_drop(fixture_site):
    assert sitemap_urls(fixture_site) == [f"{fixture_site}/from-sitemap",
                                          "http://example.invalid/not-ours"]


def test_crawl_follows_same_origin_pages_and_the_sitemap(page, fixture_site):
    results = list(crawl(page, fixture_site))
    assert sorted(paths(results, fixture_site)) == ["/", "/bad", "/fr/", "/framed",
                                                    "/from-sitemap", "/good"]
    failing = {r.url.removeprefix(fixture_site): sorted({f["id"] for f in r.failures})
               for r in results if not r.ok}
    assert failing == {"/bad": ["color-contrast", "html-has-lang", "image-alt", "label",
                                "landmark-one-main", "region", "target-size"],
                       "/framed": ["image-alt"]}
    assert {r.url.removeprefix(fixture_site): r.lang for r in results}["/fr/"] == "fr"
    assert all(r.status == 200 for r in results)


def test_crawl_scans_only_the_asked_languages(page, fixture_site):
    results = list(crawl(page, fixture_site, langs=("fr",)))
    assert paths(results, fixture_site) == ["/fr/"]


def test_crawl_include_limits_what_is_followed(page, fixture_site):
    results = list(crawl(page, fixture_site, include=(r"^/(good|bad)$",), use_sitemap=False))
    assert paths(results, fixture_site) == ["/", "/good", "/bad"]


def test_crawl_stops_at_max_pages_and_reports_progress(page, fixture_site):
    seen = []
    results = list(crawl(page, fixture_site, max_pages=2,
                         progress=lambda n, limit, result: seen.append((n, limit, result.url))))
    assert len(results) == 2
    assert [(n, limit) for n, limit, _ in seen] == [(1, 2), (2, 2)]
