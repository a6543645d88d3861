"""report.json documents as `jobboard a11y` writes them (jobboard.a11y.report.to_dict), for
tests of publishing an audit and of what the statement and the HR pages show of it."""

from __future__ import annotations

import json
from pathlib import Path


def rule(rule_id: str, nodes: int) -> dict:
    """A failing rule with nodes failing elements."""
    return {"id": rule_id, "impact": "serious", "help": f"help for {rule_id}",
            "help_url": f"https://dequeuniversity.com/rules/axe/4.10/{rule_id}", "tags": [],
            "nodes": [{"selector": f"#n{i}", "html": "<p>", "summary": ""} for i in range(nodes)]}


def report(pages: list[tuple[str, list[dict]]], engine: str = "axe-core 4.10.2",
           started_at: str = "2026-12-03T10:00:00+00:00") -> dict:
    """A report of pages given as (url, failing rules)."""
    return {"start_url": "http://127.0.0.1:8000/", "engine": engine, "tags": ["wcag2a"],
            "started_at": started_at, "duration_s": 3.2,
            "pages_scanned": len(pages), "pages_failed": sum(1 for _, f in pages if f),
            "failures": sum(len(f) for _, f in pages),
            "pages": [{"anchor": f"page-{n}", "url": url, "title": "", "lang": "en",
                       "status": 200, "seconds": 0.1, "ok": not failures, "error": None,
                       "failures": failures, "incomplete": [], "rules_passed": 20}
                      for n, (url, failures) in enumerate(pages, 1)]}


def write_report(folder: Path, data: dict) -> Path:
    """data as folder/report.json."""
    path = Path(folder) / "report.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
