"""Search results as the page lists them (jobboard/views/listing.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from jobboard.search.query import Hit
from jobboard.views.listing import result_item

HIT = Hit(uid="fr/analyste", key="analyste", lang="fr", slug="analyste-000123",
          title="Analyste", description="", snippet="",
          classifications=(("IT-02", "IT-02"),), language_requirement="bilingual_imperative",
          language_profile="CBC/CBC",
          locations=("Montréal (Québec)", "Somewhere unusual"), tenure=None, department=None,
          status="open", archived=False, stale=False, date_posted=None,
          closing_date=dt.date(2027, 1, 15), salary_min=None, salary_max=None,
          translation=None)


@pytest.mark.parametrize("lang, requirement, locations, closing", [
    ("en", "Bilingual imperative", ("Montréal, QC", "Somewhere unusual"), "January 15, 2027"),
    ("fr", "Bilingue impératif", ("Montréal (Québec)", "Somewhere unusual"), "15 janvier 2027"),
])
def test_result_item_words_the_facts_for_the_page(app, lang, requirement, locations, closing):
    path = {"en": "/en/jobs", "fr": "/fr/emplois"}[lang]
    with app.test_request_context(path):
        item = result_item(HIT, lang)
    assert item.hit is HIT
    assert item.url == "/fr/emplois/analyste-000123"
    assert item.foreign == (lang != "fr")
    assert (item.requirement, item.locations, item.closing) == (requirement, locations, closing)


def test_result_item_leaves_out_missing_facts(app):
    bare = replace(HIT, language_requirement=None, locations=(), closing_date=None)
    with app.test_request_context("/en/jobs"):
        item = result_item(bare, "en")
    assert (item.requirement, item.locations, item.closing) == (None, (), None)
