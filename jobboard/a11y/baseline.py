"""Violations with stable identities, grouped by rule and WCAG success criterion, compared
with a baseline (an earlier report.json) so that only new ones fail a run.

A violation is one element failing one rule on one page: its identity is rule + page (path
and query, so that the host and port of a test server do not matter) + the element's CSS
selector, e.g. "heading-order|/en/jobs/senior-policy-advisor|h4".
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from jobboard.a11y.axe import selector

_CRITERION = re.compile(r"^wcag(\d)(\d)(\d+)$")  # wcag1411 -> 1.4.11


class BadBaseline(ValueError):
    """The baseline file cannot be read as a report.json."""


def criteria(tags: list[str]) -> list[str]:
    """WCAG success criteria of an axe rule: ["wcag2a", "wcag131"] -> ["1.3.1"]."""
    return [".".join(m.groups()) for m in map(_CRITERION.match, tags) if m]


def page_of(url: str) -> str:
    """The page part of a URL: "http://127.0.0.1:5000/en/jobs?q=x#a" -> "/en/jobs?q=x"."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def violations(pages) -> list[dict]:
    """One row per failing element of every page, with how to reproduce it."""
    rows = []
    for page in pages:
        environment = (page.results or {}).get("testEnvironment", {})
        viewport = (f"{environment['windowWidth']}×{environment['windowHeight']}"
                    if "windowWidth" in environment else "")
        for rule in page.failures:
            for node in rule.get("nodes", []):
                target = selector(node)
                rows.append({
                    "id": f"{rule['id']}|{page_of(page.url)}|{target}",
                    "rule": rule["id"], "help": rule.get("help", ""),
                    "impact": rule.get("impact"), "criteria": criteria(rule.get("tags", [])),
                    "page": page_of(page.url), "url": page.url, "selector": target,
                    "viewport": viewport})
    return rows


def grouped(rows: list[dict]) -> tuple[dict, dict]:
    """({rule: [rows]}, {criterion or "best-practice": [rows]}), each sorted."""
    by_rule: dict[str, list[dict]] = {}
    by_criterion: dict[str, list[dict]] = {}
    for row in rows:
        by_rule.setdefault(row["rule"], []).append(row)
        for criterion in row["criteria"] or ["best-practice"]:
            by_criterion.setdefault(criterion, []).append(row)

    def order(name: str) -> tuple:
        return tuple(int(n) for n in name.split(".")) if name[0].isdigit() else (99,)

    return (dict(sorted(by_rule.items())),
            {name: by_criterion[name] for name in sorted(by_criterion, key=order)})


def load(path: Path) -> set[str]:
    """The violation identities of a baseline report.json."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return {row["id"] for row in data["violations"]}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BadBaseline(f"cannot use {path} as a baseline: {error} (give a report.json "
                          "written by jobboard a11y, or --update-baseline to create it)"
                          ) from None


def compare(rows: list[dict], known: set[str]) -> dict:
    """{"new": [ids], "fixed": [ids], "known": [ids]} against a baseline's identities."""
    current = {row["id"] for row in rows}
    return {"new": sorted(current - known), "fixed": sorted(known - current),
            "known": sorted(current & known)}
