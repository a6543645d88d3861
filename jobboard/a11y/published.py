"""The latest audit QA published for this deployment, as the accessibility statement shows it.

`jobboard a11y URL --publish` calls `publish(report.json, instance_dir)`: it keeps a summary
(date, pages scanned, failures by rule, axe-core version, failing rules of each page) in
INSTANCE_DIR/a11y-audit.json. `latest(instance_dir)` reads it back, or None when nothing was
published: the statement then says there is no audit rather than claiming anything.
Flask-free and Selenium-free, so the web app can read what the command wrote.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

AUDIT_FILE = "a11y-audit.json"
FORMAT = 1


class BadAudit(ValueError):
    """A report or a published summary that cannot be read; the message names the file."""


@dataclass(frozen=True)
class RuleCount:
    """One axe rule that failed somewhere: on how many pages, on how many elements."""

    id: str
    help: str
    help_url: str
    impact: str | None
    pages: int
    elements: int


@dataclass(frozen=True)
class PageFindings:
    """One scanned page (its path, query included) and the rules that failed on it."""

    path: str
    url: str
    rules: tuple[str, ...]
    error: str | None = None


@dataclass(frozen=True)
class Audit:
    """A published audit: what was scanned, with what, and what failed."""

    started_at: dt.datetime
    published_at: dt.datetime
    start_url: str
    engine: str
    engine_version: str
    tags: tuple[str, ...]
    pages_scanned: int
    pages_failed: int
    rules: tuple[RuleCount, ...]
    pages: tuple[PageFindings, ...]

    @property
    def failures(self) -> int:
        """Failing (rule, element) pairs over every page."""
        return sum(rule.elements for rule in self.rules)

    def findings_for(self, path: str) -> list[PageFindings]:
        """The scanned pages whose path (query ignored) is path's: "/en/jobs?q=x" -> /en/jobs."""
        wanted = urlsplit(path).path or "/"
        return [page for page in self.pages if urlsplit(page.path).path == wanted]


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def summarise(report: dict, published_at: dt.datetime) -> dict:
    """report.json (jobboard.a11y.report.to_dict) -> the summary kept in the instance folder."""
    elements: Counter[str] = Counter()
    pages: Counter[str] = Counter()
    about: dict[str, dict] = {}
    for page in report["pages"]:
        for rule in page["failures"]:
            elements[rule["id"]] += len(rule["nodes"]) or 1
            pages[rule["id"]] += 1
            about.setdefault(rule["id"], rule)
    name, _, version = report["engine"].partition(" ")
    return {
        "format": FORMAT, "started_at": report["started_at"],
        "published_at": published_at.isoformat(timespec="seconds"),
        "start_url": report["start_url"], "engine": name, "engine_version": version,
        "tags": list(report["tags"]), "pages_scanned": report["pages_scanned"],
        "pages_failed": report["pages_failed"],
        "rules": [{"id": rule_id, "help": about[rule_id].get("help", ""),
                   "help_url": about[rule_id].get("help_url", ""),
                   "impact": about[rule_id].get("impact"), "pages": pages[rule_id],
                   "elements": elements[rule_id]}
                  for rule_id in sorted(pages, key=lambda r: (-pages[r], -elements[r], r))],
        "pages": [{"path": _path(page["url"]), "url": page["url"], "error": page.get("error"),
                   "rules": sorted({rule["id"] for rule in page["failures"]})}
                  for page in report["pages"]],
    }


def publish(report_json: Path, instance_dir: Path, now: dt.datetime | None = None) -> Path:
    """Summarise report_json into INSTANCE_DIR/a11y-audit.json (replaced atomically)."""
    report_json = Path(report_json)
    try:
        report = json.loads(report_json.read_text(encoding="utf-8"))
        summary = summarise(report, now or dt.datetime.now(dt.UTC))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise BadAudit(f"{report_json}: not a report of jobboard a11y ({error!r})") from error
    target = Path(instance_dir) / AUDIT_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".a11y-audit-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2, ensure_ascii=False)
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)  # the statement never reads half a file
    return target


def latest(instance_dir: Path) -> Audit | None:
    """The published audit, or None when none was; BadAudit when the file is damaged."""
    path = Path(instance_dir) / AUDIT_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise BadAudit(f"{path}: cannot be read ({error})") from error
    try:
        return Audit(
            started_at=dt.datetime.fromisoformat(data["started_at"]),
            published_at=dt.datetime.fromisoformat(data["published_at"]),
            start_url=data["start_url"], engine=data["engine"],
            engine_version=data["engine_version"], tags=tuple(data["tags"]),
            pages_scanned=int(data["pages_scanned"]), pages_failed=int(data["pages_failed"]),
            rules=tuple(RuleCount(r["id"], r["help"], r["help_url"], r["impact"],
                                  int(r["pages"]), int(r["elements"])) for r in data["rules"]),
            pages=tuple(PageFindings(p["path"], p["url"], tuple(p["rules"]), p.get("error"))
                        for p in data["pages"]))
    except (KeyError, TypeError, ValueError) as error:
        raise BadAudit(f"{path}: field {error} is missing or malformed; publish the audit "
                       "again with jobboard a11y URL --publish") from error
