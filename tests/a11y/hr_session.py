"""Sign in to the HR pages through the real form, as a person would."""

from __future__ import annotations

from selenium.webdriver.support.ui import WebDriverWait

EMAIL, PASSWORD = "qa@example.gc.ca", "a long test passphrase"
LOGIN = {"en": "/en/hr/login", "fr": "/fr/rh/connexion"}
HOME = {"en": "/en/hr/", "fr": "/fr/rh/"}


def sign_out(driver, base: str) -> None:
    """Forget the HR session cookie of the board's origin."""
    driver.get(base + LOGIN["en"])
    driver.delete_all_cookies()


def sign_in(driver, base: str, lang: str) -> None:
    """Sign in through the form, unless the browser's session is still signed in."""
    driver.get(base + LOGIN[lang])
    if driver.current_url.endswith(HOME[lang]):
        return
    driver.find_element("css selector", "#email").send_keys(EMAIL)
    driver.find_element("css selector", "#password").send_keys(PASSWORD)
    driver.find_element("css selector", "form button[type=submit]").click()
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith(HOME[lang]))


def prepare(request, path: str) -> None:
    """Sign out before the login form, sign in before other HR pages; public pages: nothing."""
    if path in LOGIN.values():
        request.getfixturevalue("signed_out")
    elif path.startswith(("/en/hr/", "/fr/rh/")):
        request.getfixturevalue("signed_in")
