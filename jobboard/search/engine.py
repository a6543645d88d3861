"""One open index per process: a searcher reused across requests, refreshed on a new generation."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import weakref
from collections.abc import Callable, Collection
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

from jobboard import status
from jobboard.postings import Posting
from jobboard.search import equivalents, store
from jobboard.search.catalog import Catalog
from jobboard.search.kept import Kept, SegmentCaches
from jobboard.search.matching import TermArrays
from jobboard.search.query import SearchRequest, SearchResults, run_search, validate
from jobboard.search.suggest import Speller

CACHE_SIZE = 1024
_log = logging.getLogger(__name__)


class IndexMissing(RuntimeError):
    """No index has been built in this folder yet."""


@dataclass(frozen=True)
class PostingDetail:
    """A posting for its own page, with its translation and status."""

    posting: Posting
    status: str
    stale: bool
    translation: tuple[str, str] | None  # (lang, slug)


@dataclass(frozen=True)
class IndexStats:
    generation: str | None
    documents: int
    postings: int
    per_language: dict[str, int]
    built_at: str | None


class _Open:
    def __init__(self, generation: store.Generation, open_days: int, caches: SegmentCaches,
                 previous: Speller | None = None):
        path = generation.path
        problem = generation.problem()
        if problem == "outdated":
            raise IndexMissing(f"the index in {path} was built by code that analyses or stores "
                               "documents differently: run `jobboard reindex` (it rebuilds "
                               "it in full)")
        if problem:
            raise IndexMissing(f"the index in {path} is {problem}: run `jobboard reindex`")
        self.built_at = generation.built_at
        self.path = path
        self.generation = generation.name
        # Without mmap, Whoosh reads a compound segment's parts through the file (the page
        # cache, shared by workers); with it, it copies each part it opens into the process
        # (BytesIO over the mapping): 930 MB private per worker at 100,000 postings.
        self.searcher = FileStorage(str(path), supports_mmap=False).open_index().searcher()
        # Files are closed when the generation is dropped: when it has been replaced and the
        # last search still running on it (in another thread) ends.
        self.close = weakref.finalize(self, self.searcher.close)
        # Whoosh's readers seek, then read, one shared file per segment: two threads reading
        # at once interleave ("Damaged postings block", a 500 under `jobboard serve`'s
        # threads). Whatever may read this generation's files holds this lock: a search, a
        # posting's source, warming. The per-segment caches shared with other generations are
        # filled through this generation's own readers (its own open files), under this lock.
        self.reading = threading.RLock()
        self.catalog = Catalog(self.searcher.reader(), open_days, caches)
        self.term_arrays = TermArrays(self.searcher.reader(), caches.data)
        self.by_slug = {(facts["lang"], facts["slug"]): docnum
                        for docnum, facts in self.catalog.meta.items()}
        self._speller: Speller | None = None
        self._previous = previous  # the previous generation's speller: what it remembered
        self.stats: IndexStats | None = None

    def warm(self, previous: _Open | None = None) -> None:
        """Do now what the first searches of this generation would do: read field lengths,
        build the spelling vocabulary, and compute the words the previous generation's latest
        searches used."""
        with self.reading:
            self.term_arrays.warm()
            if previous is not None:  # reads only its cache's keys: no need of its lock
                self.term_arrays.warm_like(previous.term_arrays)
            _ = self.speller

    def search(self, request: SearchRequest, today: dt.date,
               known: equivalents.Equivalents, **options) -> SearchResults:
        with self.reading:
            return run_search(self.searcher, self.catalog, self.term_arrays, request, today,
                              self.generation, lambda: self.speller, known, **options)

    def source(self, docnum: int) -> Posting:
        with self.reading:
            return self.catalog.source(docnum)

    @property
    def speller(self) -> Speller:
        """Built on the first "did you mean" of a generation (it reads the whole vocabulary)."""
        if self._speller is None:
            self._speller = Speller.from_generation(self.path, self._previous)
            self._previous = None
        return self._speller


class SearchIndex:
    """Search and lookups on the live generation of an index folder.

    `opening`: a context manager entered while a generation is opened and the previous one
    let go. The library changes no process-wide state itself; the server passes its garbage
    collector policy (`server.collector_policy`). `content_dir`: where HR's own
    equivalents.yaml may be.

    `background`: a new generation is prepared (`prepare`: opened, warmed with the words the
    open generation's latest searches used) in a thread while the previous one keeps
    answering; searches switch once it is ready, so no candidate's request waits for an
    opening (server workers). Off, the first search after a change opens it (commands, tests).
    """

    def __init__(self, index_dir: Path | str, cache_size: int | None = None,
                 opening: Callable[[], AbstractContextManager] = contextlib.nullcontext,
                 open_days: int = status.DEFAULT_OPEN_DAYS,
                 content_dir: Path | str | None = None):
        self.index_dir = Path(index_dir)
        self.open_days = open_days  # see jobboard/status.py
        # The reviewed equivalents, plus the content folder's own when it has one.
        self.equivalents = equivalents.Source(content_dir)
        self.cache_size = cache_size  # results kept; None: CACHE_SIZE
        self.opening = opening
        self.background = False
        self._open: _Open | None = None
        self._prepared: _Open | None = None  # opened and warmed before live points at it
        self._lock = threading.Lock()
        self._refreshing: Path | None = None  # the generation a background thread prepares
        self._unservable: Path | None = None  # a generation the background thread could not open
        self._cache = Kept(lambda: CACHE_SIZE if self.cache_size is None else self.cache_size)
        # Per segment, shared by the generations this index opens: a new generation reads
        # only its new segments.
        self.segment_caches = SegmentCaches()

    def current(self) -> _Open:
        """The open generation, reopened when `live` points elsewhere (one readlink a call)."""
        live = store.live_path(self.index_dir)
        if live is None:
            raise IndexMissing(f"no index in {self.index_dir}: run `jobboard reindex`")
        opened = self._open
        if (opened is not None and opened.path != live and self.background
                and live != self._unservable
                and (self._prepared is None or self._prepared.path != live)):
            self._refresh_later(live)
            return opened
        if opened is None or opened.path != live:
            opened = None  # no reference left here to the generation being replaced
            with self._lock:
                if self._open is None or self._open.path != live:
                    prepared, self._prepared = self._prepared, None
                    with self.opening():
                        self._replace(
                            prepared if prepared is not None and prepared.path == live
                            else _Open(store.Generation.at(live), self.open_days,
                                       self.segment_caches, self._speller_now()))
                    del prepared
            opened = self._open
        return opened

    def _speller_now(self) -> Speller | None:
        """The open generation's speller, if built (a new generation starts from what it
        remembered)."""
        opened = self._open
        return opened._speller if opened is not None else None

    def _refresh_later(self, live: Path) -> None:
        """Prepare live in a thread (once), then switch to it."""
        with self._lock:
            if self._refreshing == live:
                return
            self._refreshing = live
        threading.Thread(target=self._refresh, args=(live,), name="index-refresh",
                         daemon=True).start()

    def _refresh(self, live: Path) -> None:
        try:
            self.prepare(live)
        except Exception:
            # Not servable (an outdated or damaged generation): the next search opens it in
            # the request and says why, as it would without a background refresh.
            _log.exception("could not prepare generation %s", live)
            with self._lock:
                self._unservable, self._refreshing = live, None
            return
        with self._lock:
            self._refreshing = None
        if store.live_path(self.index_dir) == live:
            self.current()  # switches to the prepared generation

    def _replace(self, fresh: _Open) -> None:
        previous, self._open = self._open, fresh
        del fresh
        self._cache.clear()
        # Not closed here: a search in another thread may still be reading it (a background
        # refresh swaps while requests run). The last reference dropped closes its files.
        del previous

    def prepare(self, path: Path) -> None:
        """Open and warm generation path (with the words the open generation's latest
        searches used) before searches use it: the swap then finds it ready (a background
        refresh; cluster nodes before live points at it, so workers do not go cold together
        after a publication)."""
        path = Path(path).resolve()
        if any(opened is not None and opened.path == path
               for opened in (self._open, self._prepared)):
            return
        with self.opening():
            fresh = _Open(store.Generation.at(path), self.open_days, self.segment_caches,
                          self._speller_now())
        fresh.warm(self._open)
        with self._lock:
            self._prepared = fresh

    def warm(self) -> None:
        """Open the live generation and prepare it for searching (a server, before serving)."""
        self.current().warm()

    def search(self, request: SearchRequest, today: dt.date | None = None) -> SearchResults:
        """Run a search (cached per generation, request and day)."""
        request = validate(request)
        today = today or dt.date.today()
        opened = self.current()
        known = self.equivalents.current()
        return self._cache.get((opened.generation, repr(request), today, known.stamp),
                               lambda: opened.search(request, today, known))

    def search_among(self, request: SearchRequest, keys: Collection[str],
                     today: dt.date | None = None) -> SearchResults:
        """A search restricted to the postings with these translationKeys (not cached: alerts
        ask it once per subscription)."""
        request = validate(request)
        return self.current().search(request, today or dt.date.today(),
                                     self.equivalents.current(), correct=False, among=keys)

    def keys(self) -> tuple[str | None, list[str]]:
        """(generation, translationKey of every posting in it)."""
        opened = self.current()
        return opened.generation, list(opened.catalog.keys)

    def _detail(self, opened: _Open, docnum: int, today: dt.date) -> PostingDetail:
        facts = opened.catalog.meta[docnum]
        posting = opened.source(docnum)
        number = opened.catalog.key_of[docnum]
        other = next((opened.catalog.meta[d] for lang, d in
                      opened.catalog.documents[number].items() if lang != posting.lang), None)
        return PostingDetail(posting, opened.catalog.status_of(number, posting.lang, today),
                             facts["stale"],
                             (other["lang"], other["slug"]) if other else None)

    def posting(self, lang: str, slug: str, today: dt.date | None = None) -> PostingDetail | None:
        """The posting at /<lang>/…/<slug>, or None."""
        opened = self.current()
        docnum = opened.by_slug.get((lang, slug))
        return None if docnum is None else self._detail(opened, docnum, today or dt.date.today())

    def posting_by_uid(self, uid: str, today: dt.date | None = None) -> PostingDetail | None:
        """The posting with a public id such as "fr-analyste-politiques", or None."""
        lang, _, slug = uid.partition("-")
        return self.posting(lang, slug, today)

    def postings(self, lang: str | None = None) -> list[Posting]:
        """Every indexed posting (optionally in one language), for sitemaps and feeds."""
        opened = self.current()
        with opened.reading:
            return [opened.catalog.source.read(docnum)
                    for docnum, facts in opened.catalog.meta.items()
                    if lang is None or facts["lang"] == lang]

    def stats(self) -> IndexStats:
        """Generation, counts and build time of the live index (computed once a generation)."""
        opened = self.current()
        if opened.stats is None:
            per_language: dict[str, int] = {}
            for facts in opened.catalog.meta.values():
                per_language[facts["lang"]] = per_language.get(facts["lang"], 0) + 1
            opened.stats = IndexStats(opened.generation, len(opened.catalog.meta),
                                      len(opened.catalog), per_language, opened.built_at)
        return opened.stats
