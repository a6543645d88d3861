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
