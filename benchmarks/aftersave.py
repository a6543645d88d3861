"""`python -m benchmarks.aftersave`: what one saved posting costs the searches of a process.

    python -m benchmarks.aftersave                  # 10,000 documents, 3 runs
    python -m benchmarks.aftersave --documents 2000 --runs 1

Builds a synthetic corpus (`benchmarks.generate`), a full index, then opens and warms it in one
`SearchIndex` and runs 80 distinct searches until they are steady. Each run then changes one
posting, reindexes incrementally (a new generation sharing every segment but one with the
previous) and times, in the same process: (a) opening and warming the new generation, (b) the
80 searches once, the first time on it, (c) the same 80 again (steady state). The results cache
is off, so every search evaluates its query. Prints medians over the runs: (a), p50/p95 of (b)
and (c), the ratio (b)/(c), and how many postings lists and columns Whoosh was asked to read
from which segments (`whoosh_io.reads`, where the code has it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.generate import ANCHOR, generate
from benchmarks.measure import summary_ms
from benchmarks.queries import MIX
from benchmarks.searching import cache_off
from jobboard.search import store, whoosh_io
from jobboard.search.engine import SearchIndex
from jobboard.search.indexer import reindex
from jobboard.search.query import SearchRequest
from jobboard.server import collector_policy

SEARCHES = 80


def searches() -> list[SearchRequest]:
    """80 distinct requests: the benchmark mix, then its first queries in the other language."""
    requests = [request for _, request in MIX]
    for request in requests[:]:
        if len(requests) >= SEARCHES:
            break
        other = "fr" if request.ui_lang == "en" else "en"
        requests.append(SearchRequest(q=request.q, ui_lang=other, sort=request.sort,
                                      page=request.page, filters=request.filters))
    assert len({repr(r) for r in requests[:SEARCHES]}) == SEARCHES
    return requests[:SEARCHES]


def _timed(index: SearchIndex, requests: list[SearchRequest], today: dt.date) -> list[float]:
    timings = []
    for request in requests:
        started = time.perf_counter()
        index.search(request, today)
        timings.append(time.perf_counter() - started)
    return timings


def _reads() -> Counter | None:
    return getattr(whoosh_io, "reads", None)


def _change(content: Path, run: int) -> None:
    """Append a sentence to one English posting (a different one each run)."""
    path = sorted((content / "en").glob("*.md"))[run]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\nNew this week: run {run} of the after-save benchmark.\n",
                    encoding="utf-8")


def after_save(content: Path, index_dir: Path, index: SearchIndex, run: int,
               requests: list[SearchRequest], today: dt.date) -> dict:
    """One run: change one posting, reindex incrementally, then time (a), (b) and (c)."""
    _change(content, run)
    report = reindex(content, index_dir)
    assert report.outcome == "ok" and not report.full, report.to_dict()
    reads = _reads()
    if reads is not None:
        reads.clear()
    started = time.perf_counter()
    index.current()
    index.warm()
    opened = time.perf_counter() - started
    warm_reads = sum(reads.values()) if reads is not None else None
    first = _timed(index, requests, today)
    first_reads = sum(reads.values()) if reads is not None else None
    steady = _timed(index, requests, today)
    segments = len(index.current().searcher.reader().leaf_readers())
    result = {"open_warm_ms": round(opened * 1000, 1), "first": summary_ms(first),
              "steady": summary_ms(steady), "segments": segments,
              "reads_open_warm": warm_reads, "reads_first_80": first_reads}
    if reads is not None:
        result["segments_read"] = len({segment for segment, _ in reads})
    result["ratio_p95"] = round(result["first"]["p95"] / result["steady"]["p95"], 2)
    result["ratio_p50"] = round(result["first"]["p50"] / result["steady"]["p50"], 2)
    return result


def _median(runs: list[dict], *path: str):
    values = []
    for run in runs:
        value = run
        for key in path:
            value = value[key]
        values.append(value)
    return None if None in values else round(statistics.median(values), 2)


def measure(folder: Path, documents: int, runs: int) -> dict:
    summary = generate(folder, documents)
    content, index_dir = summary.content_dir, folder / "index"
    started = time.perf_counter()
    assert reindex(content, index_dir, full=True).outcome == "ok"
    built = time.perf_counter() - started
    today, requests = ANCHOR, searches()
    index = SearchIndex(index_dir, cache_size=0, opening=collector_policy)  # a server worker
    with cache_off():
        index.warm()
        for _ in range(2):
            _timed(index, requests, today)
        per_run = [after_save(content, index_dir, index, run, requests, today)
                   for run in range(runs)]
    medians = {"open_warm_ms": _median(per_run, "open_warm_ms"),
               "first_p50": _median(per_run, "first", "p50"),
               "first_p95": _median(per_run, "first", "p95"),
               "steady_p50": _median(per_run, "steady", "p50"),
               "steady_p95": _median(per_run, "steady", "p95"),
               "ratio_p50": _median(per_run, "ratio_p50"),
               "ratio_p95": _median(per_run, "ratio_p95"),
               "reads_open_warm": _median(per_run, "reads_open_warm"),
               "reads_first_80": _median(per_run, "reads_first_80")}
    return {"documents": documents, "full_build_s": round(built, 1),
            "live": str(store.live_path(index_dir)), "runs": per_run, "median": medians}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.aftersave",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--documents", "-n", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="one-posting changes (median kept)")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="aftersave-") as folder:
        result = measure(Path(folder), args.documents, args.runs)
    median = result["median"]
    print(f"{args.documents} documents, full build {result['full_build_s']} s, "
          f"median of {args.runs} one-posting changes:")
    print(f"  (a) open + warm the new generation: {median['open_warm_ms']} ms "
          f"(reads: {median['reads_open_warm']})")
    print(f"  (b) first {SEARCHES} searches after it: p50 {median['first_p50']} ms, "
          f"p95 {median['first_p95']} ms (reads: {median['reads_first_80']})")
    print(f"  (c) same {SEARCHES} at steady state: p50 {median['steady_p50']} ms, "
          f"p95 {median['steady_p95']} ms")
    print(f"  after/steady: p50 {median['ratio_p50']}x, p95 {median['ratio_p95']}x")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
