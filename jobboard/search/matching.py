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
from jobboard.search.kept import Kept

K1, B = 1.2, 0.75
CACHE_BYTES = 64 * 2**20  # per generation; a term in 5,000 documents takes 40 kB


class Unsupported(TypeError):
    """A Whoosh query type this evaluator does not know."""


class TermArrays:
    """Per-generation arrays: live documents, field lengths, and each term's documents and
    weights (read from its Whoosh postings list once, then kept).

    Safe to share between threads (a host may serve requests in threads, whatever gunicorn's
    worker class): term arrays are kept in a `Kept`, which locks; a field's lengths read twice
    at once are the same array.
    """

    def __init__(self, reader):
        self.reader = reader
        self.size = reader.doc_count_all()
        self.live = whoosh_io.live_documents(reader)
        self.count = int(self.live.sum())
        self._lengths: dict[str, tuple[np.ndarray, float]] = {}
        self._cache = Kept(lambda: CACHE_BYTES, weigh=_nbytes)  # term, prefix, phrase arrays

    # -- per-field and per-term data, read once -------------------------------------------

    def _field_lengths(self, field: str) -> tuple[np.ndarray, float]:
        """Length of the field in each document, and its mean over documents that have it."""
        if field not in self._lengths:
            lengths = whoosh_io.field_lengths(self.reader, field)
            filled = lengths[lengths > 0]
            self._lengths[field] = (lengths, float(filled.mean()) if filled.size else 1.0)
        return self._lengths[field]

    def warm(self) -> None:
        """Read the lengths of every scored field now rather than in the first searches."""
        for name, field in self.reader.schema.items():
            if field.scorable:
                self._field_lengths(name)

    def _read(self, field: str, text: str, values: bool = False):
        """(document numbers, term frequencies) of one term; empty when the index lacks it;
        with `values`, also each posting's raw value (its positions, for phrases).

        Whoosh's postings blocks are taken whole into arrays rather than walked one posting
        at a time (`whoosh_io.blocks`)."""
        ids: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        raw: list[bytes] = []
        for offset, matcher in whoosh_io.term_matchers(self.reader, field, text):
            for block_ids, block_weights, block_values in whoosh_io.blocks(matcher, values):
                ids.append(np.asarray(block_ids, dtype=np.int32) + np.int32(offset))
                weights.append(np.asarray(block_weights, dtype=np.float32))
                raw.extend(block_values)
        if not ids:
            empty = np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
            return (*empty, []) if values else empty
        found, frequencies = np.concatenate(ids), np.concatenate(weights)
        live = self.live[found]
        if not values:
            return found[live], frequencies[live]
        if not live.all():
            raw = [raw[index] for index in np.flatnonzero(live).tolist()]
        return found[live], frequencies[live], raw

    def _bm25(self, field: str, ids: np.ndarray, frequencies: np.ndarray,
              matched: int) -> np.ndarray:
        """BM25 weight of each matching document for a term (or phrase) matched in `matched`."""
        idf = math.log(1 + (self.count - matched + 0.5) / (matched + 0.5))
        if not self.reader.schema[field].scorable:
            return np.full(ids.size, idf, dtype=np.float32)
        lengths, mean = self._field_lengths(field)
        norm = K1 * (1 - B + B * lengths[ids] / mean)
        return (idf * frequencies * (K1 + 1) / (frequencies + norm)).astype(np.float32)

    def term(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, BM25F weights) of a term, cached for the generation."""
        def compute():
            return self._weighted(field, *self._read(field, text))
        return self._cache.get(("term", field, text), compute)

    def _weighted(self, field: str, ids: np.ndarray, frequencies: np.ndarray):
        return ids, self._bm25(field, ids, frequencies, ids.size)

    def prefix(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Documents having any term that starts with text, weighted as one term."""
        def compute():
            frequency = np.zeros(self.size, dtype=np.float32)
            for term in self.reader.expand_prefix(field, text):
                ids, weights = self._read(field, _text(term))
                frequency[ids] += weights
            ids = np.flatnonzero(frequency)
            return ids, self._bm25(field, ids, frequency[ids], ids.size)
        return self._cache.get(("prefix", field, text), compute)

    def _positions(self, field: str, text: str, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(document, position) of each occurrence of a term in some documents (ascending
        numbers), as two arrays; only the postings blocks holding one of them are read."""
        found: list[np.ndarray] = []
        values: list[bytes] = []
        for offset, matcher in whoosh_io.term_matchers(self.reader, field, text):
            local = docs[docs >= offset] - offset
            for block_ids, block_values in whoosh_io.blocks_holding(matcher, local):
                ids, chosen = _select(np.asarray(block_ids, dtype=np.int64), block_values, local)
                found.append(ids + offset)
                values.extend(chosen)
        return _flatten(found, whoosh_io.position_gaps(self.reader.schema[field].format, values))

    def phrase(self, field: str, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Documents where the words follow each other, weighted by occurrences of the phrase.

        Positions are read only for documents having every word, word by word, and only for
        those where the phrase can still start. Each occurrence becomes a number
        (document, position - offset in the phrase): the phrase occurs where the numbers of
        all its words meet."""
        def compute():
            # A word read for the first time is read once, its positions with it; a word
            # whose arrays are kept has its positions read only where candidates are.
            raw = {word: self._first_read(field, word) for word in words}
            candidates = self.term(field, words[0])[0].astype(np.int64)
            for word in words[1:]:
                candidates = np.intersect1d(candidates, self.term(field, word)[0],
                                            assume_unique=True)
            starts = np.zeros(0, dtype=np.int64)
            for offset, word in enumerate(words):
                if raw[word] is None:
                    docs, positions = self._positions(field, word, candidates)
                else:
                    ids, chosen = _select(raw[word][0].astype(np.int64), raw[word][1],
                                          candidates)
                    docs, positions = _flatten(
                        [ids], whoosh_io.position_gaps(self.reader.schema[field].format, chosen))
                keys = docs * _STRIDE + positions + (len(words) - offset)
                starts = keys if offset == 0 else np.intersect1d(starts, keys,
                                                                 assume_unique=True)
                candidates = np.unique(starts // _STRIDE)
            found, counts = np.unique(starts // _STRIDE, return_counts=True)
            found = found.astype(np.int32)
            return found, self._bm25(field, found, counts.astype(np.float32), found.size)
        return self._cache.get(("phrase", field, tuple(words)), compute)

    def _first_read(self, field: str, word: str):
        """(ids, raw values) of a word whose arrays are not kept yet, now kept; else None."""
        if ("term", field, word) in self._cache:
            return None
        ids, frequencies, values = self._read(field, word, values=True)
        self._cache.get(("term", field, word), lambda: self._weighted(field, ids, frequencies))
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


def _nbytes(arrays: tuple[np.ndarray, np.ndarray]) -> int:
    return sum(array.nbytes for array in arrays) + 200


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
