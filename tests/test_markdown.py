"""Markdown -> sanitized HTML (jobboard/markdown.py)."""

from __future__ import annotations

import re

import pytest
from helpers import CORPUS
from markdown_it import MarkdownIt

from jobboard.markdown import heading_levels, plain_text, render, sanitize


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
    ("# Title\n\n<h1>Another</h1>", ["<h1"]),
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


@pytest.mark.parametrize("written, shown", [
    ([2, 4, 4, 2], [2, 3, 3, 2]),
    ([1, 2, 3], [2, 3, 4]),
    ([4, 4], [2, 2]),
    ([3, 1, 2], [2, 2, 3]),
    ([2, 3, 6, 3, 2, 5], [2, 3, 4, 3, 2, 3]),
    ([1, 2, 3, 4, 5, 6, 6], [2, 3, 4, 5, 6, 6, 6]),
])
def test_heading_levels_start_at_2_and_never_skip(written, shown):
    assert heading_levels(written) == shown


def test_raw_html_headings_are_renumbered_with_markdown_ones():
    html = str(render("## Role\n\n<h4 lang=\"fr\">Détails</h4>\n\n<h1>Other</h1>"))
    assert '<h3 lang="fr">Détails</h3>' in html and "<h2>Other</h2>" in html


@pytest.mark.parametrize("table, header", [
    ("<table><tr><td><b>Name</b></td><td><strong>Level</strong></td></tr>"
     "<tr><td>A</td><td>1</td></tr></table>", True),
    ("<table><thead><tr><td>Name</td><td>Level</td></tr></thead>"
     "<tbody><tr><td>A</td><td>1</td></tr></tbody></table>", True),
    ("<table><tr><td>Name</td><td><b>Level</b></td></tr><tr><td>A</td><td>1</td></tr></table>",
     False),
    ("<table><tr><td>A</td><td>1</td></tr></table>", False),
])
def test_a_clear_header_row_gets_header_cells(table, header):
    html = str(render(table))
    assert ('<th scope="col">Name</th>' in html) is header, html
    assert "<td>A</td><td>1</td>" in html


@pytest.mark.parametrize("written, text", [
    ("<p>Description of job</p>", "Description of job"),
    ("Ottawa &#8211; Gatineau &amp; Montréal", "Ottawa – Gatineau & Montréal"),
    ("<p>One</p><p>Two<br>three</p>", "One Two three"),
    ("5 &lt; 6 <script>alert(1)</script>", "5 < 6"),
    ("Plain “text” — kept as is", "Plain “text” — kept as is"),
])
def test_plain_text_strips_html_and_decodes_entities(written, text):
    assert plain_text(written) == text


def _words(html: str) -> list[str]:
    return plain_text(html).split()


def _corpus_files():
    return sorted(CORPUS.glob("*/*.md"))


def test_real_postings_render_without_skipped_levels_or_lost_text():
    assert _corpus_files(), f"the real corpus is missing: {CORPUS}"
    for path in _corpus_files():
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        html = str(render(body))
        levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
        assert 1 not in levels, path
        assert not levels or levels[0] == 2, (path, levels)
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (path, levels)
        assert _words(html) == _words(sanitize(MarkdownIt("commonmark", {"html": True}).enable(
            ["table", "strikethrough"]).render(body))), path


def test_the_senior_policy_advisor_posting_goes_from_h2_to_h3():
    path = CORPUS / "en" / "senior-policy-advisor--289adf15-22f1-44fb-885c-3b2ea720183b.md"
    html = str(render(path.read_text(encoding="utf-8").split("---", 2)[-1]))
    assert re.findall(r"<h(\d)>", html) == ["2", "2"]
    assert "<h2>We’re looking for someone who will:</h2>" in html
