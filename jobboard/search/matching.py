"""Whoosh queries evaluated on in-memory postings with numpy: matches and BM25F scores.

Whoosh stays the index (segments on disk, analyzers, term dictionary, positions); what is slow
in it is running a query: pure-Python matchers walk every posting of every term for every
search, then score each match one at a time. Here the postings of a term are read once per
index generation (the first search that uses it) into arrays, with their BM25F weights, and a
query becomes a few array operations over all documents:

    And(Or(Term(title_en, "data"), Term(body_en, "data")), Prefix(body_en, "analy"))
    -> (match mask, score) per node, combined with &, |, ~ and +

Matching is exactly Whoosh's (a test compares every match set with `docs_for_query`). Scores
are Whoosh's BM25F (B 0.75, K1 1.2; a field's boost is in its postings' weights), summed over
the query's terms like Whoosh, with two statistics of our own: a non-negative idf,
log(1 + (N - n + 0.5) / (n + 0.5)), and the mean field length over the documents that have the
field (each document fills only its own language's fields). `tests/search/test_whoosh_io.py`
compares the scores with Whoosh's scorer given those two statistics.

Every read of Whoosh's internals goes through `whoosh_io`; this module only does numpy.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from whoosh import query as wq

from jobboard.search import whoosh_io
from jobboard.search.kept import Kept, nbytes, segment_cache

K1, B = 1.2, 0.75
CACHE_BYTES = 64 * 2**20  # per generation; a term in 5,000 documents takes 40 kB
# Words of the previous generation computed on a new one before it answers (`warm_like`):
# measured at 10k documents, 337 of them took 45 ms and made the first 80 searches as fast
# as the steady state (p95 ×1.0; ×1.35 without).
WARM_WORDS = 1024


class Unsupported(TypeError):
    """A Whoosh query type this evaluator does not know."""


class TermArrays:
    """Per-generation arrays: live documents, field lengths, and each term's documents and
    BM25F weights, assembled from per-segment arrays.

    What a segment holds (a term's documents and frequencies, a prefix's, a phrase's
    occurrences, a field's lengths) is read from Whoosh once and kept in `segments`, keyed by
    the segment's identity (`whoosh_io.Segment.key`): successive generations of one index
    share that cache (`engine.SearchIndex` keeps one), so an incremental generation reads only
    its new segments. A generation puts each segment's arrays at its own document offsets,
    drops its deleted documents and weighs the rest with its own statistics (document count,
    mean field length); those weighted arrays are kept per generation.

    Safe to share between threads (a host may serve requests in threads, whatever gunicorn's
    worker class): both caches are `Kept`s, which lock; a field's lengths read twice at once
    are the same array.
    """

    def __init__(self, reader, segments: Kept | None = None):
        self.reader = reader
        self.segments = whoosh_io.segments(reader)
        self.size = reader.doc_count_all()
        self.live = whoosh_io.live_documents(reader)
        self.count = int(self.live.sum())
        self._lengths: dict[str, tuple[np.ndarray, float]] = {}
        self._kept = segments if segments is not None else segment_cache()
        self._cache = Kept(lambda: CACHE_BYTES, weigh=nbytes)  # term, prefix, phrase arrays

    # -- per-segment data, read once per segment ------------------------------------------

    def _of_segment(self, segment: whoosh_io.Segment, kind: str, key: tuple, compute):
        return self._kept.get((segment.key, kind, *key), lambda: compute(segment))

    def _assembled(self, kind: str, key: tuple, compute) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, values) of the live documents, from each segment's
        (local numbers, values) at the generation's offsets."""
        ids, values = [], []
        for segment in self.segments:
            local, found = self._of_segment(segment, kind, key, compute)
            if local.size:
                ids.append(local + np.int32(segment.offset))
                values.append(found)
        if not ids:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        ids, values = np.concatenate(ids), np.concatenate(values)
        live = self.live[ids]
        return (ids, values) if live.all() else (ids[live], values[live])

    def _field_lengths(self, field: str) -> tuple[np.ndarray, float]:
        """Length of the field in each document, and its mean over documents that have it."""
        if field not in self._lengths:
            parts = [self._of_segment(segment, "lengths", (field,),
                                      lambda s: whoosh_io.segment_lengths(s, field))
                     for segment in self.segments]
            lengths = np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
            filled = lengths[lengths > 0]
            self._lengths[field] = (lengths, float(filled.mean()) if filled.size else 1.0)
        return self._lengths[field]

    def warm(self) -> None:
        """Read the lengths of every scored field now rather than in the first searches."""
        for name, field in self.reader.schema.items():
            if field.scorable:
                self._field_lengths(name)

    def warm_like(self, previous: TermArrays, limit: int = WARM_WORDS) -> int:
        """Compute here the `limit` terms, prefixes and phrases the previous generation's
        searches used last (newest first): its unchanged segments' arrays are kept, so this
        reads only the new segments, and the first searches here find their words ready.
        Returns how many were computed."""
        done = 0
        for kind, field, text in reversed(list(previous._cache)):
            if done == limit:
                break
            if kind == "phrase":
                self.phrase(field, list(text))
            else:
                (self.term if kind == "term" else self.prefix)(field, text)
            done += 1
        return done

    def _segment_term(self, segment: whoosh_io.Segment, field: str, text: str):
        """(local document numbers, term frequencies) of a term in one segment, deleted
        documents included; kept."""
        return self._of_segment(segment, "term", (field, text),
                                lambda s: _postings(s, field, text)[:2])

    def _read(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, term frequencies) of one term in the live documents; empty when
        the index lacks it."""
        return self._assembled("term", (field, text),
                               lambda s: _postings(s, field, text)[:2])

    def _bm25(self, field: str, ids: np.ndarray, frequencies: np.ndarray,
              matched: int) -> np.ndarray:
        """BM25 weight of each matching document for a term (or phrase) matched in `matched`."""
        idf = math.log(1 + (self.count - matched + 0.5) / (matched + 0.5))
        if not self.reader.schema[field].scorable:
            return np.full(ids.size, idf, dtype=np.float32)
        lengths, mean = self._field_lengths(field)
        norm = K1 * (1 - B + B * lengths[ids] / mean)
        return (idf * frequencies * (K1 + 1) / (frequencies + norm)).astype(np.float32)

    def _weighted(self, field: str, ids: np.ndarray, frequencies: np.ndarray):
        return ids, self._bm25(field, ids, frequencies, ids.size)

    def term(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, BM25F weights) of a term, cached for the generation."""
        return self._cache.get(("term", field, text),
                               lambda: self._weighted(field, *self._read(field, text)))

    def prefix(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Documents having any term that starts with text, weighted as one term."""
        def segment_prefix(segment: whoosh_io.Segment):
            frequency = np.zeros(segment.size, dtype=np.float32)
            for term in segment.reader.expand_prefix(field, text):
                ids, weights, _ = _postings(segment, field, _text(term))
                frequency[ids] += weights
            ids = np.flatnonzero(frequency).astype(np.int32)
            return ids, frequency[ids]

        def compute():
            return self._weighted(field, *self._assembled("prefix", (field, text),
                                                          segment_prefix))
        return self._cache.get(("prefix", field, text), compute)

    def _positions(self, field: str, text: str, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(document, position) of each occurrence of a term in some documents (ascending
        numbers), as two arrays; only the postings blocks holding one of them are read."""
        found, positions = [], []
        for segment in self.segments:
            local = docs[(docs >= segment.offset) & (docs < segment.offset + segment.size)]
            in_segment, at = self._segment_positions(segment, field, text,
                                                     local - segment.offset)
            found.append(in_segment + segment.offset)
            positions.append(at)
        return np.concatenate(found), np.concatenate(positions)

    def _segment_positions(self, segment: whoosh_io.Segment, field: str, text: str,
                           docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        matcher = whoosh_io.term_matcher(segment, field, text) if docs.size else None
        found: list[np.ndarray] = []
        values: list[bytes] = []
        for block_ids, block_values in (whoosh_io.blocks_holding(matcher, docs)
                                        if matcher is not None else ()):
            ids, chosen = _select(np.asarray(block_ids, dtype=np.int64), block_values, docs)
            found.append(ids)
            values.extend(chosen)
        return _flatten(found, whoosh_io.position_gaps(self.reader.schema[field].format, values))

    def phrase(self, field: str, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Documents where the words follow each other, weighted by occurrences of the phrase
        (found segment by segment: `_segment_phrase`)."""
        def compute():
            return self._weighted(field, *self._assembled(
                "phrase", (field, tuple(words)),
                lambda segment: self._segment_phrase(segment, field, words)))
        return self._cache.get(("phrase", field, tuple(words)), compute)

    def _segment_phrase(self, segment: whoosh_io.Segment, field: str, words: list[str]):
        """(local documents, occurrences) of a phrase in one segment.

        Positions are read only for documents having every word, word by word, and only for
        those where the phrase can still start. Each occurrence becomes a number
        (document, position - offset in the phrase): the phrase occurs where the numbers of
        all its words meet."""
        # A word read for the first time is read once, its positions with it; a word
        # whose arrays are kept has its positions read only where candidates are.
        raw = {word: self._first_read(segment, field, word) for word in words}
        candidates = self._segment_term(segment, field, words[0])[0].astype(np.int64)
        for word in words[1:]:
            candidates = np.intersect1d(candidates, self._segment_term(segment, field, word)[0],
                                        assume_unique=True)
        starts = np.zeros(0, dtype=np.int64)
        for offset, word in enumerate(words):
            if raw[word] is None:
                docs, positions = self._segment_positions(segment, field, word, candidates)
            else:
                ids, chosen = _select(raw[word][0].astype(np.int64), raw[word][1], candidates)
                docs, positions = _flatten(
                    [ids], whoosh_io.position_gaps(self.reader.schema[field].format, chosen))
            keys = docs * _STRIDE + positions + (len(words) - offset)
            starts = keys if offset == 0 else np.intersect1d(starts, keys, assume_unique=True)
            candidates = np.unique(starts // _STRIDE)
        found, counts = np.unique(starts // _STRIDE, return_counts=True)
        return found.astype(np.int32), counts.astype(np.float32)

    def _first_read(self, segment: whoosh_io.Segment, field: str, word: str):
        """(local ids, raw values) of a word whose segment arrays are not kept yet, now kept;
        else None."""
        if (segment.key, "term", field, word) in self._kept:
            return None
        ids, frequencies, values = _postings(segment, field, word, values=True)
        self._of_segment(segment, "term", (field, word), lambda s: (ids, frequencies))
        return ids, values

    # -- evaluation -----------------------------------------------------------------------

    def evaluate(self, query: wq.Query) -> tuple[np.ndarray, np.ndarray]:
        """(match mask, score) over all document numbers; deleted documents never match."""
        mask, score = self._node(query)
        return mask & self.live, np.where(mask & self.live, score, 0).astype(np.float32)

    def _sparse(self, ids: np.ndarray, weights: np.ndarray, boost: float):
        mask = np.zeros(self.size, dtype=bool)
        score = np.zeros(self.size, dtype=np.float32)
        mask[ids] = True
        score[ids] = weights * boost if boost != 1 else weights
        return mask, score

    def _node(self, query: wq.Query) -> tuple[np.ndarray, np.ndarray]:
        boost, kind = float(getattr(query, "boost", 1.0)), type(query)  # exact types only
        if kind is wq.Term:
            return self._sparse(*self.term(query.fieldname, _text(query.text)), boost)
        if kind is wq.Prefix:
            return self._sparse(*self.prefix(query.fieldname, _text(query.text)), boost)
        if kind is wq.Phrase:
            words = [_text(word) for word in query.words]
            if query.slop != 1 or not words:
                raise Unsupported(f"phrase with slop {query.slop}")
            if len(words) == 1:
                return self._sparse(*self.term(query.fieldname, words[0]), boost)
            return self._sparse(*self.phrase(query.fieldname, words), boost)
        if kind is wq.AndNot:
            mask, score = self._node(query.a)
            excluded, _ = self._node(query.b)
            mask = mask & ~excluded
            return mask, np.where(mask, score, 0)
        if kind is wq.AndMaybe:  # matches of a; b only adds to their scores
            mask, score = self._node(query.a)
            _, extra = self._node(query.b)
            return mask, np.where(mask, score + extra, 0).astype(np.float32)
        if kind is wq.And:
            return _combine([self._node(q) for q in query.subqueries], all_of=True)
        if kind is wq.Or:
            return _combine([self._node(q) for q in query.subqueries], all_of=False)
        if kind is wq.Every:
            return self.live.copy(), np.zeros(self.size, dtype=np.float32)
        if kind is type(wq.NullQuery):
            return np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float32)
        raise Unsupported(f"cannot evaluate {type(query).__name__}")


def _combine(parts: list[tuple[np.ndarray, np.ndarray]], all_of: bool):
    if not parts:
        raise Unsupported("empty And/Or")
    mask, score = parts[0][0].copy(), parts[0][1].copy()
    for other_mask, other_score in parts[1:]:
        if all_of:
            mask &= other_mask
        else:
            mask |= other_mask
        score += other_score
    if all_of:
        score[~mask] = 0
    return mask, score


def _postings(segment: whoosh_io.Segment, field: str, text: str, values: bool = False):
    """(local document numbers, term frequencies, raw values or []) of one term in one
    segment, deleted documents included. Whoosh's postings blocks are taken whole into arrays
    rather than walked one posting at a time (`whoosh_io.blocks`)."""
    matcher = whoosh_io.term_matcher(segment, field, text)
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    raw: list[bytes] = []
    for block_ids, block_weights, block_values in (whoosh_io.blocks(matcher, values)
                                                   if matcher is not None else ()):
        ids.append(np.asarray(block_ids, dtype=np.int32))
        weights.append(np.asarray(block_weights, dtype=np.float32))
        raw.extend(block_values)
    if not ids:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32), []
    return np.concatenate(ids), np.concatenate(weights), raw


def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _select(ids: np.ndarray, values: list, wanted: np.ndarray) -> tuple[np.ndarray, list]:
    """The wanted documents found among ids (ascending), with their values."""
    if not ids.size or not wanted.size:
        return ids[:0], []
    at = np.minimum(np.searchsorted(ids, wanted), ids.size - 1)
    hits = at[ids[at] == wanted]
    return ids[hits], [values[index] for index in hits.tolist()]


_STRIDE = 2**32  # (document, position) as one number: positions stay far below 2**32


def _flatten(found: list[np.ndarray], gaps: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """(document of each position, position) from each document's gaps between positions."""
    docs = np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
    counts = np.fromiter(map(len, gaps), dtype=np.int64, count=len(gaps))
    flat = np.fromiter(itertools.chain.from_iterable(gaps), dtype=np.int64,
                       count=int(counts.sum()))
    if flat.size:
        total = np.cumsum(flat)
        starts = np.cumsum(counts) - counts
        flat = total - np.repeat(total[starts] - flat[starts], counts)
    return np.repeat(docs, counts), flat
