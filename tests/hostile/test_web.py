"""Hostile requests: characters XML forbids in queries and postings, wrong methods, and the
modes of the files the board writes. Feeds are parsed with a real XML parser (expat)."""

from __future__ import annotations

import shutil
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import CONTENT, web_settings

from jobboard import create_app
from jobboard.hr.db import SQLITE_FILE, forget
from jobboard.search.indexer import reindex

FEEDS = ("/en/jobs/feed.atom", "/fr/emplois/feed.atom")


def well_formed(response) -> ET.Element:
    assert response.status_code == 200
    return ET.fromstring(response.get_data())  # raises ParseError when not XML


@pytest.mark.parametrize("feed", FEEDS)
@pytest.mark.parametrize("q", ["data%EF%BF%BF", "data%01%00", "%EF%BF%BE", "a%ED%A0%80"])
def test_queries_with_characters_xml_forbids_keep_feeds_well_formed(client, feed, q):
    well_formed(client.get(f"{feed}?q={q}&classification=IT-03%0B"))
    page = client.get(f"/en/jobs?q={q}").get_data()
    assert b"\x00" not in page and b"\x01" not in page


@pytest.fixture
def control_app(tmp_path):
    """The sample content plus a posting whose front matter escapes control characters."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "en" / "bell.md").write_text(
        '---\ntitle: "Bell\\x01 ringer\\0"\ndescription: "Rings\\x1f"\ndate: 2099-01-01\n---\n'
        "The body rings\x07 too.\n", encoding="utf-8")
    reindex(content, tmp_path / "index")
    return create_app(web_settings(content, tmp_path / "index", tmp_path / "instance"))


@pytest.mark.parametrize("feed", FEEDS)
def test_a_posting_with_control_characters_keeps_the_default_feeds_well_formed(control_app,
                                                                              feed):
    client = control_app.test_client()
    titles = [e.text for e in well_formed(client.get(feed)).findall(".//{*}title")]
    assert "Bell ringer" in titles
    for path in ("/en/jobs/bell", "/en/jobs?q=bell", "/api/v1/search?q=bell"):
        body = client.get(path).get_data()
        assert b"\x00" not in body and b"\x01" not in body and b"\x07" not in body


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("get", "/en/hr/logout", "POST"), ("get", "/hooks/reindex", "POST"),
    ("post", "/en/jobs", "GET"), ("put", "/api/v1/search", "GET")])
def test_405_says_which_methods_are_allowed(client, method, path, allowed):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert allowed in response.headers["Allow"].split(", ")
    text = response.get_data(as_text=True)
    assert "address is not valid" not in text and "malformed" not in text
    if path.startswith("/api/"):
        assert response.json["error"]["code"] == "method_not_allowed"
    else:
        assert "does not accept that kind of request" in text


def test_the_sqlite_database_is_readable_by_its_owner_only(tmp_path):
    instance = tmp_path / "instance"
    settings = web_settings(CONTENT, tmp_path / "index", instance)
    del settings["DATABASE_URL"]
    app = create_app(settings)
    app.test_client().get("/en/hr/login")
    database = instance / SQLITE_FILE
    try:
        for path in (database, *database.parent.glob(SQLITE_FILE + "-*")):
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    finally:
        forget(f"sqlite:///{Path(database).resolve()}")
