"""The build fingerprint: a change of analysis reaches the index, whichever reindex runs next."""

import re
import shutil
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from jobboard.postings import load_all
from jobboard.search import analyzers, schema
from jobboard.search.engine import IndexMissing, SearchIndex
from jobboard.search.fingerprint import fingerprint
from jobboard.search.indexer import reindex
from jobboard.search.query import SearchRequest

SAMPLE = Path(__file__).resolve().parents[2] / "content"
EVERY_STATUS = {"status": ("all",)}


def without_gender_rules():
    """The French chain as it would be with FrenchGenderFilter removed from analyzers.py."""
    chain = analyzers.french_analyzer()
    return analyzers.MemoAnalyzer(*(item for item in chain.items
                                    if not isinstance(item, analyzers.FrenchGenderFilter)))


def french_filters(index_dir: Path) -> list[str]:
    """The filters of the French body field as the live generation's schema holds them."""
    live = (index_dir / "live").resolve()
    chain = whoosh_index.open_dir(live).schema["body_fr"].analyzer
    return [type(item).__name__ for item in chain.items]


def analysed_to(content: Path, word: str) -> set[str]:
    """French postings with a word the gender-less chain analyses as it analyses `word`."""
    chain = without_gender_rules()
    [wanted] = [token.text for token in chain(word)]
    uids = set()
    for posting in load_all(content).postings:
        text = f"{posting.title} {schema.searchable_text(posting)}"
        if posting.lang == "fr" and wanted in {token.text for token in chain(text)}:
            uids.add(posting.uid)
    assert uids
    return uids


def found(index_dir: Path, q: str) -> set[str]:
    results = SearchIndex(index_dir, cache_size=0).search(
        SearchRequest(q=q, ui_lang="fr", filters=EVERY_STATUS))
    return {hit.uid for hit in results.hits}


def test_an_analyzer_change_reaches_the_index_on_an_incremental_reindex(tmp_path, monkeypatch):
    content, index_dir = tmp_path / "content", tmp_path / "index"
    shutil.copytree(SAMPLE, content)
    assert reindex(content, index_dir).outcome == "ok"
    assert found(index_dir, "développeuse")  # indexed and searched as "developpeur"

    # The code changes (as a deploy would): indexing and queries both lose the gender rules.
    monkeypatch.setattr(schema, "french_analyzer", without_gender_rules)
    monkeypatch.setitem(analyzers._SHARED, "fr", without_gender_rules())
    report = reindex(content, index_dir)

    assert "FrenchGenderFilter" not in french_filters(index_dir)
    assert report.full and report.full_reason == "analysis changed: full rebuild"
    # "développeuse" is now indexed and searched as "developpeus": found where the new chain
    # finds that word, which the old generation's "developpeur" tokens never matched.
    assert found(index_dir, "développeuse") == analysed_to(content, "développeuse")


def test_an_unchanged_analysis_keeps_reindexing_incremental(tmp_path):
    index_dir = tmp_path / "index"
    reindex(SAMPLE, index_dir)
    report = reindex(SAMPLE, index_dir)
    assert not report.full and report.full_reason is None
    assert report.unchanged == report.documents


def test_the_fingerprint_follows_the_gender_rules_stop_lists_and_fields(monkeypatch):
    before = fingerprint()
    assert before == fingerprint()  # the same code gives the same fingerprint
    monkeypatch.setattr(analyzers, "_FEMININE", [*analyzers._FEMININE, (re.compile("x$"), "y")])
    rules = fingerprint()
    monkeypatch.setattr(analyzers, "FRENCH_STOPWORDS", analyzers.FRENCH_STOPWORDS | {"poste"})
    stops = fingerprint()
    monkeypatch.setattr(schema, "TITLE_BOOST", 2.0)
    boosts = fingerprint()
    assert len({before, rules, stops, boosts}) == 4


def test_the_engine_refuses_a_generation_built_by_other_code(tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    reindex(SAMPLE, index_dir)
    monkeypatch.setattr(schema, "french_analyzer", without_gender_rules)
    with pytest.raises(IndexMissing, match="analyses or stores documents differently"):
        SearchIndex(index_dir).search(SearchRequest(q="données"))


def test_the_fingerprint_does_not_depend_on_what_the_process_did(tmp_path):
    import gc

    before = fingerprint()
    reindex(SAMPLE, tmp_path / "index")
    SearchIndex(tmp_path / "index").search(SearchRequest(q="développeuse données"))
    garbage = [[{}, [], ()] for _ in range(10_000)]
    del garbage
    gc.collect()
    assert fingerprint() == before
