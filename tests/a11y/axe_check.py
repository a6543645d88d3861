"""Open a page in the session's browser and fail with a readable report on any axe failure."""

from __future__ import annotations

from jobboard.a11y.axe import AXE_CORE_VERSION, describe, failures, scan

STATUS = "return (performance.getEntriesByType('navigation')[0] || {}).responseStatus || null;"


def assert_no_axe_failures(driver) -> dict:
    """Scan the loaded page (frames included); assert axe ran and nothing failed."""
    results = scan(driver)
    assert results["testEngine"]["version"] == AXE_CORE_VERSION
    assert results["passes"] or results["inapplicable"], "no axe rule ran"
    assert not failures(results), describe(results, driver.current_url)
    return results


def open_page(driver, url: str, status: int = 200, lang: str | None = None) -> None:
    """Load url and check it is the page we meant: HTTP status and <html lang>."""
    driver.get(url)
    assert driver.execute_script(STATUS) == status, f"{url}: unexpected HTTP status"
    if lang:
        assert driver.find_element("css selector", "html").get_attribute("lang") == lang
