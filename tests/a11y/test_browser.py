"""jobboard/a11y/browser.py: finding and starting Chromium, and saying why it cannot."""

from __future__ import annotations

import pytest

from jobboard.a11y.browser import FLAGS, BrowserMissing, BrowserPaths, find_browser, start_chromium


def test_found_on_path():
    paths = find_browser()
    assert paths.chromium.endswith("chromium") and paths.chromedriver.endswith("chromedriver")


def test_nothing_on_path(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(BrowserMissing, match="Chromium not found on PATH.*apt-get install"):
        find_browser()


def test_explicit_path_must_exist(tmp_path):
    with pytest.raises(BrowserMissing, match="chromedriver not found at"):
        find_browser(chromedriver=str(tmp_path / "chromedriver"))


def test_a_browser_that_does_not_start_is_reported(tmp_path):
    paths = BrowserPaths("/bin/false", find_browser().chromedriver)
    with pytest.raises(BrowserMissing, match=r"Chromium did not start \(/bin/false"):
        start_chromium(tmp_path, paths)


def test_flags_keep_the_browser_offline_and_headless():
    for flag in ("--headless=new", "--no-sandbox", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"):
        assert flag in FLAGS


def test_session_browser_uses_a_fresh_profile(driver, tmp_path_factory):
    arguments = driver.capabilities["goog:chromeOptions"]
    assert driver.capabilities["browserName"] in ("chrome", "chromium")
    assert "debuggerAddress" in arguments
    user_data = driver.capabilities["chrome"]["userDataDir"]
    assert str(tmp_path_factory.getbasetemp()) in user_data
