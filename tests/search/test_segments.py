"""Caches keyed by segment: an incremental generation reuses what its unchanged segments hold
(term arrays, prefixes, phrases, lengths, facts, parsed documents, snippets), reads only its
new segments, answers exactly as a cold process would, and honours the deletions of the
segments it reuses."""

import shutil
from collections import Counter

import numpy as np
import pytest

from jobboard.search import kept, whoosh_io
from jobboard.search.engine import SearchIndex
from jobboard.search.indexer import reindex
from jobboard.search.parse import build_query, parse_user_query
from jobboard.search.query import SearchRequest
from tests.search.conftest import CORPUS, SAMPLE, TODAY

QUERIES = ["data", "données", "développeuse", '"service design"', '"analyser des données"',
           "analy*", "dévelop*", "design -research", "python OR java", "analist devlopper",
           "product manager", '"user research"', "ingénieur", "gestion*", "accessibility"]
EVERYTHING = {"status": ("all",)}


@pytest.fixture
def reads(monkeypatch) -> Counter:
    counted = Counter()
    monkeypatch.setattr(whoosh_io, "reads", counted)
    return counted


def build(tmp_path, source, change=None):
    """A copy of source (changed by change(content)) and its index, built in two segments
    (two writer processes)."""
    content, index_dir = tmp_path / "content", tmp_path / "index"
    shutil.copytree(source, content)
    if change:
        change(content)
    assert reindex(content, index_dir, full=True, procs=2).outcome in ("ok", "problems")
    return content, index_dir


def rewrite(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new) if old else f"{text.rstrip()}\n\n{new}\n",
                    encoding="utf-8")


def incremental(content, index_dir) -> None:
    report = reindex(content, index_dir)
    assert report.outcome in ("ok", "problems") and not report.full and report.updated == 1


def search_all(index: SearchIndex) -> list:
    """Every query's results (hits with scores, facets, totals), in both languages."""
    return [index.search(SearchRequest(q=q, ui_lang=lang, filters=EVERYTHING), TODAY)
            for q in QUERIES for lang in ("en", "fr")]


def names(index: SearchIndex) -> set[str]:
    return {segment.name for segment in whoosh_io.segments(index.current().searcher.reader())}


def test_an_incremental_generation_reads_only_its_new_segment(tmp_path, reads):
    content, index_dir = build(tmp_path, SAMPLE)
    index = SearchIndex(index_dir, cache_size=0)
    index.warm()
    search_all(index)
    before, opened = names(index), index.current()
    kept_source = opened.catalog.source(0)
    rewrite(sorted((content / "en").glob("*.md"))[0], "", "New this week: a zorblax.")
    incremental(content, index_dir)

    reads.clear()
    index.warm()  # opens the new generation
    search_all(index)
    after = names(index)
    assert index.current() is not opened and before & after and after - before
    assert reads and {segment for segment, _ in reads} <= after - before
    assert {kind for _, kind in reads} >= {"postings", "lengths", "column"}
    # Parsed documents of a reused segment are the same objects (document 0 was not changed).
    assert index.current().catalog.source(0) is kept_source


def test_a_reused_segment_answers_as_a_cold_process(tmp_path, reads):
    """Scores and order from reused segments equal a fresh SearchIndex's on the same
    generation (real postings: long bodies, both languages, a few invalid files)."""
    content, index_dir = build(tmp_path, CORPUS)
    warm = SearchIndex(index_dir, cache_size=0)
    warm.warm()
    search_all(warm)
    rewrite(sorted((content / "en").glob("*.md"))[3], "", "Also: data pipelines in Python.")
    incremental(content, index_dir)

    reads.clear()
    reused = search_all(warm)
    reused_from = {segment for segment, _ in reads}
    reads.clear()
    cold = SearchIndex(index_dir, cache_size=0)
    fresh = search_all(cold)
    assert reused_from < {segment for segment, _ in reads} == names(cold)
    assert reused == fresh and sum(results.total for results in fresh) > 100
    assert [[hit.score for hit in results.hits] for results in reused] == [
        [hit.score for hit in results.hits] for results in fresh]
    for text in QUERIES:  # every document's score, not only a page of postings
        query = build_query(parse_user_query(text))
        mask, score = warm.current().term_arrays.evaluate(query)
        cold_mask, cold_score = cold.current().term_arrays.evaluate(query)
        assert np.array_equal(mask, cold_mask) and np.array_equal(score, cold_score), text


def test_deletions_in_a_reused_segment_are_honoured(tmp_path, reads):
    """A posting changed: its old version, in a segment the new generation reuses (its arrays
    kept, not read again), is no longer found; its new version is."""
    def first(content):
        return sorted((content / "en").glob("*.md"))[1]

    content, index_dir = build(tmp_path, SAMPLE,
                               lambda content: rewrite(first(content), "", "A zorblax."))
    index = SearchIndex(index_dir, cache_size=0)
    found = index.search(SearchRequest(q="zorblax", filters=EVERYTHING), TODAY)
    assert found.total == 1
    arrays = index.current().term_arrays
    docnum = int(arrays.term("body_en", "zorblax")[0][0])
    segment = next(s for s in arrays.segments if s.offset <= docnum < s.offset + s.size)
    held = {s.name for s in whoosh_io.segments(index.current().searcher.reader())}

    rewrite(first(content), "zorblax", "quixotry")
    incremental(content, index_dir)
    reads.clear()
    assert index.search(SearchRequest(q="zorblax", filters=EVERYTHING), TODAY).total == 0
    assert not {name for name, kind in reads if kind == "postings"} & held  # arrays kept
    assert segment.name in names(index)  # the old version's segment is reused, with a deletion
    now = index.search(SearchRequest(q="quixotry", filters=EVERYTHING), TODAY)
    assert [hit.uid for hit in now.hits] == [found.hits[0].uid]
    cold = SearchIndex(index_dir, cache_size=0)
    for q in ("zorblax", "quixotry", "data"):
        request = SearchRequest(q=q, filters=EVERYTHING)
        assert index.search(request, TODAY) == cold.search(request, TODAY)


def test_the_segment_cache_evicts_past_its_limit(sample_index, monkeypatch):
    unbounded = SearchIndex(sample_index.index_dir, cache_size=0)
    expected = search_all(unbounded)
    monkeypatch.setattr(kept, "SEGMENT_BYTES", 20_000)
    bounded = SearchIndex(sample_index.index_dir, cache_size=0)
    assert search_all(bounded) == expected
    cached, everything = bounded.segment_caches.data, unbounded.segment_caches.data
    assert cached._weight <= 20_000 < everything._weight
    assert 1 <= len(cached) < len(everything)


def test_a_rebuilt_index_shares_no_segment_identity(tmp_path):
    content, index_dir = build(tmp_path, SAMPLE)
    index = SearchIndex(index_dir, cache_size=0)
    before = {segment.key for segment in index.current().term_arrays.segments}
    assert reindex(content, index_dir, full=True, procs=2).full
    after = {segment.key for segment in index.current().term_arrays.segments}
    assert before and after and not before & after



def _expected_views(catalog) -> dict:
    """The views as the plain loop over each shown document's facts builds them."""
    out = {}
    for lang in catalog.views:
        display = [catalog.display_doc(p, lang) for p in range(len(catalog.keys))]
        facts = [catalog.meta[docnum] for docnum in display]
        tables, written, languages = {}, {}, {}
        for name in catalog.views[lang].tables:
            values, pairs = {}, []
            for posting, fact in enumerate(facts):
                for value in filter(None, fact["facets"].get(name, "").split(",")):
                    pairs.append((values.setdefault(value, len(values)), posting))
            tables[name] = (list(values), [v for v, _ in pairs], [p for _, p in pairs])
        for fact in facts:
            for code, place in fact["places"].items():
                written.setdefault(("location", code), place)
        language_of = [languages.setdefault(
            (f["facets"]["language_requirement"] or None, f["profile"]), len(languages))
            for f in facts]
        out[lang] = (display, written, list(languages), language_of,
                     *([f[name] or 0 for f in facts] for name in (
                         "date_posted", "closing", "archived", "salary_min", "salary_max")),
                     tables, catalog.statuses(lang, TODAY).tolist())
    return out


def _views(index: SearchIndex) -> dict:
    catalog = index.current().catalog
    return {lang: (view.display.tolist(), view.written, view.languages,
                   view.language_of.tolist(), view.date_posted.tolist(), view.closing.tolist(),
                   view.archived.tolist(), view.salary_min.tolist(), view.salary_max.tolist(),
                   {name: (table.values, table.value_of_pair.tolist(),
                           table.posting_of_pair.tolist())
                    for name, table in view.tables.items()},
                   catalog.statuses(lang, TODAY).tolist())
            for lang, view in catalog.views.items()}


def test_views_built_from_reused_segments_equal_a_cold_catalogue(tmp_path):
    """A new generation's per-language views are assembled from the columns its reused
    segments already had (a deleted document among them): the same values, in the same order,
    the same pairs and arrays as a catalogue built from nothing."""
    content, index_dir = build(tmp_path, CORPUS)
    warm = SearchIndex(index_dir, cache_size=0)
    warm.warm()
    before = _views(warm)
    changed = sorted((content / "en").glob("*.md"))[5]
    rewrite(changed, "", "Also: a new location, Whitehorse.")
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("\n---", "\nlocation: Whitehorse, Yukon\n---", 1),
                       encoding="utf-8")
    assert reindex(content, index_dir).outcome in ("ok", "problems")
    warm.warm()
    reused = _views(warm)
    assert reused == _expected_views(warm.current().catalog) and reused != before
    assert reused == _views(SearchIndex(index_dir, cache_size=0))
