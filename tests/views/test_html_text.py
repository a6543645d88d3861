"""Titles and descriptions written as HTML show as text on every page and format."""

from __future__ import annotations

import json
import re

import pytest

from jobboard import create_app
from jobboard.search.indexer import reindex

FRONT = """---
title: "Analyst &#8211; Data"
description: >-
  <p>Ottawa &#8211; Gatineau &amp; <b>remote</b></p>
translationKey: html
closing_date: 2099-01-31
---
Body.
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    base = tmp_path_factory.mktemp("html-text")
    for lang in ("en", "fr"):
        (base / "content" / lang).mkdir(parents=True)
        (base / "content" / lang / "analyst.md").write_text(FRONT, encoding="utf-8")
    assert reindex(base / "content", base / "index", full=True).outcome != "failed"
    return create_app({
        "TESTING": True, "CONTENT_DIR": str(base / "content"), "INDEX_DIR": str(base / "index"),
        "INSTANCE_DIR": str(base / "instance"), "SECRET_KEY": "test",
        "DATABASE_URL": f"sqlite:///{base / 'hr.sqlite3'}", "ENV": "development"}).test_client()


@pytest.mark.parametrize("path", ["/en/jobs", "/fr/emplois", "/en/jobs/analyst",
                                  "/fr/emplois/feed.atom", "/api/v1/search?lang=en",
                                  "/api/v1/postings/en-analyst"])
def test_no_markup_or_entity_code_reaches_candidates(client, path):
    text = client.get(path).get_data(as_text=True)
    assert "Analyst – Data" in text or "Analyst \\u2013 Data" in text
    assert "Ottawa – Gatineau & remote" in text.replace("&amp;", "&").replace("\\u2013", "–")
    assert "&lt;p&gt;" not in text and "&amp;#8211;" not in text and "<p>Ottawa" not in text
    assert "#8211" not in text and "<b>remote" not in text


def test_json_ld_holds_the_text(client):
    html = client.get("/en/jobs/analyst").get_data(as_text=True)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html,
                                re.S).group(1))
    assert data["title"] == "Analyst – Data"
