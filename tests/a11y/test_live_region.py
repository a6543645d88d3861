"""The result count is a polite live region, and a search updates it in place."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from .axe_check import open_page

FOUND = {"en": "3 jobs found", "fr": "3 emplois trouvés"}
QUERY = {"en": "engineer", "fr": "ingénieur"}
SEARCH = {"en": "/en/jobs", "fr": "/fr/emplois"}


def ax_node(driver, selector: str) -> dict:
    """Chromium's accessibility-tree node of the element (what screen readers are given)."""
    document = driver.execute_cdp_cmd("DOM.getDocument", {"depth": 0})
    node = driver.execute_cdp_cmd("DOM.querySelector", {
        "nodeId": document["root"]["nodeId"], "selector": selector})
    tree = driver.execute_cdp_cmd("Accessibility.getPartialAXTree", {
        "nodeId": node["nodeId"], "fetchRelatives": False})
    found = tree["nodes"][0]
    return {"role": found["role"]["value"],
            **{p["name"]: p["value"].get("value") for p in found.get("properties", [])}}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_search_updates_the_live_result_count(page, live_server, lang):
    open_page(page, live_server + SEARCH[lang], 200, lang)
    node = ax_node(page, "#result-count")
    assert node["role"] == "status" and node["live"] == "polite"
    before = page.find_element("css selector", "#result-count").text
    page.execute_script("window.notReloaded = true;")
    box = page.find_element("css selector", "#q")
    box.send_keys(QUERY[lang], Keys.ENTER)
    WebDriverWait(page, 5).until(
        lambda d: d.find_element("css selector", "#result-count").text != before)
    assert page.find_element("css selector", "#result-count").text == FOUND[lang]
    # Updated in place (the region existed before the change), so it is announced.
    assert page.execute_script("return window.notReloaded === true;")
    assert page.switch_to.active_element == page.find_element("css selector", "#q")
    assert ax_node(page, "#result-count")["live"] == "polite"
