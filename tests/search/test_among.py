"""A search restricted to given postings (what an alert asks: its search among new postings)."""

from jobboard.search.query import SearchRequest

ALL = {"status": ("all",)}


def test_search_among_keeps_only_those_postings_and_counts_them(sample_index, today):
    everything = sample_index.search(SearchRequest(filters=ALL, page_size=100), today=today)
    keys = [hit.key for hit in everything.hits[:3]]
    among = sample_index.search_among(SearchRequest(filters=ALL, page_size=100),
                                      [*keys, "no-such-key"], today=today)
    assert sorted(hit.key for hit in among.hits) == sorted(keys) and among.total == 3
    status = next(group for group in among.facets if group.name == "status")
    assert sum(value.count for value in status.values) == 3


def test_search_among_still_applies_the_query_and_filters(sample_index, today):
    generation, keys = sample_index.keys()
    assert generation and len(keys) == len(set(keys))
    developers = sample_index.search(SearchRequest(q="developer", filters=ALL, page_size=100),
                                     today=today)
    among = sample_index.search_among(SearchRequest(q="developer", filters=ALL,
                                                    page_size=100), keys, today=today)
    assert [hit.key for hit in among.hits] == [hit.key for hit in developers.hits]
    assert sample_index.search_among(SearchRequest(q="developer"), [], today=today).total == 0
