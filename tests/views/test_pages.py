"""Splash, health, robots, sitemap, redirects (views/pages.py) and error pages (views/errors.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from flask import abort
from helpers import assert_page

from jobboard import create_app


def test_splash_offers_both_languages(client):
    page = assert_page(client.get("/"), lang="en")
    choices = {link["href"]: link for link in page.links if link.get("hreflang")}
    assert choices["/en/jobs"]["lang"] == "en" and choices["/fr/emplois"]["lang"] == "fr"
    assert '<span lang="fr">Emplois au gouvernement du Canada</span>' in page.html


@pytest.mark.parametrize("path, target", [("/en", "/en/jobs"), ("/fr/", "/fr/emplois")])
def test_language_roots_redirect_to_search(client, path, target):
    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"] == target


def test_healthz_reports_the_index(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["documents"] == 48 and response.json["postings"] == 25
    assert response.json["generation"].startswith("g")


def test_healthz_without_an_index_is_503(tmp_path):
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none"),
                      "INSTANCE_DIR": str(tmp_path / "instance"), "SECRET_KEY": "x",
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'hr.sqlite3'}"})
    client = app.test_client()
    assert client.get("/healthz").status_code == 503
    for path, lang in (("/en/jobs", "en"), ("/fr/emplois", "fr")):
        assert_page(client.get(path), 503, lang)


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert "Disallow: /api/" in text and "Sitemap: http://localhost/sitemap.xml" in text
    assert "Disallow: /en/hr/" in text and "Disallow: /fr/rh/" in text


def test_sitemap_lists_every_posting_with_its_alternate(client):
    response = client.get("/sitemap.xml")
    assert response.mimetype == "application/xml"
    spaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
              "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(response.data)
    locations = [url.find("s:loc", spaces).text for url in root.findall("s:url", spaces)]
    assert len(locations) == 48 + 2 == len(set(locations))
    assert "http://localhost/fr/emplois/developpeur-euse-python-principal-e" in locations
    paired = next(url for url in root.findall("s:url", spaces)
                  if url.find("s:loc", spaces).text.endswith("/senior-python-developer"))
    alternates = {link.get("hreflang"): link.get("href")
                  for link in paired.findall("x:link", spaces)}
    assert alternates["fr"] == "http://localhost/fr/emplois/developpeur-euse-python-principal-e"


@pytest.mark.parametrize("path, lang, first, second", [
    ("/en/nowhere", "en", "We couldn’t find that page", "Nous ne trouvons pas cette page"),
    ("/fr/nulle-part", "fr", "Nous ne trouvons pas cette page", "We couldn’t find that page"),
])
def test_404_is_bilingual(client, path, lang, first, second):
    page = assert_page(client.get(path), 404, lang)
    assert page.h1s == [first]
    other = "fr" if lang == "en" else "en"
    assert f'<section class="other-language" lang="{other}"' in page.html
    assert f'<h2 id="other-language-heading">{second}</h2>' in page.html


def test_404_outside_a_language_follows_accept_language(client):
    page = assert_page(client.get("/nowhere", headers={"Accept-Language": "fr-CA"}), 404, "fr")
    assert page.h1s == ["Nous ne trouvons pas cette page"]


def test_500_is_bilingual_and_hides_the_error(sample_index_dir, tmp_path):
    app = create_app({"INDEX_DIR": str(sample_index_dir), "SECRET_KEY": "x",
                      "INSTANCE_DIR": str(tmp_path / "instance"),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'hr.sqlite3'}"})

    @app.get("/fr/emplois-boom", defaults={"lang": "fr"})
    @app.get("/en/jobs-boom", defaults={"lang": "en"})
    def boom(lang):
        raise RuntimeError("secret detail")

    @app.get("/en/teapot")
    def teapot():
        abort(418)

    client = app.test_client()
    page = assert_page(client.get("/fr/emplois-boom"), 500, "fr")
    assert page.h1s == ["Un problème est survenu de notre côté"]
    assert "Something went wrong on our side" in page.html
    assert "secret detail" not in page.html
    page = assert_page(client.get("/en/jobs-boom"), 500, "en")
    assert page.h1s == ["Something went wrong on our side"]
    assert "Un problème est survenu de notre côté" in page.html
    assert_page(client.get("/en/teapot"), 418, "en")


def test_405_is_a_page(client):
    assert_page(client.post("/en/jobs"), 405, "en")
