"""The results table: one row per figure, one column per size, the target beside it."""

from __future__ import annotations

TARGETS = {  # at 10,000 documents, from issue 6; 100k: in-process p95 <= 100 ms
    "reindex2": "<= 15 s", "cold": "p95 <= 10 ms", "fresh": "<= 1 s",
    "http_cold": "p95 <= 25 ms", "http_warm": "p95 <= 25 ms", "rss": "<= 300 MB",
    # issue 15
    "webhook": "<= 1 s", "after_save": "p95 <= 1.5× steady", "api": "p95 <= 15 ms",
}


def _endtoend(size: dict, cell) -> str:
    figures = size.get("endtoend")
    return cell(figures) if figures else "—"


def _pair(stats: dict | None, unit: str = "") -> str:
    if not stats:
        return "—"
    return f"{stats['p50']:g} / {stats['p95']:g}{unit}"


def _x(stats: dict | None) -> str:
    if not stats or "p50_x_floor" not in stats:
        return ""
    return f" (×{stats['p50_x_floor']:g} / ×{stats['p95_x_floor']:g})"


def _http(size: dict, key: str) -> dict | None:
    http = size.get("http") or {}
    return http.get(key) if http.get("status") == "ok" else None


def _reindex(size: dict, procs: str) -> str:
    run = size["reindex"].get(procs)
    if not run:
        return "—"
    return f"{run['seconds']:g} ({run['docs_per_s']:g} docs/s, CPU {run.get('cpu_s', 0):g} s)"


def _slowest(size: dict) -> str:
    categories = size["search"]["cold"]["by_category"]
    name = max(categories, key=lambda c: categories[c]["p95"])
    return f"{name} {categories[name]['p95']:g}"


def _http_status(size: dict) -> str | None:
    http = size.get("http") or {}
    return None if http.get("status") == "ok" else "skipped"


ROWS = (
    ("documents (postings / EN-FR pairs)", None,
     lambda s: f"{s['documents']} ({s['postings']} / {s['pairs']})"),
    ("generate s", None, lambda s: f"{s['generate_s']:g}"),
    ("load_all s (read + validate, no index)", None, lambda s: f"{s['load_all_s']:g}"),
    ("full reindex s, procs=1", None, lambda s: _reindex(s, "procs1")),
    ("full reindex s, procs=2", "reindex2", lambda s: _reindex(s, "procs2")),
    ("reindex peak RSS MB, procs=1 / 2 (largest process)", None,
     lambda s: f"{s['reindex']['procs1']['peak_rss_mb']:g} / "
               f"{s['reindex']['procs2']['peak_rss_mb']:g}"),
    ("index MB, procs=1 / 2 build", None,
     lambda s: f"{s['reindex']['procs1']['index_mb']:g} / {s['reindex']['procs2']['index_mb']:g}"),
    ("open index + first search ms", None,
     lambda s: f"{s['search']['open_ms']:g} + {s['search']['first_search_ms']:g}"),
    ("in-process search, results cache off, p50 / p95 ms", "cold",
     lambda s: _pair(s["search"]["cold"])),
    ("in-process, first use of each term after opening, p50 / p95 ms", None,
     lambda s: _pair(s["search"]["first_use"])),
    ("in-process search, cache hit, p50 / p95 ms", None, lambda s: _pair(s["search"]["warm"])),
    ("slowest category, results cache off, p95 ms", None, _slowest),
    ("save → searchable s (incremental reindex + search)", "fresh",
     lambda s: f"{s['freshness']['total_s']:g} ({s['freshness']['reindex_s']:g} + "
               f"{s['freshness']['search_s']:g})"),
    ("HTTP search, new URLs, p50 / p95 ms (× floor)", "http_cold",
     lambda s: _http_status(s) or _pair(_http(s, "cold")) + _x(_http(s, "cold"))),
    ("HTTP search, repeated URLs, p50 / p95 ms (× floor)", "http_warm",
     lambda s: _http_status(s) or _pair(_http(s, "warm")) + _x(_http(s, "warm"))),
    ("HTTP search, results cache off, words seen before, p50 / p95 ms (× floor)", "http_warm",
     lambda s: _http_status(s) or _pair(_http(s, "uncached")) + _x(_http(s, "uncached"))),
    ("save → searchable over HTTP: signed webhook / HR \"Reindex now\", until the API finds it, s",
     "webhook", lambda s: _endtoend(s, lambda e: f"{e['webhook_s']:g} / {e['hr_button_s']:g}")),
    ("HTTP, 80 searches right after a save vs steady (results cache off), p95 ms", "after_save",
     lambda s: _endtoend(s, lambda e: f"{e['after_save']['p95']:g} vs {e['steady']['p95']:g} "
                                      f"(×{e['after_x_steady_p95']:g})")),
    ("HTTP JSON API, repeated URLs, p50 / p95 ms (× floor)", "api",
     lambda s: _http_status(s) or _pair(_http(s, "api_warm")) + _x(_http(s, "api_warm"))),
    ("HTTP floor /robots.txt p50 / p95 ms", None,
     lambda s: _http_status(s) or _pair(_http(s, "floor"))),
    ("no HTTP: Flask test client, cached results, p50 / p95 ms", None,
     lambda s: _http_status(s) or ", ".join(f"{k} {_pair(s['http']['render'][k])}"
                                            for k in ("html", "api", "floor"))),
    ("HTTP /healthz p50 / p95 ms", None, lambda s: _http_status(s) or _pair(_http(s, "healthz"))),
    ("HTTP req/s: new URLs / repeated / API / floor", None,
     lambda s: _http_status(s) or " / ".join(f"{_http(s, k)['req_per_s']:g}"
                                             for k in ("cold", "warm", "api_warm", "floor"))),
    ("RSS per worker MB after the load (private + shared file pages)", "rss",
     lambda s: _http_status(s) or " / ".join(
         f"{mb:g} ({anon:g} + {file:g})" for mb, anon, file in zip(
             s["http"]["workers_mb"], s["http"]["workers_anon_mb"], s["http"]["workers_file_mb"],
             strict=True))),
    ("HTTP failed requests / server tracebacks, all runs (must be 0 / 0)", None,
     lambda s: _http_status(s) or f"{s['http']['failed_requests']} / "
                                  f"{s['http']['server_errors']}" + (
         f"; save runs {s['endtoend']['failed_requests']} / {s['endtoend']['server_errors']}"
         if s.get("endtoend") else "")),
    ("server ready s / both workers opened the index s", None,
     lambda s: _http_status(s) or f"{s['http']['ready_s']:g} / {s['http']['open_s']:g}"),
)


def table(results: dict) -> str:
    """Markdown table of a results document (as written to JSON)."""
    sizes = results["sizes"]
    header = ["figure (median of runs)", *(f"N={s['documents']:,}" for s in sizes),
              "target at 10k"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for label, target, cell in ROWS:
        cells = []
        for size in sizes:
            try:
                cells.append(cell(size))
            except (KeyError, TypeError):
                cells.append("—")
        lines.append("| " + " | ".join([label, *cells, TARGETS.get(target or "", "")]) + " |")
    statuses = {(s.get("http") or {}).get("status") for s in sizes} - {"ok", None}
    machine = results["machine"]
    for status in sorted(statuses):
        lines.append(f"\nHTTP part {status}.")
    commit = machine.get("commit")
    if machine.get("jobboard_changed"):
        commit = f"{commit} + local changes"
    if results.get("commit_at_end", machine.get("commit")) != machine.get("commit"):
        commit = f"{commit}, {results['commit_at_end']} at the end"
    load = ", ".join(f"{x:.1f}" for x in machine.get("load_average", ()))
    lines.append("")
    lines.append(f"{machine['date']}; {machine['cpu']}, {machine['cpus']} CPUs, "
                 f"{machine['memory_mb']} MB; Python {machine['python']}, whoosh3 "
                 f"{machine['whoosh3']}; commit {commit}; seed {results['seed']}, "
                 f"{results['runs']} runs ({_reindex_runs(results)} for full reindexes); "
                 f"body words {results.get('body_words', '300-800')}; "
                 f"load average at start {load}. N counts documents "
                 "(Markdown files); 100k target: in-process p95 <= 100 ms.")
    return "\n".join(lines)


def _reindex_runs(results: dict) -> str:
    below = results.get("reindex_runs", results["runs"])
    sizes = [size["documents"] for size in results["sizes"]]
    if "reindex_runs_100k" in results and any(n >= 100_000 for n in sizes):
        return f"{below}, {results['reindex_runs_100k']} at 100k"
    return str(below)
