"""Search latency in process: one `SearchIndex` reused, the query mix run cold and warm.

Cold: the results cache is off (`engine.CACHE_SIZE = 0`, a module global read on every call),
so each search parses, evaluates the query on the term arrays, counts facets and builds hits;
the arrays of the mix's terms are read on the first pass and kept (per index generation), so
the cold passes measure a server that has seen these words before. First use: the mix once on a
freshly opened and warmed index (as a server worker starts), every term read from Whoosh for
the first time. Warm: the results cache is on and primed, so each search is a cache hit.
Facet counts are part of every search.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import io
import pstats
import statistics
import time
from contextlib import contextmanager
from pathlib import Path

from benchmarks.measure import median_of, summary_ms
from benchmarks.queries import MIX
from jobboard.search import engine
from jobboard.search.engine import SearchIndex
from jobboard.server import collector_policy


@contextmanager
def cache_off():
    saved, engine.CACHE_SIZE = engine.CACHE_SIZE, 0
    try:
        yield
    finally:
        engine.CACHE_SIZE = saved


def _pass(index: SearchIndex, today: dt.date, reps: int) -> list[list[float]]:
    """Seconds of each search of the mix, reps times: [[q0 rep0, q0 rep1], [q1 ...], ...]."""
    timings: list[list[float]] = [[] for _ in MIX]
    for _ in range(reps):
        for number, (_, request) in enumerate(MIX):
            started = time.perf_counter()
            index.search(request, today)
            timings[number].append(time.perf_counter() - started)
    return timings


def _summaries(passes: list[list[list[float]]]) -> dict:
    overall = median_of([summary_ms([t for ts in p for t in ts]) for p in passes])
    names = dict.fromkeys(category for category, _ in MIX)
    categories = {name: median_of([summary_ms([t for (c, _), ts in zip(MIX, p, strict=True)
                                               if c == name for t in ts]) for p in passes])
                  for name in names}
    return {**overall, "by_category": categories}


def _slowest(index: SearchIndex, passes: list[list[list[float]]], today: dt.date,
             count: int = 8) -> list[dict]:
    """The queries with the highest median time, with their result counts."""
    medians = [statistics.median(t for p in passes for t in p[number])
               for number in range(len(MIX))]
    rows = []
    for number in sorted(range(len(MIX)), key=lambda n: -medians[n])[:count]:
        category, request = MIX[number]
        rows.append({"category": category, "q": request.q, "lang": request.ui_lang,
                     "filters": {k: list(v) for k, v in request.filters.items()},
                     "sort": request.sort, "page": request.page,
                     "total": index.search(request, today).total,
                     "ms": round(medians[number] * 1000, 2)})
    return rows


def _first_use(index_dir: Path, today: dt.date) -> list[list[float]]:
    """The mix once on a newly opened, warmed index: each term's arrays read the first time."""
    index = SearchIndex(index_dir, opening=collector_policy)  # as a server worker
    index.warm()
    with cache_off():
        return _pass(index, today, 1)


def latency(index_dir: Path, runs: int, reps: int, today: dt.date) -> dict:
    """p50/p95 over the mix, cold and warm, each the median of `runs` runs."""
    started = time.perf_counter()
    index = SearchIndex(index_dir, opening=collector_policy)  # as a server worker
    index.current()
    opened = time.perf_counter()
    with cache_off():
        index.search(MIX[0][1], today)
        first = time.perf_counter() - opened
        cold = [_pass(index, today, reps) for _ in range(runs)]
    _pass(index, today, 1)  # prime the cache
    warm = [_pass(index, today, reps) for _ in range(runs)]
    return {"open_ms": round((opened - started) * 1000, 1),
            "first_search_ms": round(first * 1000, 1),
            "first_use": _summaries([_first_use(index_dir, today) for _ in range(runs)]),
            "cold": _summaries(cold), "warm": _summaries(warm),
            "slowest_queries": _slowest(index, cold, today)}


def profile(index_dir: Path, today: dt.date, limit: int = 25) -> str:
    """cProfile of one cold pass over the mix: top functions by cumulative time, as text."""
    index = SearchIndex(index_dir, opening=collector_policy)  # as a server worker
    with cache_off():
        index.search(MIX[0][1], today)
        profiler = cProfile.Profile()
        profiler.enable()
        _pass(index, today, 1)
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(limit)
    out.write("\n--- by own time ---\n")
    stats.sort_stats("tottime").print_stats(limit)
    return out.getvalue()
