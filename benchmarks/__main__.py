"""`python -m benchmarks`: generate postings, then time reindexing, search and serving.

    python -m benchmarks                      # N = 1,000 and 10,000 documents, 3 runs each
    python -m benchmarks --sizes 1000 --runs 1 --skip-http
    python -m benchmarks --include-100k --json results.json

Prints a Markdown table (README-ready) and writes every figure, run by run, as JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import endtoend, reindexing, report, searching, serving
from benchmarks.generate import BodyWords, generate
from benchmarks.measure import machine, median_of


def _sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split(
        "\n")[0])
    parser.add_argument("--sizes", type=_sizes, default=[1000, 10000],
                        help="documents (Markdown files) per corpus, comma-separated")
    parser.add_argument("--include-100k", action="store_true", help="also N=100,000 (slow)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median kept)")
    parser.add_argument("--reindex-runs", type=int, default=3,
                        help="full reindexes per size and procs below 100,000 documents "
                             "(about 15 s each at 10k)")
    parser.add_argument("--reindex-runs-100k", type=int, default=1,
                        help="full reindexes per procs at 100,000 documents and more "
                             "(3 to 6 min each)")
    parser.add_argument("--reps", type=int, default=2,
                        help="passes over the query mix per in-process run")
    parser.add_argument("--requests", type=int, default=400,
                        help="HTTP requests per run for repeated searches and for the floor")
    parser.add_argument("--body-words", type=BodyWords.parse, default=BodyWords(),
                        help="body length: LOW-HIGH words (default 300-800) or a median with "
                             "real postings' long tail of 5,000+ words (750: the real "
                             "corpus's median)")
    parser.add_argument("--json", type=Path, help="write all results to this file")
    parser.add_argument("--skip-http", action="store_true", help="no `jobboard serve` part")
    parser.add_argument("--serve-command", type=shlex.split,
                        default=list(serving.DEFAULT_COMMAND),
                        help="server to measure; {port} {workers} {content} {index} are filled "
                             "in (default: jobboard serve with them)")
    parser.add_argument("--profile", action="store_true",
                        help="print a cProfile of one cold pass at the largest size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path,
                        help="where corpora and indexes go (default: a temporary folder, "
                             "deleted at the end)")
    args = parser.parse_args(argv)
    if args.include_100k and 100_000 not in args.sizes:
        args.sizes.append(100_000)
    return args


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def bench_size(documents: int, args: argparse.Namespace, workdir: Path,
               http_status: str | None) -> dict:
    """Every figure for one corpus size."""
    folder = workdir / f"n{documents}"
    shutil.rmtree(folder, ignore_errors=True)
    today = dt.date.today()
    _say(f"N={documents}: generating")
    summary = generate(folder, documents, args.seed, anchor=today, body_words=args.body_words)
    content, index_dir = summary.content_dir, folder / "index"
    result = {"load_average_before": os.getloadavg(), "documents": summary.documents,
              "postings": summary.postings, "pairs": summary.pairs, "generate_s": summary.seconds,
              "load_all_s": reindexing.load_seconds(content), "reindex": {}}
    for procs in (2, 1):  # procs=1 last: the default build is the one searched
        count = args.reindex_runs if documents < 100_000 else args.reindex_runs_100k
        _say(f"N={documents}: full reindex, procs={procs}, {count} runs")
        runs = [reindexing.full_reindex(content, index_dir, procs) for _ in range(count)]
        result["reindex"][f"procs{procs}"] = {**median_of(runs), "runs": runs}
    _say(f"N={documents}: in-process search")
    result["search"] = searching.latency(index_dir, args.runs, args.reps, today)
    if args.profile and documents == max(args.sizes):
        print(searching.profile(index_dir, today))
    _say(f"N={documents}: save to searchable")
    fresh = [reindexing.freshness(content, index_dir, run) for run in range(args.runs)]
    result["freshness"] = {**median_of(fresh), "runs": fresh}
    if http_status:
        result["http"] = {"status": http_status}
    else:
        _say(f"N={documents}: HTTP, {args.runs} runs")
        result["http"] = serving.benchmark(index_dir, content, args.runs, args.requests,
                                           tuple(args.serve_command))
        result["http"]["render"] = serving.render(index_dir, content)
        _say(f"N={documents}: save to searchable over HTTP, searches after a save")
        result["endtoend"] = endtoend.benchmark(index_dir, content, args.runs,
                                                tuple(args.serve_command))
    result["load_average_after"] = os.getloadavg()
    return result


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    started = time.perf_counter()
    http_status = "skipped: --skip-http" if args.skip_http else serving.serve_available(
        tuple(args.serve_command))
    if http_status:
        _say(f"HTTP part {http_status}")
    temporary = None
    if args.workdir is None:
        temporary = tempfile.TemporaryDirectory(prefix="jobboard-bench-")
        workdir = Path(temporary.name)
    else:
        workdir = args.workdir
        workdir.mkdir(parents=True, exist_ok=True)
    try:
        results = {"machine": machine(), "seed": args.seed, "runs": args.runs,
                   "body_words": str(args.body_words),
                   "reindex_runs": args.reindex_runs,
                   "reindex_runs_100k": args.reindex_runs_100k,
                   "reps": args.reps, "requests": args.requests,
                   "sizes": [bench_size(n, args, workdir, http_status) for n in args.sizes]}
    finally:
        if temporary:
            temporary.cleanup()
    results["total_s"] = round(time.perf_counter() - started, 1)
    end = machine()
    results["commit_at_end"] = end["commit"]
    if (end["commit"], end["jobboard_changed"]) != (results["machine"]["commit"],
                                                    results["machine"]["jobboard_changed"]):
        _say("warning: the repository changed during the run; figures may mix versions")
    print(report.table(results))
    print(f"\n(total {results['total_s']} s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        _say(f"wrote {args.json}")


if __name__ == "__main__":
    main()
