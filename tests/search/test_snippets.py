"""Snippets mark the words the query matched, as the index analyses them, and escape the rest."""

from dataclasses import replace
from pathlib import Path

import pytest

from jobboard.postings import load_posting
from jobboard.search.parse import parse_user_query
from jobboard.search.snippets import SNIPPET_CHARS, Marker, snippet

ROOT = Path(__file__).resolve().parents[2] / "content"


def posting(rel: str):
    found, problems = load_posting(ROOT / rel, ROOT)
    assert found is not None, problems
    return found


@pytest.mark.parametrize(("rel", "q", "lang", "marked"), [
    ("fr/scientifique-des-donnees.md", "donnees", "fr", "données"),
    ("fr/scientifique-des-donnees.md", "Données", "fr", "données"),
    ("fr/scientifique-des-donnees.md", "statist*", "fr", "Statistique"),
    ("en/cloud-engineer.md", "clouds", "en", "cloud"),
])
def test_matched_words_are_marked_as_written(rel, q, lang, marked):
    text = snippet(posting(rel), Marker.of(parse_user_query(q), lang))
    assert f"<mark>{marked}</mark>" in text
    assert len(text) <= 2 * (SNIPPET_CHARS + len("<mark></mark>") * 8) + 3


def test_without_a_match_the_beginning_is_shown_escaped():
    source = posting("en/cloud-engineer.md")
    source = replace(source, description="R&D pays <b>well</b>", body="More text")
    text = snippet(source, Marker.of(parse_user_query("zzzz"), "en"))
    assert text == "R&amp;D pays well More text"  # a short text keeps its last word
    assert snippet(source, Marker.of(None, "en")) == text


def test_a_long_text_is_cut_at_a_whole_word():
    source = replace(posting("en/cloud-engineer.md"), description="", body="word " * 100)
    text = snippet(source, Marker.of(None, "en"))
    assert text.endswith("word…") and len(text) <= SNIPPET_CHARS + 1
