"""HR pages in the browser, signed in through the real form: axe on every page and state in
both languages, and the login form's error handling."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from jobboard.hr import history
from jobboard.hr.db import LoginAttempt, ReindexRun
from jobboard.search.indexer import reindex

from .axe_check import assert_no_axe_failures, open_page
from .hr_session import EMAIL, HOME, LOGIN, sign_in, sign_out

RUN = {"en": "/en/hr/runs/{}", "fr": "/fr/rh/executions/{}"}
HISTORY = {"en": "/en/hr/history", "fr": "/fr/rh/historique"}
PREVIEW = {"en": "/en/hr/preview/en/front-end-developer.md",
           "fr": "/fr/rh/apercu/fr/developpeur-euse-frontal-e.md"}
LANGS = ["en", "fr"]


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def runs(hr_db, tmp_path_factory):
    """Finished runs in the history: one with invalid files (a real report), one failed."""
    content = tmp_path_factory.mktemp("hr-content")
    posting = "---\ntitle: {}\ntranslationKey: k\nclassification: [IT-02]\n---\nText.\n"
    write(content / "en" / "analyst.md", posting.format("Analyst"))
    write(content / "fr" / "analyste.md", posting.format("Analyste"))
    write(content / "en" / "only-english.md", posting.format("Only English").replace(
        "translationKey: k\n", ""))
    write(content / "fr" / "chef.md", "---\ntitle: 'Chef d'équipe'\n---\nTexte.\n")
    report = reindex(content, tmp_path_factory.mktemp("hr-index"), full=True)
    assert report.outcome == "problems" and report.errors
    with hr_db.session() as session:
        with_problems = history.finish_run(session, history.start_run(session, EMAIL, "web"),
                                           report)
        failed = history.fail_run(session, history.start_run(session, None, "webhook"),
                                  "PermissionError: [Errno 13] Permission denied: 'content/en'")
        return {"problems": with_problems.id, "failed": failed.id}


@pytest.fixture
def running(hr_db):
    """A run in progress, as its process records it (this process stands in for it)."""
    with hr_db.session() as session:
        run = history.start_run(session, EMAIL, "web")
        run.pid, run.progress_done, run.progress_total = os.getpid(), 12, 48
        run_id = run.id
    yield run_id
    with hr_db.session() as session:
        history.fail_run(session, session.get(ReindexRun, run_id), "stopped by the test")


def submit_login(driver, base: str, lang: str, email: str = "", password: str = "") -> None:
    sign_out(driver, base)
    open_page(driver, base + LOGIN[lang], 200, lang)
    driver.find_element("css selector", "#email").send_keys(email)
    driver.find_element("css selector", "#password").send_keys(password)
    driver.find_element("css selector", "form button[type=submit]").click()
    WebDriverWait(driver, 5).until(lambda d: d.find_elements("css selector", ".error-summary"))


@pytest.mark.parametrize("lang", LANGS)
def test_login_page(page, live_server, hr_db, lang):
    sign_out(page, live_server)
    open_page(page, live_server + LOGIN[lang], 200, lang)
    assert_no_axe_failures(page)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("email, password, status, fields", [
    ("", "", 400, ["email", "password"]),
    (EMAIL, "not the password", 401, ["email"]),
], ids=["missing-fields", "wrong-password"])
def test_login_errors_are_summarised_and_focused(page, live_server, hr_db, lang, email, password,
                                                 status, fields):
    submit_login(page, live_server, lang, email, password)
    assert page.execute_script(
        "return performance.getEntriesByType('navigation')[0].responseStatus") == status
    assert page.switch_to.active_element == page.find_element("css selector", ".error-summary")
    links = page.execute_script("return Array.from(document.querySelectorAll("
                                "'.error-summary a'), a => a.getAttribute('href'));")
    assert links == [f"#{name}" for name in fields]
    for name in fields:
        field = page.find_element("css selector", f"#{name}")
        assert field.get_attribute("aria-invalid") == "true"
        assert f"{name}-error" in field.get_attribute("aria-describedby").split()
    assert page.find_element("css selector", "#email").get_attribute("autocomplete") == "username"
    assert page.find_element("css selector", "#password").get_attribute(
        "autocomplete") == "current-password"
    assert_no_axe_failures(page)
    page.find_element("css selector", ".error-summary a").click()
    assert page.switch_to.active_element == page.find_element("css selector", f"#{fields[0]}")


def test_login_errors_speak_the_page_language(page, live_server, hr_db):
    texts = {}
    for lang in LANGS:
        submit_login(page, live_server, lang)
        texts[lang] = page.find_element("css selector", ".error-summary").text
    assert texts["en"] != texts["fr"]


@pytest.mark.parametrize("lang", LANGS)
def test_signed_out_notice(page, live_server, hr_db, lang):
    sign_in(page, live_server, lang)
    page.find_element("css selector", ".hr-nav form button").click()
    WebDriverWait(page, 5).until(lambda d: d.current_url.endswith(LOGIN[lang]))
    assert page.find_elements("css selector", "main .notice")
    assert_no_axe_failures(page)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("state", ["dashboard", "report", "failed", "history", "preview"])
def test_hr_page(page, live_server, runs, lang, state):
    sign_in(page, live_server, lang)
    path = {"dashboard": HOME[lang], "history": HISTORY[lang], "preview": PREVIEW[lang],
            "report": RUN[lang].format(runs["problems"]),
            "failed": RUN[lang].format(runs["failed"])}[state]
    open_page(page, live_server + path, 200, lang)
    if state == "report":
        assert "chef.md" in page.find_element("css selector", "main").text
    assert_no_axe_failures(page)


@pytest.mark.parametrize("lang", LANGS)
def test_dashboard_tells_of_failed_sign_in_attempts(page, live_server, hr_db, lang):
    with hr_db.session() as session:
        for _ in range(3):  # a stranger's guesses, below any throttle for the owner
            session.add(LoginAttempt(email=EMAIL, address="203.0.113.9", succeeded=False))
    sign_in(page, live_server, lang)
    open_page(page, live_server + HOME[lang], 200, lang)
    assert page.find_elements("css selector", "main .notice--attempts")
    assert_no_axe_failures(page)


@pytest.mark.parametrize("lang", LANGS)
def test_reindex_running(page, live_server, runs, running, lang):
    sign_in(page, live_server, lang)
    open_page(page, live_server + HOME[lang], 200, lang)
    assert page.find_elements("css selector", f"main .notice a[href$='/{running}']")
    assert_no_axe_failures(page)
    open_page(page, live_server + RUN[lang].format(running), 200, lang)
    assert page.find_element("css selector", "#run-bar").get_attribute("value") == "12"
    assert page.find_element("css selector", "#run-progress").get_attribute("role") == "status"
    assert_no_axe_failures(page)
    # "Reindex now" while one runs: the answer says so and links to it.
    open_page(page, live_server + HOME[lang], 200, lang)
    page.find_element("css selector", "#reindex-heading ~ form button").click()
    WebDriverWait(page, 5).until(
        lambda d: d.find_elements("css selector", f"main a[href$='/{running}']"))
    assert_no_axe_failures(page)


@pytest.mark.parametrize("lang", LANGS)
def test_reindex_from_the_dashboard_to_its_report(page, live_server, runs, lang):
    """The real thing: a background reindex process, its progress page, then its report."""
    sign_in(page, live_server, lang)
    open_page(page, live_server + HOME[lang], 200, lang)
    page.find_element("css selector", "#reindex-heading ~ form button").click()
    WebDriverWait(page, 5).until(lambda d: "/runs/" in d.current_url
                                 or "/executions/" in d.current_url)
    assert_no_axe_failures(page)  # running, or already finished on a fast machine
    WebDriverWait(page, 30, poll_frequency=0.5).until(
        lambda d: d.refresh() or d.find_elements("css selector", "#report-heading"))
    assert_no_axe_failures(page)
