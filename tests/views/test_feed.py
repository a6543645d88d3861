"""Atom feeds of searches (jobboard/views/feed.py), read with a real feed parser."""

from __future__ import annotations

import feedparser
import pytest

from jobboard.views.feed import atom_time


@pytest.mark.parametrize("path, lang", [("/en/jobs/feed.atom", "en"),
                                        ("/fr/emplois/feed.atom", "fr")])
def test_feed_of_all_open_jobs(client, path, lang):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.language == lang
    assert feed.entries
    assert len(feed.entries) == len({entry.id for entry in feed.entries})
    dates = [entry.updated_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)  # newest first
    for entry in feed.entries:
        assert entry.link.startswith("http://localhost/")
        assert client.get(entry.link.removeprefix("http://localhost")).status_code == 200


def test_feed_follows_the_search(client):
    feed = feedparser.parse(client.get("/en/jobs/feed.atom", query_string=[
        ("q", "python"), ("classification", "IT-03")]).data)
    assert not feed.bozo
    titles = [entry.title for entry in feed.entries]
    assert "Senior Python Developer" in titles
    assert all("IT-03" in [tag.term for tag in entry.tags] for entry in feed.entries)
    assert "python" in feed.feed.title
    assert feed.feed.link == "http://localhost/en/jobs?q=python&classification=IT-03"


def test_feed_text_is_escaped(client):
    response = client.get("/fr/emplois/feed.atom", query_string={"q": "<b>&\"analyste"})
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.bozo_exception
    assert "<b>&\"analyste" in feed.feed.title


def test_feed_rejects_bad_parameters(client):
    assert client.get("/en/jobs/feed.atom", query_string={"sort": "x"}).status_code == 400


@pytest.mark.parametrize("day, expected", [(None, "2000-01-01T00:00:00Z")])
def test_atom_time_without_a_date(day, expected):
    assert atom_time(day) == expected


@pytest.mark.parametrize("path, query, title", [
    ("/en/jobs/feed.atom", [("q", "developer"), ("classification", "IT-03")],
     "Jobs: developer, IT-03 — Government of Canada"),
    ("/fr/emplois/feed.atom", [("q", "développeur"), ("classification", "IT-03"),
                               ("salary_min", "80000")],
     "Emplois\u00a0: développeur, IT-03, 80\u00a0000\u00a0$ ou plus — gouvernement du Canada"),
    ("/en/jobs/feed.atom", [], "Jobs — Government of Canada"),
])
def test_feed_title_names_the_search(client, path, query, title):
    feed = feedparser.parse(client.get(path, query_string=query).data)
    assert not feed.bozo and feed.feed.title == title


def test_feed_accepts_the_candidate_filters(client):
    query = {"sle": "BBB", "salary_min": "90000", "posted": "30", "sort": "salary"}
    feed = feedparser.parse(client.get("/en/jobs/feed.atom", query_string=query).data)
    api = client.get("/api/v1/search", query_string={**query, "page_size": 50}).json
    assert not feed.bozo and [e.link for e in feed.entries] == [h["url"] for h in api["results"]]


def test_real_postings_without_a_date_get_the_day_the_index_first_held_them(corpus_client):
    import datetime as dt

    feed = feedparser.parse(corpus_client.get("/en/jobs/feed.atom",
                                              query_string={"status": "all"}).data)
    assert not feed.bozo and feed.entries
    days = {entry.published[:10] for entry in feed.entries}
    assert "2000-01-01" not in days and dt.date.today().isoformat() in days


@pytest.mark.parametrize("path, lang, heading", [
    ("/en/jobs/follow", "en", "Follow this search"),
    ("/fr/emplois/suivre", "fr", "Suivre cette recherche"),
])
def test_follow_page_explains_feeds_and_gives_the_address(client, path, lang, heading):
    from helpers import assert_page

    query = [("q", "analyst"), ("classification", "EC-04")]
    page = assert_page(client.get(path, query_string=query), lang=lang)
    assert page.h1s == [heading]
    feed = path.replace("follow", "feed.atom").replace("suivre", "feed.atom")
    assert f'>http://localhost{feed}?q=analyst&amp;classification=EC-04</code>' in page.html
    search = client.get(path.rsplit("/", 1)[0], query_string=query).get_data(True)
    assert f'href="{path}?q=analyst&amp;classification=EC-04"' in search
