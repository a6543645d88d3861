"""Translations and locale handling (jobboard/i18n.py, translations/)."""

from __future__ import annotations

import datetime as dt
import re
import tomllib

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from helpers import ROOT

from jobboard.i18n import (
    compile_catalogs,
    current_lang,
    force_lang,
    format_closing,
    format_date,
    format_money,
    format_number,
)

FRENCH = ROOT / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
TEMPLATE = ROOT / "translations" / "messages.pot"
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "_n": (1, 2)}  # as in scripts/i18n
NBSP = "\u00a0"


def extracted_ids() -> set:
    """Every message id in the source, extracted with the pyproject.toml Babel mappings."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    method_map = [(m["pattern"], m["method"]) for m in config["tool"]["babel"]["mappings"]]
    return {message for _file, _line, message, _comments, _context in
            extract_from_dir(ROOT, method_map, keywords=KEYWORDS,
                             directory_filter=lambda path: ".venv" not in path)}


def catalog(path):
    with path.open("rb") as handle:
        return read_po(handle)


def translations():
    return [message for message in catalog(FRENCH) if message.id]


def strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def test_template_and_french_catalogue_hold_every_string_in_the_code():
    in_code = extracted_ids()
    assert in_code, "nothing extracted: the Babel mappings are wrong"
    in_template = {message.id for message in catalog(TEMPLATE) if message.id}
    in_french = {message.id for message in translations()}
    assert in_code - in_template == set(), "messages.pot is stale: run scripts/i18n"
    assert in_code - in_french == set(), "fr messages.po is missing strings: run scripts/i18n"


def test_french_catalogue_is_complete_and_nothing_is_fuzzy():
    untranslated = [m.id for m in translations() if not all(strings(m))]
    fuzzy = [m.id for m in translations() if m.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_placeholders_are_kept():
    for message in translations():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set(re.findall(r"%\(\w+\)s", ids[-1]))
        for text in strings(message):
            assert set(re.findall(r"%\(\w+\)s", text)) == wanted, message.id


def typography_errors(text: str) -> list[str]:
    """French rules: a no-break space before : ; ? ! and inside « », and ’ not '."""
    errors = [f"no no-break space before {m.group(1)!r}"
              for m in re.finditer(r"(?<!\u00a0)([:;?!])", text)
              if m.start() > 0 and text[m.start() - 1] not in ":;?!"]
    errors += ["no no-break space after «" for m in re.finditer("«(?!\u00a0)", text)]
    errors += ["no no-break space before »" for m in re.finditer("(?<!\u00a0)»", text)]
    errors += ["straight apostrophe" for _ in re.finditer("'", text)]
    return errors


@pytest.mark.parametrize("text, count", [
    (f"Erreur{NBSP}:", 0), ("Erreur :", 1), ("Erreur:", 1), (f"«{NBSP}x{NBSP}»", 0),
    ("« x »", 2), ("l'offre", 1), (f"Vraiment{NBSP}?!", 0), ("Oui !", 1),
])
def test_typography_check_itself(text, count):
    assert len(typography_errors(text)) == count


def test_french_typography():
    problems = {text: typography_errors(text) for message in translations()
                for text in strings(message) if typography_errors(text)}
    assert problems == {}


def test_compiled_catalogue_is_current(tmp_path):
    target = tmp_path / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "messages.po").write_bytes(FRENCH.read_bytes())
    assert compile_catalogs(tmp_path) == [target / "messages.mo"]
    assert compile_catalogs(tmp_path) == []  # up to date: not rewritten


@pytest.mark.parametrize("lang, money, number, day, closing", [
    ("en", "$88,000", "12,345", "January 15, 2027",
     "January 15, 2027, 11:59\u202fp.m. Pacific time"),
    ("fr", f"88{NBSP}000{NBSP}$", f"12{NBSP}345", "15 janvier 2027",
     "15 janvier 2027 à 23 h 59, heure du Pacifique"),
])
def test_formatting_follows_the_locale(app, lang, money, number, day, closing):
    with app.test_request_context(f"/{lang}/"), force_lang(lang):
        assert format_money(88000) == money
        assert format_number(12345) == number
        assert format_date(dt.date(2027, 1, 15)) == day
        assert format_closing(dt.date(2027, 1, 15)) == closing
    other = "fr" if lang == "en" else "en"
    with app.test_request_context(f"/{other}/"):  # an explicit language beats the page's
        assert format_number(12345, lang) == number
        assert format_date(dt.date(2027, 1, 15), lang=lang) == day


def test_templates_translate_in_the_forced_language(app):
    with app.test_request_context("/en/"):
        template = app.jinja_env.from_string('{{ _("Search") }}')
        with force_lang("fr"):
            assert template.render() == "Rechercher"
        assert template.render() == "Search"


@pytest.mark.parametrize("path, headers, lang", [
    ("/fr/emplois", {}, "fr"),
    ("/en/jobs", {"Accept-Language": "fr-CA,fr"}, "en"),  # the URL wins
    ("/api/v1/search?lang=fr", {"Accept-Language": "en"}, "fr"),
    ("/healthz", {"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.8"}, "fr"),
    ("/healthz", {"Accept-Language": "de-DE"}, "en"),
    ("/healthz", {}, "en"),
])
def test_locale_selection(app, path, headers, lang):
    with app.test_request_context(path, headers=headers):
        assert current_lang() == lang


def test_french_pages_use_no_english_interface_strings(client):
    html = client.get("/fr/emplois", query_string={"q": "analyste"}).get_data(as_text=True)
    for english in ("Find a job", "Search", "Filter results", "Skip to main content",
                    "jobs found", "Sort by", "Language requirement"):
        assert f">{english}<" not in html and f"{english}</" not in html, english
