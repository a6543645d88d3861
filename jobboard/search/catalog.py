"""A per-searcher table of postings, for collapsing languages, filters, facet counts and sorts.

Built once per index generation from each document's stored facts (read and parsed once per
segment, then kept for the next generations: `kept.SegmentCaches`), then every search does
array arithmetic on posting numbers instead of Whoosh `groupedby`.
A posting is a translationKey; for each UI language it is shown through one document:
the one in that language when it exists, otherwise the one it has.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from dataclasses import dataclass

import numpy as np

from jobboard import status
from jobboard.langs import LANGS
from jobboard.postings import Posting
from jobboard.search import whoosh_io
from jobboard.search.kept import Kept, SegmentCaches
from jobboard.search.schema import from_json
from jobboard.status import STATUSES

FILTERS = ("classification", "language_requirement", "location", "tenure", "department",
           "who_can_apply", "status")


@dataclass
class Table:
    """One filter in one UI language: its values and (value, posting) pairs as arrays."""

    values: list[str]
    index: dict[str, int]
    value_of_pair: np.ndarray  # value number of each pair
    posting_of_pair: np.ndarray  # posting number of each pair

    @classmethod
    def from_pairs(cls, values: list[str], pairs: list[tuple[int, int]]) -> Table:
        array = np.array(pairs, dtype=np.int64).reshape(-1, 2)
        return cls(values, {value: n for n, value in enumerate(values)}, array[:, 0].copy(),
                   array[:, 1].copy())

    def allowed(self, chosen: tuple[str, ...], postings: int) -> np.ndarray:
        """Postings having any of the chosen values (OR within a facet)."""
        wanted = [self.index[value] for value in chosen if value in self.index]
        mask = np.zeros(postings, dtype=bool)
        mask[self.posting_of_pair[np.isin(self.value_of_pair, wanted)]] = True
        return mask

    def counts(self, candidates: np.ndarray) -> dict[str, int]:
        """value -> number of candidate postings having it."""
        inside = self.value_of_pair[candidates[self.posting_of_pair]]
        return dict(zip(self.values, np.bincount(inside, minlength=len(self.values)).tolist(),
                        strict=True))


@dataclass
class View:
    """Postings as shown in one UI language: display document, facet tables, dates."""

    display: np.ndarray
    tables: dict[str, Table]
    written: dict[tuple[str, str], str]
    date_posted: np.ndarray
    closing: np.ndarray
    archived: np.ndarray
    salary_min: np.ndarray  # 0: not stated
    salary_max: np.ndarray  # 0: not stated
    languages: list[tuple[str | None, str | None]]  # distinct (requirement, profile)
    language_of: np.ndarray  # index in `languages` of each posting


class _Facts(list):
    """The facts of a segment's documents, weighed for `kept.nbytes` by their JSON's size."""

    nbytes = 0


def _segment_facts(segment: whoosh_io.Segment) -> _Facts:
    values = whoosh_io.segment_column(segment, "meta")
    raw = b"[" + b",".join(value or b"null" for value in values) + b"]"
    facts = _Facts(json.loads(raw))
    facts.nbytes = 4 * len(raw)  # parsed dicts take a few times their text
    return facts


def _segment_parts(segment: whoosh_io.Segment, kept: Kept | None) -> tuple[_Facts, _Columns]:
    """A segment's facts and their columns, read once and kept by segment."""
    def read() -> tuple[_Facts, _Columns]:
        facts = _segment_facts(segment)
        return facts, _Columns.of(facts)

    return read() if kept is None else kept.get((segment.key, "facts"), read)


def read_meta(reader, kept: Kept | None = None) -> dict[int, dict]:
    """docnum -> the document's compact facts (schema.meta), for every live document.

    Each segment's column is read in one piece and parsed as one JSON array (one read and one
    parse per document cost 1 s at 100,000 documents), kept in `kept` by segment."""
    facts: list[dict | None] = []
    for segment in whoosh_io.segments(reader):
        facts.extend(_segment_parts(segment, kept)[0])
    live = whoosh_io.live_documents(reader)
    return {docnum: facts[docnum] for docnum in np.flatnonzero(live).tolist()}


_LISTED = (*FILTERS[:-1], "places")  # facts listing several values per document
_NUMBERS = {"date_posted": np.int64, "closing": np.int64, "archived": bool,
            "salary_min": np.int64, "salary_max": np.int64}


@dataclass
class _Listed:
    """One listed fact of a segment: its distinct values and (document, value) pairs, in
    document order, then in the order the document lists them."""

    values: list
    doc: np.ndarray
    value: np.ndarray


@dataclass
class _Columns:
    """A segment's facts as arrays (one entry per document, deleted ones included): what a
    view needs, so that a new generation builds its views with array operations from the
    columns its unchanged segments already had."""

    listed: dict[str, _Listed]
    numbers: dict[str, np.ndarray]
    nbytes: int = 0

    @classmethod
    def of(cls, facts: list[dict | None]) -> _Columns:
        found: dict[str, tuple[dict, list[int], list[int]]] = {
            name: ({}, [], []) for name in (*_LISTED, "language")}
        numbers: dict[str, list] = {name: [] for name in _NUMBERS}
        for doc, fact in enumerate(facts):
            fact = fact or _NO_FACTS
            for name in FILTERS[:-1]:
                known, docs, values = found[name]
                for value in filter(None, fact["facets"].get(name, "").split(",")):
                    docs.append(doc)
                    values.append(known.setdefault(value, len(known)))
            for place in fact["places"].items():
                known, docs, values = found["places"]
                docs.append(doc)
                values.append(known.setdefault(place, len(known)))
            known, docs, values = found["language"]
            docs.append(doc)
            values.append(known.setdefault(
                (fact["facets"].get("language_requirement") or None, fact["profile"]),
                len(known)))
            for name in _NUMBERS:
                numbers[name].append(fact[name] or 0)
        listed = {name: _Listed(list(known), np.array(docs, dtype=np.int64),
                                np.array(values, dtype=np.int64))
                  for name, (known, docs, values) in found.items()}
        arrays = {name: np.array(values, dtype=_NUMBERS[name])
                  for name, values in numbers.items()}
        size = sum(part.doc.nbytes * 2 for part in listed.values())
        return cls(listed, arrays, size + sum(array.nbytes for array in arrays.values()))


_NO_FACTS = {"facets": {}, "places": {}, "profile": None, **dict.fromkeys(_NUMBERS)}


def _first_seen(segments: list[tuple[int, _Columns]], name: str, posting_of: np.ndarray,
                ) -> tuple[list, np.ndarray, np.ndarray]:
    """The values of listed fact `name` over the documents shown (posting_of[docnum] >= 0),
    numbered in the order postings first list them; (values, value of each pair, posting of
    each pair), pairs in posting order."""
    numbered: dict = {}
    values, postings = [], []
    for offset, columns in segments:
        part = columns.listed[name]
        to_global = np.array([numbered.setdefault(v, len(numbered)) for v in part.values],
                             dtype=np.int64)
        values.append(to_global[part.value])
        postings.append(posting_of[part.doc + offset])
    value, posting = np.concatenate(values), np.concatenate(postings)
    shown = posting >= 0
    value, posting = value[shown], posting[shown]
    order = np.argsort(posting, kind="stable")
    value, posting = value[order], posting[order]
    distinct, first = np.unique(value, return_index=True)
    by_first = distinct[np.argsort(first)]  # global numbers, in the order first listed
    renumber = np.zeros(len(numbered), dtype=np.int64)
    renumber[by_first] = np.arange(len(by_first))
    names = list(numbered)
    return [names[n] for n in by_first.tolist()], renumber[value], posting


class Sources:
    """Stored postings, the `size` most recently read kept parsed (by segment and number in
    it, so an unchanged segment's stay parsed in the next generation when `kept` is shared).

    A result page shows 20 of them: unpickling, decompressing and parsing each stored document
    again cost more than the rest of a search.
    """

    def __init__(self, reader, size: int = 2048, kept: Kept | None = None):
        self.reader = reader
        self._kept = kept if kept is not None else Kept(lambda: size)
        self._segments = whoosh_io.segments(reader)
        self._offsets = [segment.offset for segment in self._segments]

    def where(self, docnum: int) -> tuple[tuple, int]:
        """(segment identity, number in the segment) of a document: the same in every
        generation holding that segment."""
        segment = self._segments[bisect.bisect_right(self._offsets, docnum) - 1]
        return segment.key, docnum - segment.offset

    def __call__(self, docnum: int) -> Posting:
        return self._kept.get(self.where(docnum), lambda: self.read(docnum))

    def read(self, docnum: int) -> Posting:
        """The stored posting, read without keeping it (for reading them all)."""
        return from_json(self.reader.stored_fields(docnum)["source"])


class Catalog:
    """Posting numbers (0..n-1) <-> documents, with per-language views."""

    def __init__(self, reader, open_days: int = status.DEFAULT_OPEN_DAYS,
                 caches: SegmentCaches | None = None):
        caches = caches if caches is not None else SegmentCaches()
        self.open_days = open_days
        self.source = Sources(reader, kept=caches.sources)  # docnum -> Posting
        # (source.where(docnum), query terms, prefixes) -> highlighted snippet
        self.snippets = caches.snippets
        self.keys: list[str] = []
        self.key_of: dict[int, int] = {}
        self.documents: list[dict[str, int]] = []
        self.meta = read_meta(reader, caches.data)
        self._columns = [(segment.offset, _segment_parts(segment, caches.data)[1])
                         for segment in whoosh_io.segments(reader)]
        self.numbers = {name: np.concatenate([c.numbers[name] for _, c in self._columns])
                        for name in _NUMBERS}
        self.posting_of = np.full(reader.doc_count_all(), -1, dtype=np.int64)
        number: dict[str, int] = {}
        for docnum, facts in self.meta.items():
            key = facts["key"]
            if key not in number:
                number[key] = len(self.keys)
                self.keys.append(key)
                self.documents.append({})
            self.key_of[docnum] = self.posting_of[docnum] = number[key]
            self.documents[number[key]][facts["lang"]] = docnum
        self.number = number  # translationKey -> posting number
        self.views = {lang: self._view(lang) for lang in LANGS}
        self._status: dict[dt.date, np.ndarray] = {}
        # (facet, value, language, count, selected) -> FacetValue (query._facet_value)
        self.facet_values: dict[tuple, object] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def having(self, keys) -> np.ndarray:
        """Boolean array over posting numbers: True for the postings whose key is in keys."""
        mask = np.zeros(len(self.keys), dtype=bool)
        mask[[self.number[key] for key in keys if key in self.number]] = True
        return mask

    def display_doc(self, posting: int, ui_lang: str) -> int:
        docs = self.documents[posting]
        return docs.get(ui_lang, next(iter(docs.values())))

    def _view(self, ui_lang: str) -> View:
        display = np.array([self.display_doc(posting, ui_lang)
                            for posting in range(len(self.keys))], dtype=np.int64)
        posting_of = np.full(len(self.posting_of), -1, dtype=np.int64)
        posting_of[display] = np.arange(len(display), dtype=np.int64)
        tables = {}
        for name in FILTERS[:-1]:
            values, value_of_pair, posting_of_pair = _first_seen(self._columns, name, posting_of)
            tables[name] = Table(values, {value: n for n, value in enumerate(values)},
                                 value_of_pair, posting_of_pair)
        places = _first_seen(self._columns, "places", posting_of)[0]
        written: dict[tuple[str, str], str] = {}
        for code, place in places:
            written.setdefault(("location", code), place)
        languages, language_of, _ = _first_seen(self._columns, "language", posting_of)
        numbers = {name: array[display] for name, array in self.numbers.items()}
        return View(display=display, tables=tables, written=written, languages=languages,
                    language_of=language_of, **numbers)

    def statuses(self, ui_lang: str, today: dt.date) -> np.ndarray:
        """Status number (index in STATUSES) of each posting as of today: one per pair, the
        most restrictive of its files' (the same in both UI languages)."""
        if today not in self._status:
            docs = np.array(list(self.meta), dtype=np.int64)
            per_file = status.codes(self.numbers["archived"][docs], self.numbers["closing"][docs],
                                    self.numbers["date_posted"][docs], today, self.open_days)
            per_posting = np.zeros(len(self.keys), dtype=np.int64)
            np.maximum.at(per_posting, self.posting_of[docs], per_file)
            self._status[today] = per_posting
        return self._status[today]

    def table(self, name: str, ui_lang: str, today: dt.date) -> Table:
        """The value table of one filter in one UI language."""
        if name == "status":
            codes = self.statuses(ui_lang, today)
            return Table(list(STATUSES), {s: n for n, s in enumerate(STATUSES)}, codes,
                         np.arange(len(self.keys), dtype=np.int64))
        return self.views[ui_lang].tables[name]

    def salary_steps(self, ui_lang: str) -> tuple[int, ...]:
        """Minimum-salary choices from the postings' own top salaries: round amounts from the
        lowest to the highest, at most 10: (60000, 70000, …, 130000)."""
        tops = self.views[ui_lang].salary_max
        tops = tops[tops >= 10_000]  # not an hourly rate written where a yearly one belongs
        if not tops.size:
            return ()
        low, high = int(tops.min()), int(tops.max())
        step = next((s for s in (5_000, 10_000, 20_000, 25_000, 50_000, 100_000)
                     if (high - low) // s < 10), 250_000)
        return tuple(range(low // step * step, high + 1, step))

    def status_of(self, posting: int, ui_lang: str, today: dt.date) -> str:
        return STATUSES[int(self.statuses(ui_lang, today)[posting])]


def facet_counts(catalog: Catalog, base: np.ndarray, selected: dict[str, tuple[str, ...]],
                 ui_lang: str, today: dt.date, ranges: dict[str, np.ndarray] | None = None,
                 ) -> tuple[np.ndarray, dict[str, dict[str, int]], dict[str, np.ndarray]]:
    """Matches and disjunctive counts: a facet's counts ignore that facet's own selection.

    `base` is a boolean array over posting numbers. OR within a facet, AND across facets.
    `ranges` are other filters as boolean arrays (salary, date posted), AND-ed like facets.
    Returns (matching postings as a boolean array, {facet: {value: count}}, {range: the
    postings matching everything but that range}).
    """
    tables = {name: catalog.table(name, ui_lang, today) for name in FILTERS}
    allowed = {name: tables[name].allowed(values, len(catalog))
               for name, values in selected.items()}
    allowed.update(ranges or {})
    matches = base.copy()
    for mask in allowed.values():
        matches &= mask

    def ignoring(name: str) -> np.ndarray:
        if name not in allowed:
            return matches
        candidates = base.copy()
        for other, mask in allowed.items():
            if other != name:
                candidates &= mask
        return candidates

    counts = {name: tables[name].counts(ignoring(name)) for name in FILTERS}
    return matches, counts, {name: ignoring(name) for name in ranges or {}}
