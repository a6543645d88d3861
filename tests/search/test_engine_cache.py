from jobboard import create_app
from jobboard.search.engine import SearchIndex
from jobboard.search.query import SearchRequest


def test_results_are_cached_unless_the_cache_is_off(sample_index, today):
    request = SearchRequest(q="data")
    cached = SearchIndex(sample_index.index_dir)
    assert cached.search(request, today) is cached.search(request, today)
    uncached = SearchIndex(sample_index.index_dir, cache_size=0)
    first, second = uncached.search(request, today), uncached.search(request, today)
    assert first is not second and first == second and not uncached._cache


def test_the_cache_size_comes_from_the_environment(sample_index, tmp_path, monkeypatch):
    monkeypatch.setenv("JOBBOARD_SEARCH_CACHE", "0")
    app = create_app({"INDEX_DIR": str(sample_index.index_dir), "INSTANCE_DIR": str(tmp_path),
                      "SECRET_KEY": "test"})
    assert app.extensions["search_index"].cache_size == 0


def test_stored_postings_are_kept_parsed_within_a_bound(sample_index):
    from jobboard.search.catalog import Sources
    from jobboard.search.schema import from_json

    reader = sample_index.current().searcher.reader()
    sources = Sources(reader, size=3)
    docnums = list(reader.all_doc_ids())[:5]
    for docnum in docnums:
        assert sources(docnum) == from_json(reader.stored_fields(docnum)["source"])
    assert list(sources._kept) == [sources.where(docnum) for docnum in docnums[2:]]
    assert sources(docnums[4]) is sources(docnums[4])  # kept, not parsed again
    assert sources.read(docnums[0]) == sources(docnums[0]) and len(sources._kept) == 3


def test_snippets_are_kept_per_document_and_query_words(sample_index, today):
    index = SearchIndex(sample_index.index_dir, cache_size=0)
    first = index.search(SearchRequest(q="data", filters={"status": ("all",)}), today)
    kept = len(index.current().catalog.snippets)
    assert kept == len(first.hits) > 0
    again = index.search(SearchRequest(q="data", sort="newest", filters={"status": ("all",)}),
                         today)
    assert len(index.current().catalog.snippets) == kept  # same words: snippets reused
    assert {h.uid: h.snippet for h in again.hits} == {h.uid: h.snippet for h in first.hits}
    other = index.search(SearchRequest(q="team", filters={"status": ("all",)}), today)
    shared = {h.uid for h in other.hits} & {h.uid for h in first.hits}
    assert shared and all(
        next(h for h in other.hits if h.uid == uid).snippet
        != next(h for h in first.hits if h.uid == uid).snippet for uid in shared)
    assert all("<mark>" in h.snippet for h in other.hits if h.uid in shared)


def test_corrections_are_remembered_per_word(sample_index, monkeypatch):
    from jobboard.search import suggest

    speller = suggest.Speller.from_generation(sample_index.current().path)
    calls, real = [], speller._correct  # (scope, folded word): every language is ""
    monkeypatch.setattr(speller, "_correct",
                        lambda scope, key: calls.append((scope, key)) or real(scope, key))
    assert speller.correct("ingenieru") == speller.correct("Ingénieru") == "ingénieur"
    assert calls == [("", "ingenieru")]
    monkeypatch.setattr(suggest, "MEMO_WORDS", 1)
    assert speller.correct("analist") == "analyst" and len(speller._memo) == 1


def test_a_replaced_generation_is_freed(tmp_path):
    import gc
    import shutil
    import weakref

    from jobboard.search.indexer import reindex
    from jobboard.server import collector_policy
    from tests.search.conftest import SAMPLE

    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    assert reindex(content, tmp_path / "index").outcome == "ok"
    index = SearchIndex(tmp_path / "index", opening=collector_policy)  # as the server does
    index.search(SearchRequest(q="data"))
    opened = index.current()
    opened.loop = [opened]  # a reference cycle, as Whoosh's objects may hold
    first = weakref.ref(opened)
    del opened
    assert gc.get_freeze_count() > 0  # the open generation is out of the collector's sight
    path = sorted((content / "en").glob("*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nzorglub\n", encoding="utf-8")
    assert reindex(content, tmp_path / "index").outcome == "ok"
    assert index.search(SearchRequest(q="zorglub", filters={"status": ("all",)})).total == 1
    assert first() is None


def test_the_collector_runs_again_after_opening_even_when_opening_fails(sample_index, tmp_path):
    import gc
    import json
    import shutil

    import pytest

    from jobboard.search import store
    from jobboard.search.engine import IndexMissing
    from jobboard.server import collector_policy

    assert gc.isenabled()
    SearchIndex(sample_index.index_dir, opening=collector_policy).current()
    assert gc.isenabled()
    copy = tmp_path / "index"
    shutil.copytree(sample_index.index_dir, copy, symlinks=True)
    (store.live_path(copy) / "build.json").write_text(json.dumps({"schema_version": -1}))
    with pytest.raises(IndexMissing):
        SearchIndex(copy, opening=collector_policy).current()
    assert gc.isenabled()


def test_the_library_leaves_the_garbage_collector_alone(sample_index):
    import gc

    gc.unfreeze()
    SearchIndex(sample_index.index_dir).search(SearchRequest(q="data"))
    assert gc.isenabled() and gc.get_freeze_count() == 0
