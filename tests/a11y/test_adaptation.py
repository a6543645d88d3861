"""Pages adapt: reflow at 320 px, 200 % text, text spacing, forced colours, reduced motion,
pointer targets of at least 24x24 px."""

from __future__ import annotations

import pytest

from .axe_check import open_page
from .hr_session import prepare
from .probes import (
    BORDERS,
    CLIPPED,
    HORIZONTAL_SCROLL,
    MOVING,
    OVERFLOWING,
    SMALL_TARGETS,
    TEXT_SPACING,
    emulate,
    tab_through,
)

# (id, path, status, lang): the densest page of each kind, in both languages.
PAGES = [
    ("splash", "/", 200, None),
    ("search-en", "/en/jobs?classification=IT-03&classification=IT-04", 200, "en"),
    ("search-fr", "/fr/emplois?q=analyste", 200, "fr"),
    ("zero-results-fr", "/fr/emplois?q=zzyzx", 200, "fr"),
    ("posting-raw-html-en", "/en/jobs/front-end-developer", 200, "en"),
    ("posting-archived-fr", "/fr/emplois/analyste-budgetaire", 200, "fr"),
    ("only-in-other-language-fr", "/fr/emplois/en/financial-analyst-cost-recovery", 200, "fr"),
    ("not-found-en", "/en/jobs/no-such-posting", 404, "en"),
    ("hr-login-fr", "/fr/rh/connexion", 200, "fr"),
    ("hr-dashboard-en", "/en/hr/", 200, "en"),
    ("hr-history-fr", "/fr/rh/historique", 200, "fr"),
    ("statement-fr", "/fr/accessibilite", 200, "fr"),
    ("posting-accommodation-en", "/en/jobs/cloud-engineer", 200, "en"),
    ("hr-feedback-en", "/en/hr/feedback", 200, "en"),
]
CASES = [pytest.param(*row[1:], id=row[0]) for row in PAGES]


def assert_fits(driver) -> None:
    """No horizontal scrolling and no element cutting its text off."""
    assert driver.execute_script(HORIZONTAL_SCROLL) <= 0, driver.execute_script(OVERFLOWING)
    assert driver.execute_script(CLIPPED) == []


@pytest.mark.parametrize("path, status, lang", CASES)
def test_reflows_at_320_css_pixels(request, page, live_server, path, status, lang):
    prepare(request, path)
    open_page(page, live_server + path, status, lang)
    emulate(page, width=320, height=640)
    assert page.execute_script("return window.innerWidth") == 320
    assert_fits(page)


@pytest.mark.parametrize("path, status, lang", CASES)
def test_text_at_200_percent_is_not_clipped(request, page, live_server, path, status, lang):
    prepare(request, path)
    open_page(page, live_server + path, status, lang)
    before = page.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
    page.execute_script("document.documentElement.style.fontSize = '200%'")
    after = page.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
    assert after == pytest.approx(2 * before), "text does not scale with the root font size"
    assert_fits(page)


@pytest.mark.parametrize("path, status, lang", CASES)
def test_text_spacing_loses_nothing(request, page, live_server, path, status, lang):
    prepare(request, path)
    open_page(page, live_server + path, status, lang)
    page.execute_script(TEXT_SPACING)
    assert_fits(page)
    emulate(page, width=320, height=640)
    assert_fits(page)


@pytest.mark.parametrize("path, status, lang", CASES)
def test_targets_are_at_least_24_pixels(request, page, live_server, path, status, lang):
    prepare(request, path)
    open_page(page, live_server + path, status, lang)
    assert page.execute_script(SMALL_TARGETS) == []
    emulate(page, width=320, height=640)
    assert page.execute_script(SMALL_TARGETS) == []


@pytest.mark.parametrize("path, status, lang", [
    ("/en/jobs?q=analyst", 200, "en"), ("/fr/emplois/ingenieur-e-infonuagique", 200, "fr"),
    ("/fr/rh/connexion", 200, "fr")])
def test_forced_colours_keep_focus_and_borders(request, page, live_server, path, status, lang):
    prepare(request, path)
    open_page(page, live_server + path, status, lang)
    emulate(page, forced_colors="active")
    assert page.execute_script("return matchMedia('(forced-colors: active)').matches")
    stops = tab_through(page)
    assert stops and stops[-1]["stop"] is None
    # Box shadows are dropped in forced colours: only a real outline shows focus there.
    assert [s["name"] for s in stops if not s["outline"]] == []
    assert page.execute_script(BORDERS) == []


@pytest.mark.parametrize("path, status, lang", CASES[:5])
def test_reduced_motion_stops_movement(page, live_server, path, status, lang):
    emulate(page, prefers_reduced_motion="reduce")
    open_page(page, live_server + path, status, lang)
    assert page.execute_script("return matchMedia('(prefers-reduced-motion: reduce)').matches")
    assert page.execute_script(MOVING) == []
    assert page.execute_script("return document.documentElement.style.scrollBehavior || "
                               "getComputedStyle(document.documentElement).scrollBehavior") \
        != "smooth"
