"""Write a crawl's results as report.json, report.html (accessible itself) and junit.xml."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

from babel.support import Translations
from jinja2 import Environment, FileSystemLoader, select_autoescape

from jobboard.a11y import baseline
from jobboard.a11y.axe import describe, selector
from jobboard.a11y.crawl import Found, PageResult
from jobboard.config import ROOT

REPORT_LANGS = {"en": "en_CA", "fr": "fr_CA"}


def _templates(lang: str) -> Environment:
    """The report's templates, translated with the board's catalogue (`--report-lang fr`)."""
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                      autoescape=select_autoescape(["html"]), extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(  # type: ignore[attr-defined]
        Translations.load(ROOT / "translations", [REPORT_LANGS[lang]]), newstyle=True)
    return env


@dataclass
class Run:
    """One `jobboard a11y` run: what was asked and what each page gave."""

    start_url: str
    tags: tuple[str, ...]
    started_at: str
    duration_s: float = 0.0
    pages: list[PageResult] = field(default_factory=list)
    found: Found = field(default_factory=Found)
    known: set[str] | None = None  # violation identities of the baseline, if one was given
    viewport: str = ""

    @property
    def violations(self) -> list[dict]:
        return baseline.violations(self.pages)

    @property
    def new(self) -> list[str]:
        """Identities of violations not in the baseline (all of them without a baseline)."""
        rows = self.violations
        if self.known is None:
            return [row["id"] for row in rows]
        return baseline.compare(rows, self.known)["new"]

    @property
    def engine(self) -> str:
        for page in self.pages:
            if page.results and "testEngine" in page.results:
                engine = page.results["testEngine"]
                return f"{engine['name']} {engine['version']}"
        return "axe-core"

    @property
    def failed(self) -> list[PageResult]:
        return [page for page in self.pages if not page.ok]

    @property
    def failure_count(self) -> int:
        return sum(len(page.failures) for page in self.pages)


def _rule(rule: dict) -> dict:
    return {"id": rule["id"], "impact": rule.get("impact"), "help": rule.get("help", ""),
            "help_url": rule.get("helpUrl", ""), "tags": rule.get("tags", []),
            "nodes": [{"selector": selector(node), "html": node.get("html", ""),
                       "summary": (node.get("failureSummary") or "").strip()}
                      for node in rule.get("nodes", [])]}


def to_dict(run: Run) -> dict:
    """The JSON report: run summary, violations (by rule, by WCAG success criterion, against
    the baseline), then every page with its failing rules."""
    rows = run.violations
    by_rule, by_criterion = baseline.grouped(rows)
    return {
        "start_url": run.start_url, "engine": run.engine, "tags": list(run.tags),
        "started_at": run.started_at, "duration_s": round(run.duration_s, 2),
        "pages_in_sitemap": run.found.sitemap, "pages_found": run.found.pages,
        "pages_scanned": len(run.pages), "pages_failed": len(run.failed),
        "failures": run.failure_count, "viewport": run.viewport,
        "violations": rows, "by_rule": by_rule, "by_criterion": by_criterion,
        "baseline": None if run.known is None else baseline.compare(rows, run.known),
        "pages": [{
            "anchor": f"page-{number}", "url": page.url, "title": page.title,
            "lang": page.lang, "status": page.status,
            "seconds": round(page.seconds, 3), "ok": page.ok, "error": page.error,
            "failures": [_rule(rule) for rule in page.failures],
            "incomplete": sorted({r["id"] for r in (page.results or {}).get("incomplete", [])}),
            "rules_passed": len((page.results or {}).get("passes", [])),
        } for number, page in enumerate(run.pages, 1)],
    }


def _junit(run: Run) -> ElementTree.ElementTree:
    suite = ElementTree.Element("testsuite", {
        "name": "jobboard a11y", "tests": str(len(run.pages)),
        "failures": str(sum(1 for p in run.pages if p.failures and not p.error)),
        "errors": str(sum(1 for p in run.pages if p.error)),
        "skipped": "0", "time": f"{run.duration_s:.3f}", "timestamp": run.started_at})
    for page in run.pages:
        case = ElementTree.SubElement(suite, "testcase", {
            "classname": "a11y", "name": page.url, "time": f"{page.seconds:.3f}"})
        if page.error:
            ElementTree.SubElement(case, "error", {"message": page.error}).text = page.error
        elif page.failures:
            rules = ", ".join(sorted({rule["id"] for rule in page.failures}))
            failure = ElementTree.SubElement(case, "failure", {
                "message": f"{len(page.failures)} rule(s) failed: {rules}", "type": "axe"})
            failure.text = describe(page.results, page.url)
    root = ElementTree.Element("testsuites")
    root.append(suite)
    ElementTree.indent(root)
    return ElementTree.ElementTree(root)


def write_reports(run: Run, directory: Path, lang: str = "en") -> list[Path]:
    """Write the three reports into directory (created), report.html in lang; returns their
    paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    data = to_dict(run)
    paths = [directory / "report.json", directory / "report.html", directory / "junit.xml"]
    paths[0].write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf8")
    paths[1].write_text(_templates(lang).get_template("report.html").render(
        report=data, lang=lang), encoding="utf8")
    _junit(run).write(paths[2], encoding="utf-8", xml_declaration=True)
    return paths
