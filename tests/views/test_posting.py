"""Posting pages (jobboard/views/posting.py): facts, sanitized body, translation, JSON-LD."""

from __future__ import annotations

import json
import re

import pytest
from helpers import assert_page

from jobboard import create_app

PAIRS = [("/en/jobs/senior-python-developer", "/fr/emplois/developpeur-euse-python-principal-e")]
HOSTILE = {"en": "/en/jobs/front-end-developer", "fr": "/fr/emplois/developpeur-euse-frontal-e"}


def structured_data(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


@pytest.mark.parametrize("path, lang, title", [
    ("/en/jobs/senior-python-developer", "en", "Senior Python Developer"),
    ("/fr/emplois/developpeur-euse-python-principal-e", "fr",
     "Développeur·euse Python principal·e"),
])
def test_posting_page(client, path, lang, title):
    page = assert_page(client.get(path), lang=lang)
    assert page.h1s == [title]


@pytest.mark.parametrize("path, expected", [
    ("/en/jobs/senior-python-developer", [
        "IT-03 – Information Technology", "Bilingual imperative (profile BBB/BBB)",
        "Ottawa, ON", "Remote (anywhere in Canada)", "Indeterminate (permanent)",
        "Canadian Digital Service", "$88,000 to $107,000 a year",
        "January 15, 2027, 11:59\u202fp.m. Pacific time", "November 2, 2026"]),
    ("/fr/emplois/developpeur-euse-python-principal-e", [
        "IT-03 – Technologies de l’information", "Bilingue impératif (profil BBB/BBB)",
        "Ottawa (Ontario)", "Télétravail (partout au Canada)", "Durée indéterminée (permanent)",
        "Service numérique canadien", "de 88\u00a0000\u00a0$ à 107\u00a0000\u00a0$ par année",
        "15 janvier 2027 à 23 h 59, heure du Pacifique", "2 novembre 2026"]),
])
def test_posting_facts_are_formatted_for_the_locale(client, path, expected):
    html = client.get(path).get_data(as_text=True)
    for text in expected:
        assert text in html, text


@pytest.mark.parametrize("path, text", [
    ("/en/jobs/service-designer", "IT-04 (posted as CS-04)"),
    ("/en/jobs/financial-officer", "CT-FIN-02 (posted as FI-02)"),
    ("/fr/emplois/agent-e-financier-ere", "CT-FIN-02 (affiché comme FI-02)"),
])
def test_legacy_classification_shows_the_written_code(client, path, text):
    assert text in client.get(path).get_data(as_text=True)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_hostile_html_in_a_posting_is_neutralised(client, lang):
    page = assert_page(client.get(HOSTILE[lang]), lang=lang)
    body = page.html[page.html.index('<div class="posting__body">'):]
    assert "<script" not in body
    assert "<iframe" not in body
    assert "onerror" not in body
    assert not re.search(r'href="\s*javascript:', body, re.I)
    assert "alert(1)" not in body.replace("javascript:alert(1)", "")
    assert "<details>" in body  # harmless HTML stays


@pytest.mark.parametrize("path, status", [
    ("/en/jobs/budget-analyst", "This posting is archived"),
    ("/fr/emplois/analyste-budgetaire", "Cette offre est archivée"),
    ("/en/jobs/senior-economist", "This job is closed"),
    ("/fr/emplois/economiste-principal-e", "Cet emploi est fermé"),
])
def test_archived_and_closed_postings_say_so(client, path, status):
    page = assert_page(client.get(path))
    assert f"<h2>{status}</h2>" in page.html


@pytest.mark.parametrize("en, fr", PAIRS)
def test_toggle_leads_to_the_translation_and_back(client, en, fr):
    english = assert_page(client.get(en), lang="en")
    to_fr = [link for link in english.links if link.get("hreflang") == "fr"]
    assert to_fr and all(link["href"] == fr and link.get("lang") == "fr" for link in to_fr)
    french = assert_page(client.get(fr), lang="fr")
    to_en = [link for link in french.links if link.get("hreflang") == "en"]
    assert to_en and all(link["href"] == en and link.get("lang") == "en" for link in to_en)
    assert f'<link rel="alternate" hreflang="fr" href="{fr}">' in english.html


@pytest.mark.parametrize("path, lang, toggle, heading", [
    ("/en/jobs/financial-analyst-cost-recovery", "en",
     "/fr/emplois/en/financial-analyst-cost-recovery", "Cette offre n’existe qu’en anglais"),
    ("/fr/emplois/analyste-financier-ere-principal-e", "fr",
     "/en/jobs/fr/analyste-financier-ere-principal-e", "This posting is only in French"),
])
def test_untranslated_posting_toggles_to_an_explanation(client, path, lang, toggle, heading):
    page = assert_page(client.get(path), lang=lang)
    other = "fr" if lang == "en" else "en"
    toggles = [link for link in page.links if link.get("hreflang") == other]
    assert [link["href"] for link in toggles] == [toggle]
    explained = assert_page(client.get(toggle), lang=other)
    assert explained.h1s == [heading]
    back = [link for link in explained.links if link.get("href") == path]
    assert back and all(link.get("hreflang") == lang for link in back)
    assert any(link.get("lang") == lang for link in back)  # the header toggle


@pytest.mark.parametrize("path", [
    "/en/jobs/no-such-posting", "/fr/emplois/aucun-emploi",
    "/en/jobs/fr/no-such-posting", "/fr/emplois/en/senior-python-developer-x",
    "/en/jobs/developpeur-euse-python-principal-e",  # a French slug under /en
])
def test_unknown_posting_is_404(client, path):
    assert_page(client.get(path), 404)


def test_explanation_redirects_once_a_translation_exists(client):
    response = client.get("/fr/emplois/en/senior-python-developer")
    assert response.status_code == 302
    assert response.headers["Location"] == "/fr/emplois/developpeur-euse-python-principal-e"


@pytest.mark.parametrize("path, lang", [("/en/jobs/senior-python-developer", "en"),
                                        ("/fr/emplois/developpeur-euse-python-principal-e", "fr")])
def test_schema_org_job_posting(client, path, lang):
    data = structured_data(client.get(path).get_data(as_text=True))
    assert data["@context"] == "https://schema.org" and data["@type"] == "JobPosting"
    assert data["url"] == f"http://localhost{path}"
    assert data["inLanguage"] == f"{lang}-CA"
    assert data["datePosted"] == "2026-11-02"
    assert data["validThrough"] == "2027-01-15T23:59:00-08:00"
    assert data["baseSalary"]["currency"] == "CAD"
    assert data["baseSalary"]["value"]["minValue"] == 88000
    assert data["employmentType"] == "FULL_TIME"
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["jobLocation"][0]["address"]["addressLocality"] == "Ottawa"
    assert data["hiringOrganization"]["name"] in ("Canadian Digital Service",
                                                  "Service numérique canadien")
    assert "<h2>" in data["description"]


def test_json_ld_cannot_close_its_script_element(client):
    html = client.get(HOSTILE["en"]).get_data(as_text=True)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block


def accommodation_block(html: str) -> str | None:
    found = re.search(r'<section class="accommodation".*?</section>', html, re.S)
    return found.group(0) if found else None


@pytest.mark.parametrize("path, phone", [
    ("/en/jobs/cloud-engineer", "613-555-0142 ext. 7"),
    ("/fr/emplois/ingenieur-e-infonuagique", "613-555-0142 ext. 7"),
])
def test_an_open_posting_says_how_to_ask_for_accommodation(client, path, phone):
    block = accommodation_block(client.get(path).get_data(as_text=True))
    assert '<a href="mailto:ssc-cloud-accommodation@example.gc.ca">' in block
    assert f'<a href="tel:6135550142;ext=7">{phone}</a>' in block


def test_without_a_contact_the_default_setting_then_the_statement(app, client):
    block = accommodation_block(client.get("/en/jobs/data-scientist").get_data(as_text=True))
    assert "mailto:" not in block and 'href="/en/accessibility#contact"' in block
    kept = ("CONTENT_DIR", "INDEX_DIR", "INSTANCE_DIR", "SECRET_KEY", "DATABASE_URL", "ENV")
    other = create_app({**{name: app.config[name] for name in kept}, "TESTING": True,
                        "ACCOMMODATION_EMAIL": "adaptation@example.gc.ca",
                        "ACCOMMODATION_PHONE": "1-800-555-0100"})
    block = accommodation_block(other.test_client().get("/fr/emplois/scientifique-des-donnees")
                                .get_data(as_text=True))
    assert '<a href="mailto:adaptation@example.gc.ca">' in block
    assert '<a href="tel:18005550100">1-800-555-0100</a>' in block


@pytest.mark.parametrize("path", ["/en/jobs/senior-economist", "/fr/emplois/analyste-budgetaire"])
def test_closed_and_archived_postings_take_no_requests(client, path):
    assert accommodation_block(client.get(path).get_data(as_text=True)) is None
