"""What `jobboard a11y --probes` checks beyond axe on each page, as axe-shaped failures so
that reports, baselines and JUnit treat them like any rule: keyboard (no trap, visible and
unobscured focus at every Tab stop), reflow at 320 CSS px, and WCAG text spacing."""

from __future__ import annotations

from jobboard.a11y.browser import clear_emulation
from jobboard.a11y.probes import CLIPPED, HORIZONTAL_SCROLL, TEXT_SPACING, emulate, tab_through

# rule id -> (what it means, WCAG tags)
PROBES = {
    "probe-keyboard-trap": ("Tab reaches a control again before leaving the page",
                            ["wcag2a", "wcag212"]),
    "probe-focus-visible": ("A focused control shows no focus indicator, is off screen or is "
                            "covered", ["wcag2aa", "wcag247", "wcag2411"]),
    "probe-reflow": ("The page scrolls sideways at 320 CSS px", ["wcag21aa", "wcag1410"]),
    "probe-text-spacing": ("Text is cut off with WCAG text spacing",
                           ["wcag21aa", "wcag1412"]),
}


def _failure(rule: str, targets: list[str]) -> dict:
    help_text, tags = PROBES[rule]
    return {"id": rule, "impact": "serious", "help": help_text, "tags": tags,
            "helpUrl": "https://www.w3.org/TR/WCAG22/",
            "nodes": [{"target": [target], "html": "", "failureSummary": help_text}
                      for target in targets]}


def probe(driver) -> list[dict]:
    """Run the checks on the loaded page (it is changed: reload it to use it again)."""
    found = []
    stops = tab_through(driver)
    if stops and stops[-1]["stop"] is not None:
        found.append(_failure("probe-keyboard-trap", [f"{stops[-1]['tag']}: "
                                                      f"{stops[-1]['name']}"]))
    hidden = [f"{stop['tag']}: {stop['name']}" for stop in stops
              if not (stop["outline"] or stop["shadow"]) or not stop["inView"]
              or stop["covered"]]
    if hidden:
        found.append(_failure("probe-focus-visible", sorted(set(hidden))))
    try:
        emulate(driver, width=320, height=640)
        if driver.execute_script(HORIZONTAL_SCROLL) > 0:
            found.append(_failure("probe-reflow", ["html"]))
    finally:
        clear_emulation(driver)
    driver.execute_script(TEXT_SPACING)
    clipped = driver.execute_script(CLIPPED)
    if clipped:
        found.append(_failure("probe-text-spacing", [item.split(":")[0] for item in clipped]))
    return found
