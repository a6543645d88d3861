"""Full reindex in a child process (time, docs/s, peak RSS) and save-to-searchable freshness.

The child is this module run as a script: it calls `reindex(full=True, procs=P)` and prints
its timing and `getrusage` figures as JSON. Peak RSS is the largest single process: the child
itself (RUSAGE_SELF) or one of the writer processes it waited for (RUSAGE_CHILDREN).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.measure import folder_mb
from jobboard.postings import load_all
from jobboard.search import store
from jobboard.search.engine import SearchIndex
from jobboard.search.indexer import reindex
from jobboard.search.query import SearchRequest
from jobboard.server import collector_policy


def full_reindex(content: Path, index_dir: Path, procs: int) -> dict:
    """One full reindex in a fresh process: seconds, docs/s, peak RSS, index size."""
    command = [sys.executable, "-m", "benchmarks.reindexing", str(content), str(index_dir),
               str(procs)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"reindex child failed: {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    live = store.live_path(index_dir)
    result["index_mb"] = folder_mb(live) if live else None
    result["docs_per_s"] = round(result["documents"] / result["seconds"], 1)
    return result


def load_seconds(content: Path) -> float:
    """Time of `load_all` alone: reading and validating every file, no indexing."""
    started = time.perf_counter()
    load_all(content)
    return round(time.perf_counter() - started, 3)


def freshness(content: Path, index_dir: Path, run: int) -> dict:
    """Change one posting, reindex incrementally, search its new word: seconds of each step."""
    index = SearchIndex(index_dir, opening=collector_policy)  # as a server worker
    index.search(SearchRequest(q="data"))  # a server has its searcher open already
    path = sorted((content / "en").glob("*.md"))[run]
    word = "zq" + "".join(chr(ord("a") + int(d)) for d in f"{run:04d}") + "bench"
    text = path.read_text(encoding="utf-8")
    started = time.perf_counter()
    path.write_text(text.rstrip("\n") + f"\n\nNew this week: the {word} initiative.\n",
                    encoding="utf-8")
    report = reindex(content, index_dir)
    indexed = time.perf_counter()
    results = index.search(SearchRequest(q=word, filters={"status": ("all",)}))
    found = time.perf_counter()
    slug = path.stem
    if report.outcome == "failed" or not any(hit.slug == slug for hit in results.hits):
        raise RuntimeError(f"the changed posting {slug} was not found by {word!r}: "
                           f"{report.outcome} {report.error}")
    return {"reindex_s": round(indexed - started, 3), "search_s": round(found - indexed, 3),
            "total_s": round(found - started, 3), "updated": report.updated,
            "unchanged": report.unchanged}


def _child(content: str, index_dir: str, procs: str) -> None:
    started = time.perf_counter()
    report = reindex(content, index_dir, full=True, procs=int(procs))
    seconds = time.perf_counter() - started
    if report.outcome == "failed":
        raise SystemExit(f"reindex failed: {report.error}")
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own, writers = me.ru_maxrss, children.ru_maxrss
    cpu = me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime
    print(json.dumps({
        "procs": int(procs), "seconds": round(seconds, 3), "documents": report.documents,
        "cpu_s": round(cpu, 2),  # all processes; less sensitive than wall time to a busy machine
        "outcome": report.outcome, "rss_self_mb": round(own / 1024, 1),
        "rss_writers_mb": round(writers / 1024, 1),
        "peak_rss_mb": round(max(own, writers) / 1024, 1)}))


if __name__ == "__main__":
    _child(*sys.argv[1:4])
