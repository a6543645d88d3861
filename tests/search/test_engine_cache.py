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
    assert list(sources._kept) == docnums[2:]
    assert sources(docnums[4]) is sources(docnums[4])  # kept, not parsed again
    assert sources.read(docnums[0]) == sources(docnums[0]) and len(sources._kept) == 3
