"""Typo tolerance, automatic correction and "did you mean" in the page's language."""

import pytest

from jobboard.search import fuzzy
from jobboard.search.query import SearchRequest

ALL = {"status": ("all",)}


def search(index, today, q, lang="en", **kwargs):
    return index.search(SearchRequest(q=q, ui_lang=lang, filters=ALL, **kwargs), today=today)


@pytest.mark.parametrize(("word", "edits"), [("data", 0), ("analist", 1), ("gestionaire", 2),
                                              ("développ", 1), ("devlopper", 2)])
def test_edits_tolerated_grow_with_the_word(word, edits):
    assert fuzzy.distance_for(word) == edits


@pytest.mark.parametrize(("q", "lang", "expected"), [
    ("analist", "en", "2022-aug-tech-ops-analyst"),
    ("procurment", "en", "sr-proc-advisor"),
    ("gestionaire de produit", "fr", "sr-product-manager-notify"),
    ("devlopper python", "en", "senior-software-developer-python"),
    ("rédacteur technque", "fr", "technical-writer"),
])
def test_a_word_one_or_two_letters_off_still_finds(corpus_index, today, q, lang, expected):
    results = search(corpus_index, today, q, lang)
    assert expected in [hit.key for hit in results.hits]
    assert results.also_searched


def test_known_words_are_not_widened(corpus_index, today):
    # "python" and "designer" exist: no near-misses ("pythons", "designed") join them.
    for q in ("python", "designer"):
        results = search(corpus_index, today, q, page_size=100)
        assert results.also_searched == () or q == "designer"
        assert results.total == search(corpus_index, today, q, page_size=100,
                                       as_typed=True).total


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_query_finding_nothing_runs_its_correction_and_says_so(corpus_index, today, lang):
    # "pyhton" is two edits from "python": too far for a 6-letter word's tolerance, close
    # enough for "did you mean".
    results = search(corpus_index, today, "pyhton", lang)
    assert results.typed == "pyhton" and results.request.q == "python"
    assert results.total > 0 and results.suggestion is None
    literal = search(corpus_index, today, "pyhton", lang, as_typed=True)
    assert literal.total == 0 and literal.typed is None and literal.suggestion == "python"


@pytest.mark.parametrize(("word", "lang", "expected"), [
    ("developeur", "fr", "développeur"),  # French first, as close as "developer"
    ("developeur", "en", "developer"),
    ("analist", "fr", "analyst"),  # the French words are further away
])
def test_did_you_mean_prefers_the_page_language(corpus_index, today, word, lang, expected):
    assert search(corpus_index, today, word, lang, as_typed=True).suggestion == expected


def test_an_automatic_correction_keeps_the_page_asked_for(corpus_index, today):
    first = search(corpus_index, today, "desinger", page_size=5)
    second = search(corpus_index, today, "desinger", page_size=5, page=2)
    assert first.typed == second.typed == "desinger" and first.total > 5
    assert second.request.page == 2
    assert not {h.key for h in first.hits} & {h.key for h in second.hits}
