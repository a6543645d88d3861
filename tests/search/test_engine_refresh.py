"""A server's SearchIndex prepares a new generation off the request path, then switches."""

import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from jobboard.search import store, whoosh_io
from jobboard.search.engine import IndexMissing, SearchIndex
from jobboard.search.indexer import reindex
from jobboard.search.query import SearchRequest


def _posting(content: Path, slug: str, title: str, body: str) -> None:
    (content / "en" / f"{slug}.md").write_text(
        f'---\ntitle: "{title}"\nclassification: IT-02\n---\n{body}\n', encoding="utf-8")


@pytest.fixture
def content(tmp_path) -> Path:
    (tmp_path / "content" / "en").mkdir(parents=True)
    (tmp_path / "content" / "fr").mkdir()
    for number in range(6):
        _posting(tmp_path / "content", f"job-{number}", f"Data analyst {number}",
                 "Analyse data for the public service.")
    return tmp_path / "content"


def _until(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not within the time limit"
        time.sleep(0.02)


def test_a_new_generation_is_prepared_in_a_thread(content, tmp_path):
    index_dir = tmp_path / "index"
    reindex(content, index_dir, full=True)
    openings = []

    @contextmanager
    def opening():
        openings.append(threading.current_thread().name)
        yield

    index = SearchIndex(index_dir, opening=opening)
    index.background = True
    assert index.search(SearchRequest(q="analyst")).total == 6
    first = index.stats().generation
    _posting(content, "job-new", "Zanzibar liaison", "A rare word: zanzibar.")
    reindex(content, index_dir)
    # The search right after the swap answers from the previous generation, unblocked...
    assert index.search(SearchRequest(q="zanzibar")).total == 0
    assert index.stats().generation == first
    # ...while a thread opens and warms the new one, then switches.
    _until(lambda: index.stats().generation != first)
    assert index.search(SearchRequest(q="zanzibar")).total == 1
    assert openings[0] == "MainThread" and set(openings[1:]) == {"index-refresh"}


def test_the_new_generation_is_warmed_with_the_words_searched_before(content, tmp_path):
    index_dir = tmp_path / "index"
    reindex(content, index_dir, full=True)
    index = SearchIndex(index_dir)
    index.background = True
    assert index.search(SearchRequest(q="public analyst")).total == 6
    first = index.stats().generation
    _posting(content, "job-new", "Data analyst new", "Analyse data for the public service.")
    reindex(content, index_dir)  # a new segment holds the new posting
    index.search(SearchRequest(q="service"))  # starts the refresh
    _until(lambda: index.stats().generation != first)

    def postings_read() -> int:
        return sum(n for (_, kind), n in whoosh_io.reads.items() if kind == "postings")

    before = postings_read()
    assert index.search(SearchRequest(q="public analyst")).total == 7
    assert postings_read() == before  # its words, new segment included, were ready
    assert index.search(SearchRequest(q="data")).total == 7
    assert postings_read() > before  # (a word never searched is read on its first search)


def test_without_background_the_first_search_opens_the_new_generation(content, tmp_path):
    index_dir = tmp_path / "index"
    reindex(content, index_dir, full=True)
    index = SearchIndex(index_dir)
    index.search(SearchRequest(q="analyst"))
    _posting(content, "job-new", "Zanzibar liaison", "A rare word: zanzibar.")
    reindex(content, index_dir)
    assert index.search(SearchRequest(q="zanzibar")).total == 1


def test_a_generation_that_cannot_be_opened_is_reported_by_the_next_search(content, tmp_path):
    index_dir = tmp_path / "index"
    reindex(content, index_dir, full=True)
    index = SearchIndex(index_dir)
    index.background = True
    index.search(SearchRequest(q="analyst"))
    empty = store.new_generation(index_dir)  # a generation folder with no index in it
    store.swap(index_dir, empty)
    # The refresh starts and fails in its thread; meanwhile the old generation answers.
    assert index.search(SearchRequest(q="analyst")).total == 6

    def reported() -> bool:
        try:
            index.search(SearchRequest(q="analyst", page=2))
        except IndexMissing:
            return True
        return False

    _until(reported)


def test_a_search_still_running_on_the_replaced_generation_can_finish(content, tmp_path):
    # A background refresh switches generations while requests run in other threads: the
    # generation they started on must stay readable until they end.
    index_dir = tmp_path / "index"
    reindex(content, index_dir, full=True)
    index = SearchIndex(index_dir)
    in_flight = index.current()  # what a request thread holds while the swap happens
    _posting(content, "job-new", "Data analyst new", "Analyse data.")
    reindex(content, index_dir)
    assert index.current() is not in_flight  # switched
    reader = in_flight.searcher.reader()
    assert len(list(reader.all_stored_fields())) == 6  # its files were not closed under it
