"""Job alert pages in the browser, every state in both languages: the subscribe form (alone,
with errors, limit reached), confirmation sent, confirm, confirmed, unsubscribe, unsubscribed,
manage (and after stopping an alert), a link that does not work."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

from jobboard.alerts.subscriptions import PER_EMAIL_PER_HOUR, Tokens, subscribe

from .axe_check import assert_no_axe_failures, open_page

LANGS = ["en", "fr"]
BASE = {"en": "/en/alerts", "fr": "/fr/alertes"}
WORDS = {"en": {"confirm": "confirm", "unsubscribe": "unsubscribe", "manage": "manage",
                "subscribe": "subscribe", "sent": "sent"},
         "fr": {"confirm": "confirmer", "unsubscribe": "desabonnement", "manage": "gerer",
                "subscribe": "abonnement", "sent": "envoye"}}
SEARCH = {"en": "/en/jobs?q=developer", "fr": "/fr/emplois?q=développeur"}


def url(lang: str, step: str, token: str = "") -> str:
    return f"{BASE[lang]}/{WORDS[lang][step]}" + (f"/{token}" if token else "")


@pytest.fixture
def subscription(board, hr_db, request):
    """A subscription of its own for this test, and signed tokens for it."""
    with hr_db.session() as session:
        found = subscribe(session, f"{request.node.name[-12:]}@example.ca".replace("[", "x"),
                          "q=developer&classification=IT-03", "en", "daily",
                          f"198.51.100.{len(request.node.name)}")
        signed = Tokens(board["SECRET_KEY"])
        return {"confirm": signed.for_subscription("confirm", found),
                "unsubscribe": signed.for_subscription("unsubscribe", found),
                "manage": signed.make("manage", found.email), "id": found.id}


def click(driver, selector: str) -> None:
    """Submit by clicking, then wait until the next page has replaced this one and loaded.

    The old page is marked on its window object, which the next page does not share. Waiting
    for an old element to go stale instead raced with Chromium 156: asked about a node while
    its document was being replaced, chromedriver answers "Node with given id does not belong
    to the document" rather than "stale element", which failed the test on CI."""
    driver.execute_script("window.jobboardOldPage = true")
    driver.find_element("css selector", selector).click()

    def next_page_loaded(d) -> bool:
        try:
            return d.execute_script(
                "return !window.jobboardOldPage && document.readyState === 'complete'")
        except WebDriverException:
            return False  # between two documents
    WebDriverWait(driver, 10).until(next_page_loaded)


@pytest.mark.parametrize("lang", LANGS)
def test_form_alone_sent_and_invalid_link(page, live_server, lang):
    open_page(page, live_server + url(lang, "subscribe") + "?q=analyst", 200, lang)
    assert page.find_elements("css selector", "input[type=email]#alert-email")
    assert_no_axe_failures(page)
    open_page(page, live_server + url(lang, "sent"), 200, lang)
    assert_no_axe_failures(page)
    open_page(page, live_server + url(lang, "confirm", "not-a-token"), 404, lang)
    assert_no_axe_failures(page)


@pytest.mark.parametrize("lang", LANGS)
def test_subscribe_form_with_errors_then_limit_reached(page, live_server, lang):
    open_page(page, live_server + SEARCH[lang], 200, lang)
    page.find_element("css selector", "#alert-email").send_keys("not an address")
    click(page, ".alert-form button[type=submit]")
    assert page.find_elements("css selector", ".error-summary a[href='#alert-email']")
    assert page.find_element("css selector", "#alert-email").get_attribute(
        "aria-invalid") == "true"
    assert_no_axe_failures(page)
    for _ in range(PER_EMAIL_PER_HOUR + 1):
        open_page(page, live_server + SEARCH[lang], 200, lang)
        page.find_element("css selector", "#alert-email").send_keys(f"limit-{lang}@example.ca")
        click(page, ".alert-form button[type=submit]")
    assert page.execute_script(
        "return performance.getEntriesByType('navigation')[0].responseStatus") == 429
    assert page.find_elements("css selector", ".error-summary")
    assert_no_axe_failures(page)


@pytest.mark.parametrize("lang", LANGS)
def test_confirm_then_confirmed(page, live_server, subscription, lang):
    open_page(page, live_server + url(lang, "confirm", subscription["confirm"]), 200, lang)
    assert_no_axe_failures(page)
    click(page, "main form button[type=submit]")
    assert page.find_elements("css selector", "main a[href*='/manage/'], main a[href*='/gerer/']")
    assert_no_axe_failures(page)


@pytest.mark.parametrize("lang", LANGS)
def test_manage_then_unsubscribe(page, live_server, subscription, lang):
    open_page(page, live_server + url(lang, "confirm", subscription["confirm"]), 200, lang)
    click(page, "main form button[type=submit]")
    open_page(page, live_server + url(lang, "manage", subscription["manage"]), 200, lang)
    assert page.find_elements("css selector", ".alert-list__item")
    assert_no_axe_failures(page)
    open_page(page, live_server + url(lang, "unsubscribe", subscription["unsubscribe"]), 200,
              lang)
    assert_no_axe_failures(page)
    click(page, "main form button[type=submit]")
    assert not page.find_elements("css selector", "main form")
    assert_no_axe_failures(page)
    open_page(page, live_server + url(lang, "manage", subscription["manage"]) + "?done=1", 200,
              lang)
    assert page.find_elements("css selector", ".notice[role=status]")
    assert_no_axe_failures(page)
