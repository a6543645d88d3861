"""Run axe-core strictly: real JSON options, rejected runs raise, unknown tags raise.

axe-selenium-python's own `Axe.run()` pastes Python reprs into JavaScript (so `True` breaks
it) and swallows a rejected promise (so a bad option waits out the script timeout); its
`inject()` skips iframes. `StrictAxe` keeps the package's bundled axe-core and fixes all three.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from axe_selenium_python.axe import _DEFAULT_SCRIPT, Axe
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By

from jobboard.a11y import TAGS

__all__ = ["AXE_CORE_VERSION", "TAGS", "AxeError", "StrictAxe", "describe", "failures", "scan"]
# axe-core bundled with axe-selenium-python 3.0.0; tests check the engine reports this version,
# so an upgrade (which can add violations) is a deliberate change.
AXE_CORE_VERSION = "4.10.2"
BUNDLED_SCRIPT = Path(_DEFAULT_SCRIPT)
# axe reports a frame it could not enter as an "incomplete" frame-tested result: that frame
# was not checked at all, so it counts as a failure, not as "needs review".
UNTESTED_FRAME = "frame-tested"


class AxeError(RuntimeError):
    """axe-core could not run, or ran no rule at all."""


@cache
def _source(script: Path) -> str:
    return Path(script).read_text(encoding="utf8")


class StrictAxe(Axe):
    """axe-selenium-python's Axe with options passed as WebDriver arguments and errors raised."""

    _RUN = ("var done = arguments[arguments.length - 1];"
            "axe.run(arguments[0] || document, arguments[1] || {})"
            ".then(function (r) { done(r); },"
            "      function (e) { done({__axe_error__: String(e && e.stack || e)}); });")
    # Frames may come from another origin (an embedded video on some deployment).
    _CONFIGURE = "axe.configure({allowedOrigins: ['<unsafe_all_origins>']});"

    def __init__(self, selenium, script_url: str | Path = BUNDLED_SCRIPT):
        super().__init__(selenium, script_url=str(script_url))

    def inject(self) -> None:
        """Load axe-core into the document and, recursively, into each of its iframes."""
        self._inject_here(depth=0)

    def _inject_here(self, depth: int) -> None:
        self.selenium.execute_script(_source(Path(self.script_url)) + self._CONFIGURE)
        if depth >= 5:
            return
        for frame in self.selenium.find_elements(By.CSS_SELECTOR, "iframe, frame"):
            try:
                self.selenium.switch_to.frame(frame)
            except WebDriverException:
                continue  # detached or sandboxed; axe reports it as frame-tested
            try:
                self._inject_here(depth + 1)
            finally:
                self.selenium.switch_to.parent_frame()

    def unknown_tags(self, tags) -> list[str]:
        """Tags that select no rule at all (a typo runs nothing rather than failing)."""
        return self.selenium.execute_script(
            "return arguments[0].filter(function (t) { return axe.getRules([t]).length === 0; });",
            list(tags))

    def run(self, context=None, options=None) -> dict:
        """axe.run(context, options) -> results; AxeError when axe rejects the call."""
        results = self.selenium.execute_async_script(self._RUN, context, options)
        if not isinstance(results, dict):
            raise AxeError(f"axe.run returned {results!r}")
        if "__axe_error__" in results:
            raise AxeError(f"axe.run failed: {results['__axe_error__']}")
        return results


def scan(driver, tags=TAGS, script: str | Path = BUNDLED_SCRIPT) -> dict:
    """axe results for the page loaded in driver, frames included; AxeError if nothing ran."""
    axe = StrictAxe(driver, script_url=script)
    axe.inject()
    unknown = axe.unknown_tags(tags)
    if unknown:
        raise AxeError(f"unknown axe tag(s): {', '.join(unknown)}")
    results = axe.run(options={"runOnly": {"type": "tag", "values": list(tags)},
                               "resultTypes": ["violations", "incomplete"]})
    if not results.get("passes") and not results.get("inapplicable"):
        raise AxeError(f"no axe rule ran for tags {', '.join(tags)}")
    return results


def failures(results: dict) -> list[dict]:
    """Rule results that fail a page: every violation and every frame axe could not test."""
    untested = [r for r in results.get("incomplete", []) if r["id"] == UNTESTED_FRAME]
    return list(results.get("violations", [])) + untested


def failed_rules(results: dict) -> list[str]:
    """Sorted ids of the failing rules: ["color-contrast", "image-alt"]."""
    return sorted({rule["id"] for rule in failures(results)})


def selector(node: dict) -> str:
    """A node's target as one string; frames are joined: ["iframe", "p"] -> "iframe >>> p"."""
    parts = []
    for part in node.get("target", []):
        parts.append(" ".join(part) if isinstance(part, list) else str(part))
    return " >>> ".join(parts)


def describe(results: dict, url: str | None = None) -> str:
    """Readable report of the failures: rule, impact, help URL, then each selector and why."""
    rules = failures(results)
    lines = [f"{len(rules)} accessibility rule(s) failed on {url or results.get('url', '?')}"]
    for rule in rules:
        lines.append(f"\n[{rule.get('impact') or 'n/a'}] {rule['id']}: {rule.get('help', '')}")
        lines.append(f"    {rule.get('helpUrl', '')}")
        for node in rule.get("nodes", []):
            lines.append(f"    - {selector(node)}")
            summary = (node.get("failureSummary") or "").strip()
            for line in summary.splitlines():
                lines.append(f"        {line.strip()}")
    return "\n".join(lines)
