"""The one adapter to whoosh3's internals: under the pinned whoosh3 every fast path is taken,
what it reads is what Whoosh's public API gives, and scores are Whoosh's BM25F."""

import math
import shutil
from collections import Counter

import numpy as np
import pytest
from whoosh import formats, scoring
from whoosh import query as wq
from whoosh.matching import ListMatcher

from jobboard.search import matching, schema, whoosh_io
from jobboard.search.engine import SearchIndex
from jobboard.search.indexer import reindex
from jobboard.search.query import SearchRequest
from tests.search.conftest import SAMPLE

QUERIES = ["data", "données", "développeuse", '"service design"', '"analyser des données"',
           "analy*", "dévelop*", "design -research", "python OR java", "analist devlopper"]
TEXT_FIELDS = ("title_en", "body_en", "title_fr", "body_fr")


@pytest.fixture
def changed(tmp_path):
    """A fresh index with two segments and deleted documents, never opened before."""
    content, index_dir = tmp_path / "content", tmp_path / "index"
    shutil.copytree(SAMPLE, content)
    reindex(content, index_dir, full=True, procs=2)
    for path in sorted((content / "en").glob("*.md"))[:2]:
        path.unlink()
    assert reindex(content, index_dir).removed == 2
    return SearchIndex(index_dir, cache_size=0)


@pytest.fixture
def fallbacks(monkeypatch) -> Counter:
    counted = Counter()
    monkeypatch.setattr(whoosh_io, "fallbacks", counted)
    return counted


def search_everything(index: SearchIndex) -> list[tuple]:
    """Open, warm, and run searches using every reading path: terms, prefixes, phrases (first
    read and kept terms), deletions, lengths, the meta column, "did you mean"."""
    index.warm()
    found = []
    for q in QUERIES * 2:
        results = index.search(SearchRequest(q=q, filters={"status": ("all",)}))
        found.append((q, results.total, [hit.uid for hit in results.hits], results.suggestion))
    return found


def test_every_fast_path_is_taken_under_the_pinned_whoosh3(changed, fallbacks):
    assert changed.current().searcher.reader().has_deletions()
    search_everything(changed)
    assert fallbacks == Counter()


class ArrayStatistics(scoring.BM25F):
    """Whoosh's own BM25F (B 0.75, K1 1.2, its per-document weights and byte-coded field
    lengths), with the two statistics `matching` defines otherwise: a non-negative idf,
    log(1 + (N - n + 0.5) / (n + 0.5)), and the mean length over documents having the field
    (a document fills only its own language's fields)."""

    def __init__(self, mean_lengths):
        super().__init__(B=matching.B, K1=matching.K1)
        self.mean_lengths = mean_lengths

    def idf(self, searcher, fieldname, text):
        n, total = searcher.doc_frequency(fieldname, text), searcher.doc_count()
        return math.log(1 + (total - n + 0.5) / (n + 0.5))

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        scorer.avgfl = self.mean_lengths[fieldname]
        return scorer


def test_scores_are_whooshs_bm25f(sample_index):
    opened = sample_index.current()
    searcher = opened.searcher
    reader = searcher.reader()
    means = {}
    for field in TEXT_FIELDS:
        lengths = [searcher.doc_field_length(doc, field, 0) for doc in reader.all_doc_ids()]
        means[field] = float(np.mean([length for length in lengths if length]))
    whoosh = searcher.__class__(reader, weighting=ArrayStatistics(means))
    compared = 0
    for field in TEXT_FIELDS:
        terms = sorted(reader.iter_field(field), key=lambda item: -item[1].doc_frequency())
        for text in [text.decode() for text, _ in terms[:6] + terms[len(terms) // 2:][:4]]:
            ids, weights = opened.term_arrays.term(field, text)
            expected = {hit.docnum: hit.score
                        for hit in whoosh.search(wq.Term(field, text), limit=None)}
            assert set(ids.tolist()) == set(expected)
            for doc, weight in zip(ids.tolist(), weights.tolist(), strict=True):
                assert weight == pytest.approx(expected[doc], rel=1e-5), (field, text)
                compared += 1
    assert compared > 200


def test_live_documents_are_whooshs(changed):
    reader = changed.current().searcher.reader()
    live = whoosh_io.live_documents(reader)
    assert np.flatnonzero(live).tolist() == list(reader.all_doc_ids())
    assert not live.all()


@pytest.mark.parametrize("characters", [False, True])
def test_position_values_decode_as_whoosh_decodes_them(characters, fallbacks):
    format_ = formats.Characters() if characters else formats.Positions()
    lists = [[0], [3, 4, 9], [2, 100, 101, 5000]]
    values = [format_.encode([(p, p * 5, p * 5 + 4) for p in one] if characters else one)
              for one in lists]
    gaps = whoosh_io.position_gaps(format_, values)
    assert [np.cumsum(one).tolist() for one in gaps] == lists
    assert fallbacks["positions"] == (1 if characters else 0)


def test_a_matcher_without_blocks_reads_as_one_block(fallbacks):
    """Our codec writes every term in blocks; a term kept in its term info (other codec
    settings) comes as a ListMatcher, read the same way, and that is not a fallback."""
    values = [formats.Positions().encode(one) for one in ([1, 4], [2], [0, 7, 8])]
    blocks = list(whoosh_io.blocks(ListMatcher([3, 9, 12], [2.0, 1.0, 3.0], values), True))
    assert blocks == [([3, 9, 12], [2.0, 1.0, 3.0], values)]
    holding = whoosh_io.blocks_holding(ListMatcher([3, 9, 12], [2.0, 1.0, 3.0], values),
                                       np.array([9, 12]))
    assert next(holding) == ([3, 9, 12], values)
    assert fallbacks == Counter()


def test_column_values_are_whooshs(changed):
    reader = changed.current().searcher.reader()
    column = reader.column_reader("meta")
    segments = whoosh_io.segments(reader)
    values = [value for segment in segments for value in whoosh_io.segment_column(segment, "meta")]
    assert values == [column[doc] for doc in range(reader.doc_count_all())]


def test_position_values_written_are_whooshs(fallbacks):
    """Indexing's values of one-position words are remembered, and the bytes Whoosh writes."""
    ours = schema.WordPositions()
    for one in ([0], [7], [7], [3, 4, 9], [99_999], [100_000], [250_000], [1, 2]):
        assert whoosh_io.position_value(ours, one) == formats.Positions().encode(one)
    assert fallbacks == Counter()
    assert whoosh_io.position_value(formats.Characters(), [(5, 25, 29)]) == \
        formats.Characters().encode([(5, 25, 29)])
    assert fallbacks["position_value"] == 1
