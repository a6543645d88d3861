"""Language: <html lang> on every page, the toggle carries lang and hreflang and keeps state,
text in the other language is marked up as such."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from .axe_check import open_page
from .hr_session import prepare

# (path, lang, the other language's path the toggle must lead to)
TOGGLES = [
    ("/en/jobs?q=analyst&classification=IT-03&sort=newest&page=1",
     "en", "/fr/emplois?q=analyst&classification=IT-03&sort=newest"),
    ("/fr/emplois?page=2", "fr", "/en/jobs?page=2"),
    ("/en/jobs/cloud-engineer", "en", "/fr/emplois/ingenieur-e-infonuagique"),
    ("/fr/emplois/analyste-budgetaire", "fr", "/en/jobs/budget-analyst"),
    ("/en/jobs/financial-analyst-cost-recovery", "en",
     "/fr/emplois/en/financial-analyst-cost-recovery"),
    ("/en/hr/login", "en", "/fr/rh/connexion"),
    ("/fr/rh/historique", "fr", "/en/hr/history"),
]
STATE = """
return {lang: document.documentElement.lang, title: document.title,
        q: (document.getElementById('q') || {}).value || null,
        checked: Array.from(document.querySelectorAll('.facet input:checked'), e => e.value),
        sort: (document.getElementById('sort') || {}).value || null,
        current: (document.querySelector('.pagination [aria-current=page]') || {}).textContent
                 || null};"""


def _same_query(a: str, b: str) -> bool:
    """Same path and the same query parameters, in any order; page=1 is the default."""
    one, two = urlsplit(a), urlsplit(b)
    ignore = {("page", "1")}
    return (one.path == two.path
            and sorted(set(parse_qsl(one.query)) - ignore) == sorted(set(parse_qsl(two.query))
                                                                   - ignore))


@pytest.mark.parametrize("path, lang, target", TOGGLES)
def test_language_toggle_is_tagged_and_keeps_the_page(request, page, live_server, path, lang,
                                                       target):
    other = "fr" if lang == "en" else "en"
    prepare(request, path)
    open_page(page, live_server + path, 200, lang)
    before = page.execute_script(STATE)
    toggle = page.find_element("css selector", ".language-toggle a")
    assert (toggle.get_attribute("lang"), toggle.get_attribute("hreflang")) == (other, other)
    alternate = page.find_element("css selector", f"link[rel=alternate][hreflang={other}]")
    assert alternate.get_attribute("href") == toggle.get_attribute("href")
    toggle.click()
    assert _same_query(page.current_url.removeprefix(live_server), target), page.current_url
    after = page.execute_script(STATE)
    assert after["lang"] == other and after["title"] != before["title"]
    for key in ("q", "checked", "sort", "current"):
        assert after[key] == before[key], key


def test_splash_offers_both_languages_each_tagged(page, live_server):
    page.get(live_server + "/")
    links = page.execute_script(
        "return Array.from(document.querySelectorAll('main a'),"
        " a => [a.textContent.trim(), a.lang, a.hreflang, new URL(a.href).pathname]);")
    assert links == [["English", "en", "en", "/en/jobs"], ["Français", "fr", "fr", "/fr/emplois"]]
    parts = page.execute_script("return Array.from(document.querySelectorAll('h1 [lang]'),"
                                " e => e.lang);")
    assert parts == ["en", "fr"]


@pytest.mark.parametrize("path, lang", [("/fr/emplois?q=financial", "fr"),
                                        ("/en/jobs?q=financier", "en")])
def test_results_in_the_other_language_are_marked(page, live_server, path, lang):
    open_page(page, live_server + path, 200, lang)
    marks = page.execute_script(
        "return Array.from(document.querySelectorAll('.result-list .result__title a'),"
        " a => [new URL(a.href).pathname.slice(1, 3), a.lang, a.hreflang]);")
    foreign = [m for m in marks if m[0] != lang]
    assert foreign, f"{path} shows no posting in the other language"
    assert all(m[1] == m[2] == m[0] for m in foreign), marks
    assert all(m[1] == "" for m in marks if m[0] == lang)
