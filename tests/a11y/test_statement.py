"""axe on the accessibility statement, the barrier-feedback form in each state, the HR/QA
feedback pages and a posting's accommodation block, in English and in French."""

from __future__ import annotations

from pathlib import Path

import pytest
from audits import report, rule, write_report
from selenium.webdriver.support.ui import WebDriverWait

from jobboard.a11y.published import AUDIT_FILE, publish
from jobboard.feedback import store

from .axe_check import assert_no_axe_failures, open_page
from .hr_session import sign_in

LANGS = ["en", "fr"]
STATEMENT = {"en": "/en/accessibility", "fr": "/fr/accessibilite"}
FEEDBACK = {"en": "/en/hr/feedback", "fr": "/fr/rh/retroaction"}
AUDIT = {"en": "/en/hr/audit", "fr": "/fr/rh/audit"}
POSTING = {"en": "/en/jobs/cloud-engineer", "fr": "/fr/emplois/ingenieur-e-infonuagique"}


@pytest.fixture
def audit(board, tmp_path):
    """A published audit with failures, removed after the test."""
    data = report([("http://127.0.0.1/en/jobs", [rule("color-contrast", 2)]),
                   ("http://127.0.0.1/fr/emplois", [rule("color-contrast", 1), rule("label", 1)]),
                   ("http://127.0.0.1/en/accessibility", [])])
    target = publish(write_report(tmp_path, data), Path(board["INSTANCE_DIR"]))
    yield
    target.unlink()


@pytest.fixture
def no_audit(board):
    assert not (Path(board["INSTANCE_DIR"]) / AUDIT_FILE).exists()


@pytest.fixture
def item(hr_db):
    """One feedback item in the HR database."""
    with hr_db.session() as session:
        submission = store.Submission(page="/fr/emplois", what_happened="Le filtre est illisible.",
                                      reply_by="email", email="lea@example.ca",
                                      assistive_technology="NVDA")
        return store.submit(session, submission, "fr", "a11y-suite").id


@pytest.mark.parametrize("lang", LANGS)
def test_statement_without_an_audit(page, live_server, no_audit, lang):
    open_page(page, live_server + STATEMENT[lang], 200, lang)
    assert not page.find_elements("css selector", ".audit-table")
    assert_no_axe_failures(page)


@pytest.mark.parametrize("lang", LANGS)
def test_statement_with_an_audit(page, live_server, audit, lang):
    open_page(page, live_server + STATEMENT[lang], 200, lang)
    assert len(page.find_elements("css selector", ".audit-table tbody tr")) == 2
    assert_no_axe_failures(page)


def submit(driver, base: str, lang: str, **fields) -> None:
    """Fill the statement's form in the browser and send it."""
    open_page(driver, base + STATEMENT[lang] + "?page=/" + lang, 200, lang)
    for name, value in fields.items():
        if name == "reply_by":
            driver.find_element("css selector", f"#reply_by-{value}").click()
        else:
            driver.find_element("css selector", f"#{name}").send_keys(value)
    driver.find_element("css selector", "form[method=post] button[type=submit]").click()


@pytest.mark.parametrize("lang", LANGS)
def test_feedback_form_with_errors(page, live_server, hr_db, lang):
    submit(page, live_server, lang, reply_by="email", email="not an address")
    WebDriverWait(page, 5).until(lambda d: d.find_elements("css selector", ".error-summary"))
    links = page.execute_script("return Array.from(document.querySelectorAll("
                                "'.error-summary a'), a => a.getAttribute('href'));")
    assert links == ["#what_happened", "#email"]
    assert page.find_element("css selector", "#email").get_attribute("aria-invalid") == "true"
    assert_no_axe_failures(page)


@pytest.mark.parametrize("lang", LANGS)
def test_feedback_sent(page, live_server, hr_db, lang):
    submit(page, live_server, lang, what_happened="The map has no text alternative.",
           reply_by="anonymous")
    WebDriverWait(page, 5).until(lambda d: "/sent" in d.current_url or "/envoye" in d.current_url)
    assert page.find_element("css selector", "main .notice[role=status]")
    assert_no_axe_failures(page)


@pytest.mark.parametrize("lang", LANGS)
def test_posting_with_the_accommodation_block(page, live_server, lang):
    open_page(page, live_server + POSTING[lang], 200, lang)
    assert page.find_element("css selector", ".accommodation a[href^='mailto:']")
    assert page.find_element("css selector", ".accommodation a[href^='tel:']")
    assert_no_axe_failures(page)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("state", ["list", "filtered", "item", "item-error", "audit-page"])
def test_hr_feedback_pages(page, live_server, hr_db, item, audit, lang, state):
    sign_in(page, live_server, lang)
    path = {"list": FEEDBACK[lang], "filtered": FEEDBACK[lang] + "?status=received",
            "item": f"{FEEDBACK[lang]}/{item}", "item-error": f"{FEEDBACK[lang]}/{item}",
            "audit-page": AUDIT[lang]}[state]
    open_page(page, live_server + path, 200, lang)
    if state == "item-error":  # "Won't fix" without a reason
        page.find_element("css selector", "#status option[value=wont_fix]").click()
        page.find_element("css selector", f"form[action$='/{item}'] button[type=submit]").click()
        WebDriverWait(page, 5).until(lambda d: d.find_elements("css selector", ".error-summary"))
    if state.startswith("item"):
        assert page.find_element("css selector", "main a[href*='audit#page-2']")
    assert_no_axe_failures(page)
