"""Candidate features on pages and the API: jobs I qualify for (SLE), salary and date filters,
result cards, who can apply, Apply, share and print."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from helpers import CONTENT, assert_page

from jobboard.postings import load_all

SEARCH = {"en": "/en/jobs", "fr": "/fr/emplois"}
TEMPLATE = "https://apply.example.org/lever/{leverId}"


@pytest.fixture
def apply_client(app, monkeypatch):
    """The app with JOBBOARD_APPLY_URL_TEMPLATE set (for this test only)."""
    monkeypatch.setitem(app.config, "APPLY_URL_TEMPLATE", TEMPLATE)
    return app.test_client()


def text(html: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_qualify_form_lists_qualified_jobs_then_unstated_ones(client, lang):
    query = {"sle_reading": "B", "sle_writing": "B", "sle_oral": "B"}
    page = assert_page(client.get(SEARCH[lang], query_string=query), lang=lang)
    assert 'id="sle-reading"' in page.html and '<option value="B" selected>' in page.html
    other = "fr" if lang == "en" else "en"
    languages = re.search(r'<select id="sle-lang".*?</select>', page.html, re.S).group(0)
    assert f'<option value="{other}" selected>' in languages
    assert 'class="result-group"' in page.html  # the qualified come first
    api = client.get("/api/v1/search", query_string={
        "lang": lang, "sle": "BBB", "sle_lang": other, "page_size": 100}).json
    groups = [hit["sle_group"] for hit in api["results"]]
    first = groups.index("unstated")
    assert api["sle"]["unstated"] == groups.count("unstated") == len(groups) - first
    html = client.get(SEARCH[lang], query_string={**query, "page": first // 5 + 1}).get_data(
        True)
    url = api["results"][first]["url"].removeprefix("http://localhost")
    assert html.index('id="unstated"') < html.index(f'href="{url}"')
    assert "to find out" in text(html) or "pour le savoir" in text(html)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_links_keep_the_sle_results_and_their_language(client, lang):
    html = client.get(SEARCH[lang], query_string={"sle": "cbc", "sle_lang": "en"}).get_data(True)
    toggle = re.search(r'<a href="([^"]+)" lang="(en|fr)" hreflang', html).group(1)
    assert "sle=CBC" in toggle and "sle_lang=en" in toggle
    facet_links = re.findall(r'href="([^"]*classification=[^"]*)"', html)
    assert all("sle=CBC" in link for link in facet_links)


@pytest.mark.parametrize("lang, message", [
    ("en", "must each be A, B, C, E (exempt) or X (none)"),
    ("fr", "doivent chacun être A, B, C, E (exemption) ou X (aucun)"),
])
def test_bad_sle_shows_an_error_summary_above_the_other_results(client, lang, message):
    response = client.get(SEARCH[lang], query_string={"sle": "ZZZ", "q": "analyst"})
    page = assert_page(response, 400, lang)
    summary = re.search(r'<div class="error-summary".*?</div>', page.html, re.S).group(0)
    assert 'href="#sle-reading"' in summary and message in text(summary)
    assert 'aria-invalid="true"' in page.html and 'class="result-list"' in page.html


@pytest.mark.parametrize("query, target", [
    ({"sle_reading": "B"}, "sle-reading"), ({"salary_min": "lots"}, "salary-min"),
    ({"posted": "3"}, "posted"), ({"sle": "BBB", "sle_lang": "de"}, "sle-lang"),
])
def test_each_bad_field_is_linked_from_the_summary(client, query, target):
    page = assert_page(client.get(SEARCH["en"], query_string=query), 400, "en")
    assert f'href="#{target}"' in page.html and f'id="{target}"' in page.html


@pytest.mark.parametrize("lang, amount", [("en", "$90,000 or more"),
                                          ("fr", "90\u00a0000\u00a0$ ou plus")])
def test_salary_choices_are_babel_formatted_and_selected(client, lang, amount):
    html = client.get(SEARCH[lang], query_string={"salary_min": "90000"}).get_data(True)
    assert re.search(rf'<option value="90000" selected>{re.escape(amount)} \(\d+\)</option>',
                     html), amount


def test_posted_filter_is_checked_and_counts_match(client):
    html = client.get(SEARCH["en"], query_string={"posted": "30"}).get_data(True)
    total = client.get("/api/v1/search", query_string={"posted": "30"}).json["total"]
    assert f'<option value="30" selected>Last 30 days ({total})</option>' in html


@pytest.mark.parametrize("lang, facts", [
    ("en", ["Department Shared Services Canada", "Salary $88,000 to $125,000 a year",
            "Who can apply Open to the public"]),
    ("fr", ["Ministère Services partagés Canada",
            "Salaire de 88\u00a0000\u00a0$ à 125\u00a0000\u00a0$ par année",
            "Qui peut postuler Ouvert au public"]),
])
def test_result_cards_show_department_salary_and_who_can_apply(client, lang, facts):
    html = client.get(SEARCH[lang], query_string={"q": "cloud"}).get_data(True)
    card = text(html[html.index('class="result"'):])
    for fact in facts:
        assert fact in card, fact


def test_who_can_apply_is_a_facet_with_labels(client):
    data = client.get("/api/v1/search", query_string={"lang": "fr"}).json
    labels = {v["value"]: v["label"] for v in data["facets"]["who_can_apply"]}
    assert labels["students"] == "Étudiants" and labels["public_service"]
    only = client.get("/api/v1/search", query_string={"who_can_apply": "students"}).json
    assert only["total"] >= 1
    assert all(hit["who_can_apply"] == ["students"] for hit in only["results"])


@pytest.mark.parametrize("path, own", [
    ("/en/jobs/cloud-engineer", "https://apply.example.org/ssc/cloud-engineer"),
    ("/fr/emplois/ingenieur-e-infonuagique",
     "https://apply.example.org/ssc/ingenieur-e-infonuagique"),
])
def test_apply_button_leads_to_the_postings_apply_url(client, path, own):
    html = assert_page(client.get(path)).html
    assert html.count(f'href="{own}"') == 2  # after the summary and after the body
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["directApply"] is True and data["potentialAction"]["target"] == own
    assert data["url"].endswith(path)
    uid = "-".join([path.split("/")[1], path.rsplit("/", 1)[1]])
    assert client.get(f"/api/v1/postings/{uid}").json["apply_url"] == own


def test_apply_url_template_fills_the_postings_id(client, app, monkeypatch):
    without = client.get("/api/v1/postings/en-senior-python-developer").json
    assert without["apply_url"] is None  # no template, no apply_url of its own
    monkeypatch.setitem(app.config, "APPLY_URL_TEMPLATE", TEMPLATE)
    apply_client = app.test_client()
    postings = {p.uid: p for p in load_all(CONTENT).postings}
    posting = postings["en-senior-python-developer"]
    expected = TEMPLATE.replace("{leverId}", posting.source_id)
    assert f'href="{expected}"' in apply_client.get("/en/jobs/senior-python-developer").get_data(
        True)
    assert apply_client.get("/api/v1/postings/en-senior-python-developer").json[
        "apply_url"] == expected


@pytest.mark.parametrize("path, uid, note", [
    ("/en/jobs/senior-economist", "en-senior-economist", "There is no Apply button"),
    ("/fr/emplois/analyste-budgetaire", "fr-analyste-budgetaire", "Il n’y a pas de bouton"),
])
def test_closed_and_archived_postings_have_no_apply_button_but_a_note(
        apply_client, path, uid, note):
    html = assert_page(apply_client.get(path)).html
    assert "apply__button" not in html and note in html
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["directApply"] is False and "potentialAction" not in data
    assert apply_client.get(f"/api/v1/postings/{uid}").json["apply_url"] is None


@pytest.mark.parametrize("path", ["/en/jobs/cloud-engineer",
                                  "/fr/emplois/ingenieur-e-infonuagique"])
def test_share_link_is_the_pages_url_without_javascript(client, path):
    html = client.get(path).get_data(True)
    assert f'<code id="share-link" class="share__link">http://localhost{path}</code>' in html


def test_print_stylesheet_hides_navigation_and_forms(client):
    response = client.get("/static/site.css")
    css = response.get_data(True)
    response.close()
    printed = css[css.index("@media print"):]
    hidden = re.search(r"([^{}]*)\{\s*display:\s*none", printed).group(1)
    for selector in (".site-header", ".site-footer", ".share", ".apply", ".language-toggle",
                     ".back-link"):
        assert selector in hidden, selector


def test_candidate_filters_show_as_removable_chips(client):
    html = client.get(SEARCH["en"], query_string={
        "sle": "BBB", "salary_min": "90000", "posted": "30"}).get_data(True)
    chips = dict((text(label), link) for link, label in re.findall(
        r'<a class="chip" href="([^"]+)">(.*?)</a>', html, re.S))
    assert chips == {
        "Remove filter: Second-language results: BBB (French) ×":
            "/en/jobs?salary_min=90000&amp;posted=30",
        "Remove filter: $90,000 or more ×": "/en/jobs?sle=BBB&amp;sle_lang=fr&amp;posted=30",
        "Remove filter: Last 30 days ×": "/en/jobs?sle=BBB&amp;sle_lang=fr&amp;salary_min=90000",
    }
