"""A new generation's speller starts from what the previous one remembered, where its
vocabulary gives the same answers."""

import shutil
from collections import Counter

import pytest

from jobboard.search import suggest
from jobboard.search.engine import SearchIndex
from jobboard.search.indexer import reindex
from jobboard.search.query import SearchRequest
from jobboard.search.suggest import Speller
from tests.search.conftest import SAMPLE, TODAY

VOCABULARY = Counter({"en:analyst": 9, "en:analysts": 4, "en:developer": 7, "fr:développeur": 6,
                      "en:budget": 3, "fr:budgétaire": 2, "en:security": 5, "fr:sécurité": 5})
ASKED = [("analist", "en"), ("devloper", "en"), ("developeur", "fr"), ("budjet", None),
         ("securty", "en")]


def ask(speller: Speller) -> list:
    return ([speller.correct(word, lang) for word, lang in ASKED]
            + [speller.near(word, 2, 5) for word, _ in ASKED])


@pytest.mark.parametrize(("word", "other", "distance", "apart"), [
    ("analist", "analyst", 1, False), ("analist", "budget", 2, True), ("abcd", "badc", 2, False),
    ("data", "datasets", 2, True), ("securty", "security", 1, False),
    ("ab", "ba", 0, False)])  # a lower bound: anagrams are never proven apart
def test_apart_is_a_lower_bound_of_the_edit_distance(word, other, distance, apart):
    assert suggest._apart(word, other, distance) is apart


def test_answers_no_changed_word_can_reach_are_carried_over():
    previous = Speller(VOCABULARY)
    ask(previous)
    # "analysts" more frequent than "analyst" now; a new, unrelated word; "budget" gone.
    changed = VOCABULARY + Counter({"en:analysts": 10, "en:kubernetes": 1})
    del changed["en:budget"]
    carried = Speller(changed)
    assert 0 < carried.carry_over(previous) < len(previous._memo)
    kept = {key[-1] for key in carried._memo}
    assert {"devloper", "developeur", "securty"} <= kept and not {"analist", "budjet"} & kept
    assert ask(carried) == ask(Speller(changed))


def test_nothing_is_carried_past_the_bound(monkeypatch):
    previous = Speller(VOCABULARY)
    ask(previous)
    monkeypatch.setattr(suggest, "CARRY_CHECKS", 1)
    assert Speller(VOCABULARY + Counter({"en:kubernetes": 1})).carry_over(previous) == 0


def test_a_new_generation_remembers_the_previous_ones_corrections(tmp_path):
    content, index_dir = tmp_path / "content", tmp_path / "index"
    shutil.copytree(SAMPLE, content)
    reindex(content, index_dir)
    index = SearchIndex(index_dir, cache_size=0)
    typos = [SearchRequest(q=q, filters={"status": ("all",)})
             for q in ("analist", "devloper", "ingenieru", "polcy advisr")]
    before = [index.search(request, TODAY) for request in typos]
    remembered = dict(index.current().speller._memo)
    path = sorted((content / "en").glob("*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nA zorblax.\n", encoding="utf-8")
    assert not reindex(content, index_dir).full

    index.warm()  # opens the new generation, builds its speller
    assert remembered and index.current().speller._memo == remembered
    after = [index.search(request, TODAY) for request in typos]
    assert after == [SearchIndex(index_dir, cache_size=0).search(r, TODAY) for r in typos]
    assert [(r.suggestion, r.also_searched) for r in after] == [
        (r.suggestion, r.also_searched) for r in before]
    assert any(r.suggestion or r.also_searched for r in after)
