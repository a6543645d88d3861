"""axe on every public page and state, in English and in French (the table grows with the app)."""

from __future__ import annotations

import pytest

from .axe_check import assert_no_axe_failures, open_page

# Sample content facts: front-end-developer / developpeur-euse-frontal-e carry hostile raw
# HTML; financial-analyst-cost-recovery is English-only and analyste-financier-ere-principal-e
# French-only; budget-analyst / analyste-budgetaire are archived; senior-economist /
# economiste-principal-e are closed; PAGE_SIZE is 5 so the open postings fill several pages.
FILTERS = "classification=IT-03&classification=IT-04&tenure=term"
ONLY_FR, ONLY_EN = "analyste-financier-ere-principal-e", "financial-analyst-cost-recovery"

# (state, {lang: path}, HTTP status, a selector that proves the page is in that state)
PUBLIC = [
    ("splash", {"bilingual": "/"}, 200, ".splash a[hreflang=fr]"),
    ("search-empty", {"en": "/en/jobs", "fr": "/fr/emplois"}, 200, ".result-list .result"),
    ("search-results", {"en": "/en/jobs?q=developer", "fr": "/fr/emplois?q=développeur"}, 200,
     ".result-list .result mark"),
    ("filters-applied", {"en": f"/en/jobs?{FILTERS}", "fr": f"/fr/emplois?{FILTERS}"}, 200,
     ".chips .chip"),
    ("zero-results", {"en": "/en/jobs?q=zzyzx+qwv", "fr": "/fr/emplois?q=zzyzx+qwv"}, 200,
     ".no-results"),
    ("did-you-mean", {"en": "/en/jobs?q=devloper", "fr": "/fr/emplois?q=devloppeur"}, 200,
     ".suggestion a"),
    ("auto-corrected", {"en": "/en/jobs?q=pyhton", "fr": "/fr/emplois?q=pyhton"}, 200,
     ".correction a"),
    ("also-searched", {"en": "/en/jobs?q=dev", "fr": "/fr/emplois?q=RH"}, 200,
     ".also-searched"),
    ("page-2", {"en": "/en/jobs?page=2", "fr": "/fr/emplois?page=2"}, 200,
     ".pagination a[aria-current=page][href*='page=2']"),
    ("sort-changed", {"en": "/en/jobs?q=analyst&sort=newest",
                      "fr": "/fr/emplois?q=analyste&sort=closing"}, 200,
     "#sort option[selected]:not([value=''])"),
    ("archived-search", {"en": "/en/jobs?status=archived",
                         "fr": "/fr/emplois?status=archived&status=closed"}, 200,
     ".badge--archived"),
    ("bad-request", {"en": "/en/jobs?page=abc", "fr": "/fr/emplois?page=abc"}, 400, "h1"),
    ("qualify-form", {"en": "/en/jobs?sle=BBB&sle_lang=fr", "fr": "/fr/emplois?sle=CBC"}, 200,
     "#sle-reading option[selected]:not([value='']), .result-group"),
    ("qualify-unstated-group", {"en": "/en/jobs?sle=BBB&language_requirement=various",
                                "fr": "/fr/emplois?sle=CCC&language_requirement=various"}, 200,
     "#unstated + p + .result-list h4"),
    ("qualify-errors", {"en": "/en/jobs?sle=ZZZ&sle_reading=B",
                        "fr": "/fr/emplois?sle_reading=B&salary_min=beaucoup"}, 400,
     ".error-summary a[href='#sle-reading']"),
    ("salary-posted-selected", {"en": "/en/jobs?salary_min=90000&posted=30",
                                "fr": "/fr/emplois?salary_min=50000&posted=7&sort=salary"}, 200,
     "#salary-min option[selected]:not([value=''])"),
    ("result-cards-badges", {"en": "/en/jobs?q=records", "fr": "/fr/emplois?q=dossiers"}, 200,
     ".result:has(.badge--new):has(.closing-soon)"),
    ("follow-search", {"en": "/en/jobs/follow?q=analyst&classification=EC-04",
                       "fr": "/fr/emplois/suivre?q=analyste"}, 200, "#feed-address"),
    ("posting-open", {"en": "/en/jobs/cloud-engineer",
                      "fr": "/fr/emplois/ingenieur-e-infonuagique"}, 200,
     ".posting__translation a[hreflang]"),
    ("posting-apply", {"en": "/en/jobs/cloud-engineer",
                       "fr": "/fr/emplois/ingenieur-e-infonuagique"}, 200, ".apply__button"),
    ("posting-closed", {"en": "/en/jobs/senior-economist",
                        "fr": "/fr/emplois/economiste-principal-e"}, 200,
     ".notice--closed .apply-note"),
    ("posting-archived", {"en": "/en/jobs/budget-analyst",
                          "fr": "/fr/emplois/analyste-budgetaire"}, 200, ".notice--archived"),
    ("posting-untranslated", {"en": f"/en/jobs/{ONLY_EN}", "fr": f"/fr/emplois/{ONLY_FR}"}, 200,
     ".posting__translation:not(:has(a))"),
    ("only-in-other-language", {"en": f"/en/jobs/fr/{ONLY_FR}", "fr": f"/fr/emplois/en/{ONLY_EN}"},
     200, "a[hreflang] span[lang]"),
    ("posting-raw-html", {"en": "/en/jobs/front-end-developer",
                          "fr": "/fr/emplois/developpeur-euse-frontal-e"}, 200, ".posting__body"),
    ("not-found", {"en": "/en/jobs/no-such-posting", "fr": "/fr/emplois/aucun-emploi"}, 404,
     ".error-code"),
    ("server-error", {"en": "/en/a11y-server-error", "fr": "/fr/a11y-server-error"}, 500,
     ".error-code"),
    ("method-not-allowed", {"en": "/en/hr/logout", "fr": "/fr/rh/deconnexion"}, 405,
     ".error-code"),
]
CASES = [pytest.param(path, status, lang, expect, id=f"{state}-{lang}")
         for state, paths, status, expect in PUBLIC for lang, path in paths.items()]


@pytest.mark.parametrize("path, status, lang, expect", CASES)
def test_public_page_has_no_axe_failures(page, live_server, path, status, lang, expect):
    open_page(page, live_server + path, status, lang if lang in ("en", "fr") else None)
    assert page.find_elements("css selector", expect), f"{path} is not in the state {expect!r}"
    assert_no_axe_failures(page)


def test_raw_html_in_a_posting_is_inert(page, live_server):
    """The hostile posting keeps no script, frame, handler or javascript: link in the DOM."""
    open_page(page, live_server + "/en/jobs/front-end-developer", 200, "en")
    hostile = page.execute_script(
        "const body = document.querySelector('.posting__body');"
        "return Array.from(body.querySelectorAll('script, iframe, object, embed, [onerror],"
        " [onclick], [onload], a[href^=\"javascript:\"]'), e => e.outerHTML);")
    assert hostile == []
