"""Translated labels and error messages (jobboard/views/labels.py)."""

from __future__ import annotations

import pytest

from jobboard.i18n import force_lang
from jobboard.search.parse import QueryError
from jobboard.views.labels import ERRORS, error_message, facet_label, location_label


@pytest.mark.parametrize("lang, code, expected", [
    ("en", "bad_page", "The page must be a whole number from 1 to 1000."),
    ("fr", "bad_page", "La page doit être un nombre entier de 1 à 1000."),
    ("en", "query_too_long", "Your search is longer than 256 characters. Use fewer words."),
    ("fr", "too_many_terms", "Votre recherche compte plus de 32 mots. Utilisez moins de mots."),
    ("fr", "bad_lang", "La langue doit être en ou fr."),
])
def test_error_messages(app, lang, code, expected):
    with app.test_request_context(f"/{lang}/"), force_lang(lang):
        assert error_message(code) == expected
        assert error_message(QueryError(code, "English text from the core")) == expected


def test_every_core_error_code_has_a_message(app):
    for code in ("bad_lang", "bad_sort", "bad_page", "bad_page_size", "bad_filter",
                 "query_too_long", "too_many_terms", "no_terms"):
        assert code in ERRORS
    with app.test_request_context("/en/"):
        assert error_message(QueryError("new_code", "as the core says")) == "as the core says"


@pytest.mark.parametrize("lang, written, expected", [
    ("en", "Montréal (Québec)", "Montréal, QC"),
    ("fr", "Ottawa, ON", "Ottawa (Ontario)"),
    ("fr", "Remote (anywhere in Canada)", "Télétravail (partout au Canada)"),
    ("en", "Somewhere unusual", "Somewhere unusual"),
])
def test_location_label(app, lang, written, expected):
    with app.test_request_context(f"/{lang}/"):
        assert location_label(written) == expected


def test_statuses_are_translated(app):
    with app.test_request_context("/fr/"):
        assert facet_label("status", "archived", "archived") == "Archivé"
        assert facet_label("tenure", "term", "Durée déterminée") == "Durée déterminée"
