"""Security headers and the no-inline-code rule (jobboard/security.py)."""

from __future__ import annotations

import re

import pytest

PATHS = ["/", "/en/jobs?q=python", "/fr/emplois/developpeur-euse-frontal-e",
         "/en/jobs/feed.atom", "/api/v1/search", "/healthz", "/en/missing", "/static/site.css",
         "/fr/emplois?page=x", "/sitemap.xml", "/robots.txt"]


@pytest.mark.parametrize("path", PATHS)
def test_security_headers_on_every_response(client, path):
    with client.get(path) as response:  # static files stream: close them
        headers = response.headers
    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert csp["img-src"] == "'self' data:"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["base-uri"] == "'self'" and csp["form-action"] == "'self'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in headers  # plain HTTP here


def test_hsts_over_https(client):
    headers = client.get("/healthz", base_url="https://localhost").headers
    assert headers["Strict-Transport-Security"].startswith("max-age=")


HTML_PAGES = ["/", "/en/jobs", "/fr/emplois?q=analyste&classification=EC-04",
              "/en/jobs/front-end-developer", "/fr/emplois/developpeur-euse-frontal-e",
              "/fr/emplois/en/financial-analyst-cost-recovery", "/en/nope",
              "/en/jobs?q=" + "x" * 300]


@pytest.mark.parametrize("path", HTML_PAGES)
def test_no_inline_script_or_style(client, path):
    html = client.get(path).get_data(as_text=True)
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'src="/static/' in tag or 'type="application/ld+json"' in tag, tag
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert "http://" not in re.sub(r'"http://localhost[^"]*"', "", html.split("</head>")[0])


def test_static_assets_are_local(client):
    with client.get("/static/site.css") as response:
        css = response.get_data(as_text=True)
    assert "url(" not in css and "@import" not in css
    with client.get("/static/search.js") as response:
        js = response.get_data(as_text=True)
    assert "http" not in js
