"""tests/a11y/probes.py catches what it is meant to catch: each probe fails the fixture site's
unusable page and passes its good page."""

from __future__ import annotations

from selenium.webdriver.common.keys import Keys

from jobboard.a11y.probes import (
    BORDERS,
    CLIPPED,
    HORIZONTAL_SCROLL,
    MOVING,
    SMALL_TARGETS,
    TEXT_SPACING,
    emulate,
    focused,
    press_tab,
    tab_through,
)


def test_good_page_passes_every_probe(page, fixture_site):
    page.get(f"{fixture_site}/good")
    stops = tab_through(page)
    assert [s["stop"] for s in stops] == [None] and stops[0]["outline"]
    emulate(page, width=320, prefers_reduced_motion="reduce")
    assert page.execute_script(HORIZONTAL_SCROLL) <= 0
    page.execute_script(TEXT_SPACING)
    page.execute_script("document.documentElement.style.fontSize = '200%'")
    assert page.execute_script(CLIPPED) == []
    assert page.execute_script(MOVING) == []


def test_missing_and_hidden_focus_are_caught(page, fixture_site):
    page.get(f"{fixture_site}/unusable")
    stops = tab_through(page)
    assert stops[-1]["stop"] is None
    assert not any(s["outline"] or s["shadow"] for s in stops)
    assert any(s["covered"] for s in stops), "the fixed bar covers the last links"


def test_a_link_over_several_lines_is_not_taken_for_covered(page, fixture_site):
    page.get(f"{fixture_site}/wrapped")
    stops = tab_through(page)
    [link] = [s for s in stops if s["name"].startswith("The first line")]
    assert link["inView"] and link["outline"] and not link["covered"]


def test_keyboard_trap_is_caught(page, fixture_site):
    page.get(f"{fixture_site}/trap")
    stops = tab_through(page, limit=10)
    assert [s["stop"] for s in stops] == [None, None, 1]


def test_dead_skip_link_is_caught(page, fixture_site):
    page.get(f"{fixture_site}/unusable")
    press_tab(page)
    page.switch_to.active_element.send_keys(Keys.ENTER)
    assert focused(page)["name"] == "Skip to main content", "focus did not move to main"


def test_no_reflow_is_caught(page, fixture_site):
    page.get(f"{fixture_site}/unusable")
    emulate(page, width=320)
    assert page.execute_script(HORIZONTAL_SCROLL) > 200


def test_clipping_under_larger_text_and_spacing_is_caught(page, fixture_site):
    page.get(f"{fixture_site}/unusable")
    assert page.execute_script(CLIPPED) == []
    page.execute_script(TEXT_SPACING)
    assert page.execute_script(CLIPPED) == ["p.box: Clipped"]
    page.get(f"{fixture_site}/unusable")
    page.execute_script("document.documentElement.style.fontSize = '200%'")
    assert page.execute_script(CLIPPED) == []  # px sizes ignore the root size...
    page.execute_script("document.querySelector('.box').style.fontSize = '2em'")
    assert page.execute_script(CLIPPED) == ["p.box: Clipped"]  # ...em sizes do not


def test_small_targets_are_caught(page, fixture_site):
    page.get(f"{fixture_site}/unusable")
    small = page.execute_script(SMALL_TARGETS)
    # The borderless button is small but far enough from others (the spacing exception);
    # list links of one line of text are not.
    assert [item.split('"')[1] for item in small] == ["a", "b", "c"] + [
        f"Link {n}" for n in range(12)]


def test_motion_without_reduced_motion_is_caught(page, fixture_site):
    emulate(page, prefers_reduced_motion="reduce")
    page.get(f"{fixture_site}/unusable")
    assert page.execute_script(MOVING) == ["p.moving"]


def test_forced_colours_losses_are_caught(page, fixture_site):
    page.get(f"{fixture_site}/unusable")
    emulate(page, forced_colors="active")
    assert page.execute_script(BORDERS) == ['<button type="button">Borderless</button>']
