"""Keyboard: tab order, no trap, Shift+Tab reverses, visible and unobscured focus, skip link."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from .axe_check import open_page
from .hr_session import prepare
from .probes import TABBABLE, focused, press_tab, shift_tab_from, tab_through

# The search page's landmarks of the tab path, in the order a keyboard user must meet them.
ORDER = {
    "skip link": ".skip-link",
    "language toggle": ".language-toggle a[lang][hreflang]",
    "search box": "input#q",
    "facet": ".facet input[type=checkbox]",
    "result": ".result-list a",
    "pagination": ".pagination a",
}
SEARCH = {"en": "/en/jobs", "fr": "/fr/emplois"}
# Pages whose whole tab path is walked: every stop must show focus and be unobscured.
WALKED = [
    ("splash", "/", 200, None),
    ("search-fr", "/fr/emplois?q=analyste&classification=IT-03", 200, "fr"),
    ("zero-results-en", "/en/jobs?q=zzyzx", 200, "en"),
    ("posting-raw-html-en", "/en/jobs/front-end-developer", 200, "en"),
    ("posting-archived-fr", "/fr/emplois/analyste-budgetaire", 200, "fr"),
    ("not-found-fr", "/fr/emplois/aucun", 404, "fr"),
    ("hr-login-en", "/en/hr/login", 200, "en"),
    ("hr-dashboard-fr", "/fr/rh/", 200, "fr"),
    ("statement-en", "/en/accessibility", 200, "en"),
]


def describe_stop(stop: dict) -> str:
    return f"<{stop['tag']}> {stop['name']!r}"


def focus_problems(stops: list[dict]) -> list[str]:
    """Stops whose focus cannot be seen: no indicator, off screen, or under another element."""
    problems = []
    for stop in stops:
        why = [text for text, bad in (
            ("no visible focus indicator", not (stop["outline"] or stop["shadow"])),
            ("outside the viewport", not stop["inView"]),
            ("covered by another element", stop["covered"])) if bad]
        if why:
            problems.append(f"{describe_stop(stop)}: {', '.join(why)}")
    return problems


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_tab_order_follows_the_page_with_visible_focus(page, live_server, lang):
    open_page(page, live_server + SEARCH[lang], 200, lang)
    stops = tab_through(page, ORDER)
    assert stops[-1]["stop"] is None, f"focus came back to {describe_stop(stops[-1])}: a trap"
    assert len(stops) == page.execute_script(TABBABLE), "some controls are never reached"
    assert "skip link" in stops[0]["matches"]
    first = {}
    for number, stop in enumerate(stops):
        for name in stop["matches"]:
            first.setdefault(name, number)
    assert list(first) == list(ORDER), f"order met: {list(first)}"
    assert focus_problems(stops) == []


@pytest.mark.parametrize("path, status, lang", [pytest.param(*r[1:], id=r[0]) for r in WALKED])
def test_every_focus_stop_is_visible_and_unobscured(request, page, live_server, path, status,
                                                     lang):
    prepare(request, path)
    open_page(page, live_server + path, status, lang)
    stops = tab_through(page)
    assert stops and stops[-1]["stop"] is None, "keyboard trap"
    assert focus_problems(stops) == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_shift_tab_walks_back_in_reverse(page, live_server, lang):
    open_page(page, live_server + SEARCH[lang] + "?q=analyst", 200, lang)
    forward = tab_through(page)
    assert forward[-1]["stop"] is None
    backward = shift_tab_from(page, len(forward) - 1)
    assert [s["stop"] for s in backward] == list(reversed(range(len(forward))))


@pytest.mark.parametrize("path, status, lang", [
    ("/en/jobs", 200, "en"),
    ("/fr/emplois/ingenieur-e-infonuagique", 200, "fr"),
    ("/fr/emplois/cloud-engineer", 404, "fr"),
])
def test_skip_link_moves_focus_to_main(page, live_server, path, status, lang):
    open_page(page, live_server + path, status, lang)
    press_tab(page)
    stop = focused(page, {"skip": ".skip-link[href='#main']"})
    assert stop["matches"] == ["skip"] and stop["inView"] and not stop["covered"]
    assert stop["outline"] or stop["shadow"]
    page.switch_to.active_element.send_keys(Keys.ENTER)
    assert page.execute_script("return [document.activeElement.id, location.hash];") == [
        "main", "#main"]
    press_tab(page)
    inside = focused(page, {"in main": "main *"})
    assert inside["matches"] == ["in main"], "the next Tab must continue inside main"
