"""Posting bodies: Markdown (raw HTML allowed by authors) -> sanitized HTML safe to embed.

    render("## Role\\n<script>x</script><b onclick=y>hi</b>") -> '<h2>Role</h2>\\n<b>hi</b>'

markdown-it renders, nh3 keeps an allow-list of tags, attributes and URL schemes. Landmark
elements (nav, header…) are not allowed: the page already has them, once. Whatever HR wrote,
the result is then made accessible (`tidy`): headings renumbered so the body starts at h2 under
the page's h1 and never skips a level (raw HTML headings included), and a table's first row made
of header cells when it is clearly a header. Images are not shown (our CSP loads only our own
files, and an image HR links to would be broken): the content lint tells HR, and asks for alt
text when an image has none.

`plain_text` turns front-matter text that HR wrote as HTML ("<p>Ottawa &#8211; Gatineau</p>")
into text ("Ottawa – Gatineau"), for titles and descriptions everywhere they appear.
"""

from __future__ import annotations

import html as html_lib
import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "del",
    "ins", "sub", "sup", "small", "mark", "code", "pre", "kbd", "samp", "blockquote", "q",
    "cite", "abbr", "ul", "ol", "li", "dl", "dt", "dd", "a", "table", "caption", "thead",
    "tbody", "tfoot", "tr", "th", "td", "details", "summary", "span", "div", "time",
}
ATTRIBUTES = {
    "a": {"href", "hreflang", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "time": {"datetime"},
    "*": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Script, style and embedded documents go with everything inside them.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}
_EMPTY_LINK = re.compile(r"<a\b[^>]*>\s*</a>")

_PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_BLOCKS = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).disable(
    "inline")


def sanitize(html: str) -> str:
    """Keep the allow-listed tags, attributes and URL schemes; drop scripts and empty links."""
    cleaned = nh3.clean(html, tags=TAGS, clean_content_tags=DROP_WITH_CONTENT,
                        attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                        link_rel="noopener noreferrer")
    return _EMPTY_LINK.sub("", cleaned)


_HEADING_TAG = re.compile(r"<(/?)h([1-6])(\s[^>]*)?>")


def heading_levels(levels: list[int]) -> list[int]:
    """Levels as written -> levels shown: the top is 2, and a level is never skipped.

        [2, 4, 4, 2] -> [2, 3, 3, 2];  [1, 2, 3] -> [2, 3, 4];  [3, 1] -> [2, 2]
    """
    shown: list[int] = []
    open_: list[tuple[int, int]] = []  # (written, shown) of the headings enclosing this one
    for level in levels:
        while open_ and open_[-1][0] > level:
            open_.pop()
        if open_ and open_[-1][0] == level:
            out = open_.pop()[1]
        else:
            out = min(6, open_[-1][1] + 1) if open_ else 2
        open_.append((level, out))
        shown.append(out)
    return shown


def _renumber_headings(html: str) -> str:
    written = [int(m.group(2)) for m in _HEADING_TAG.finditer(html) if not m.group(1)]
    shown = iter(heading_levels(written))
    current = [2]

    def replace(match: re.Match) -> str:
        if not match.group(1):
            current[0] = next(shown)
        return f"<{match.group(1)}h{current[0]}{match.group(3) or ''}>"

    return _HEADING_TAG.sub(replace, html)


_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_FIRST_ROW = re.compile(r"^(\s*(?:<caption>.*?</caption>\s*)?(?:<thead>\s*|<tbody>\s*)?)"
                        r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<td>(.*?)</td>", re.S)
_BOLD_ONLY = re.compile(r"^\s*<(strong|b)>(.*?)</\1>\s*$", re.S)


def _header_row(table: re.Match) -> str:
    # Markdown tables already have <th>; raw HTML ones get them when the first row is a <thead>
    # or every one of its cells is bold and nothing else: that row is clearly a header.
    inner = table.group(1)
    row = _FIRST_ROW.match(inner)
    if not row or "<th" in row.group(2):
        return table.group(0)
    cells = _CELL.findall(row.group(2))
    in_head = row.group(1).strip().endswith("<thead>")
    bold = [_BOLD_ONLY.match(cell) for cell in cells]
    if not cells or not (in_head or all(bold)):
        return table.group(0)
    heads = "".join(f'<th scope="col">{m.group(2) if m else cell}</th>'
                    for cell, m in zip(cells, bold, strict=True))
    return f"<table>{row.group(1)}<tr>{heads}</tr>{inner[row.end():]}</table>"


def tidy(html: str) -> str:
    """Sanitized HTML -> the same content with headings and tables made accessible."""
    return _TABLE.sub(_header_row, _renumber_headings(html))


def parse(markdown: str) -> list:
    """The markdown-it tokens of a body, for the content lint: every block, and the inline
    children of the blocks that may hold a link or an image (a "[" or a "<"); the others get
    none. Parsing the inline content of every paragraph was a third of loading a posting."""
    env: dict = {}  # the body's link reference definitions, for the inline parses
    tokens = _BLOCKS.parse(markdown or "", env)
    for token in tokens:
        if token.type == "inline":
            has_links = "[" in token.content or "<" in token.content
            token.children = _PARSER.parseInline(token.content, env)[0].children \
                if has_links else []
    return tokens


def render(markdown: str) -> Markup:
    """Markdown -> sanitized, tidied HTML, marked safe for templates."""
    return Markup(tidy(sanitize(_PARSER.render(markdown or ""))))


_BREAK = re.compile(r"<(?:br|/?(?:p|div|li|ul|ol|h[1-6]|tr|table|blockquote))\b[^>]*>", re.I)
_SPACES = re.compile(r"\s+")


def plain_text(text: str) -> str:
    """Front-matter text that may hold HTML -> plain text, entities decoded, spaces collapsed.

        plain_text("<p>Ottawa &#8211; Gatineau</p><p>Hi</p>") -> "Ottawa – Gatineau Hi"
    """
    if "<" not in text and "&" not in text:
        return text
    stripped = nh3.clean(_BREAK.sub(" ", text), tags=set(), clean_content_tags=DROP_WITH_CONTENT)
    return _SPACES.sub(" ", html_lib.unescape(stripped)).strip()
