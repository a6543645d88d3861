"""Markdown -> sanitized HTML (jobboard/markdown.py)."""

from __future__ import annotations

import pytest

from jobboard.markdown import render, sanitize


@pytest.mark.parametrize("source, forbidden", [
    ("<script>alert(1)</script>", ["<script", "alert(1)"]),
    ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", ["<script", "evil"]),
    ('<img src="x" onerror="alert(1)">', ["onerror", "<img", "alert"]),
    ('<p onclick="steal()">Hello</p>', ["onclick", "steal"]),
    ('<a href="javascript:alert(1)">click</a>', ["javascript:", "href"]),
    ('<a href=" JaVaScRiPt:alert(1)">click</a>', ["javascript:", "alert", "href"]),
    ("[click](javascript:alert(1))", ["<a", "href"]),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', ["data:", "href"]),
    ('<iframe src="https://example.com"></iframe>', ["<iframe", "example.com"]),
    ("<object data=x.swf></object><embed src=y>", ["<object", "<embed"]),
    ("<style>body{display:none}</style>", ["<style", "display"]),
    ('<p style="position:fixed">x</p>', ["style="]),
    ('<form action="/x"><input name=a></form>', ["<form", "<input"]),
    ("<svg><script>alert(1)</script></svg>", ["<svg", "<script"]),
    ('<nav id="main">menu</nav><header>h</header>', ["<nav", "<header", 'id="main"']),
    ("<h1>Second title</h1>", ["<h1"]),
])
def test_dangerous_html_is_removed(source, forbidden):
    html = str(render(source)).lower()
    for fragment in forbidden:
        assert fragment.lower() not in html, (fragment, html)


@pytest.mark.parametrize("source, expected", [
    ("## Duties\n\n- **Build** things", "<h2>Duties</h2>\n<ul>\n<li><strong>Build</strong>"),
    ("[Apply](https://example.gc.ca/apply)",
     '<a href="https://example.gc.ca/apply" rel="noopener noreferrer">Apply</a>'),
    ("<mailto:jobs@example.gc.ca>", 'href="mailto:jobs@example.gc.ca"'),
    ("<details><summary>More</summary>\n\nText\n</details>", "<summary>More</summary>"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "<td>1</td>"),
    ("Ottawa &amp; Gatineau", "Ottawa &amp; Gatineau"),
])
def test_ordinary_markdown_survives(source, expected):
    assert expected in str(render(source))


def test_headings_start_at_h2_because_the_page_title_is_the_h1():
    html = str(render("# Role\n\n## Duties\n\n### Daily"))
    assert "<h1" not in html
    assert "<h2>Role</h2>" in html and "<h3>Duties</h3>" in html and "<h4>Daily</h4>" in html
    assert "<h2>Duties</h2>" in str(render("## Duties"))


def test_empty_links_are_dropped():
    assert sanitize('<p><a href="https://x.example"><img src="logo.png"></a> text</p>') == \
        "<p> text</p>"


def test_render_returns_markup_and_tolerates_nothing():
    assert str(render("")) == ""
    assert hasattr(render("x"), "__html__")
