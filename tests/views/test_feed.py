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
