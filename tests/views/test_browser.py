"""The search page's optional script (jobboard/static/search.js) and the CSP, in real Chromium."""

from __future__ import annotations

import threading

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import WSGIRequestHandler, make_server

from jobboard.a11y.browser import FLAGS, find_browser

pytestmark = pytest.mark.a11y


class _Quiet(WSGIRequestHandler):
    def log_request(self, code="-", size="-") -> None:
        """No access log in test output."""


@pytest.fixture(scope="module")
def server(app):
    httpd = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Chromium that keeps its console log, so CSP violations can be read back."""
    paths = find_browser()
    options = webdriver.ChromeOptions()
    options.binary_location = paths.chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(paths.chromedriver))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and "favicon" not in entry["message"]]


def wait(driver, condition, seconds: float = 10):
    return WebDriverWait(driver, seconds).until(lambda d: condition(d))


@pytest.mark.parametrize("path", ["/en/jobs?q=developer", "/fr/emplois/developpeur-euse-frontal-e",
                                  "/en/jobs/senior-python-developer", "/"])
def test_pages_break_no_content_security_rule(browser, server, path):
    browser.get(server + path)
    assert console_errors(browser) == []
    # The check can fail: an inline script is refused and reported.
    browser.execute_script("var s = document.createElement('script');"
                           "s.textContent = 'window.ran = 1'; document.body.appendChild(s);")
    assert any("Content Security Policy" in m for m in console_errors(browser))
    assert browser.execute_script("return window.ran") is None


def test_search_updates_results_without_reloading(browser, server):
    browser.get(server + "/en/jobs")
    browser.execute_script("window.sameDocument = true;")
    count = browser.find_element(By.ID, "result-count")
    before = count.text
    box = browser.find_element(By.ID, "q")
    box.send_keys("python", Keys.ENTER)
    wait(browser, lambda d: "q=python" in d.current_url)
    wait(browser, lambda d: d.find_element(By.ID, "result-count").text != before)
    assert browser.execute_script("return window.sameDocument") is True
    assert browser.execute_script("return document.activeElement.id") == "q"
    assert browser.find_element(By.ID, "result-count").get_attribute("role") == "status"
    assert "Senior Python Developer" in browser.find_element(By.ID, "results-body").text
    toggle = browser.find_element(By.CSS_SELECTOR, ".language-toggle a")
    assert toggle.get_attribute("href").endswith("/fr/emplois?q=python")
    assert "python" in browser.title


def test_applying_a_filter_keeps_focus_on_the_button(browser, server):
    browser.get(server + "/en/jobs")
    browser.execute_script("window.sameDocument = true;")
    # on a narrow window the filters are behind their summary: open it as a user would
    if not browser.find_element(By.ID, "f-tenure-term").is_displayed():
        browser.find_element(By.CSS_SELECTOR, ".filters__toggle > summary").click()
    browser.find_element(By.ID, "f-tenure-term").click()
    apply = browser.find_element(By.CSS_SELECTOR, "#filters button[type=submit]")
    apply.click()
    wait(browser, lambda d: "tenure=term" in d.current_url)
    assert browser.execute_script("return window.sameDocument") is True
    chips = browser.find_elements(By.CSS_SELECTOR, ".chip")
    assert [chip.get_attribute("textContent").strip() for chip in chips] == [
        "Remove filter: Term (specified period)×"]
    assert browser.execute_script("return document.activeElement.textContent") == "Apply filters"
    assert browser.find_element(By.ID, "f-tenure-term").is_selected()


def test_back_button_returns_to_the_previous_search(browser, server):
    browser.get(server + "/en/jobs?q=python")
    box = browser.find_element(By.ID, "q")
    box.clear()
    box.send_keys("designer", Keys.ENTER)
    wait(browser, lambda d: "q=designer" in d.current_url)
    browser.back()
    wait(browser, lambda d: d.find_element(By.ID, "q").get_attribute("value") == "python")


def test_skip_link_does_not_reload_the_page(browser, server):
    browser.get(server + "/en/jobs?q=python")
    browser.execute_script("window.sameDocument = true;")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait(browser, lambda d: d.execute_script("return document.activeElement.id") == "main")
    assert browser.execute_script("return window.sameDocument") is True
