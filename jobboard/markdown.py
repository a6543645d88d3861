"""Posting bodies: Markdown (raw HTML allowed by authors) -> sanitized HTML safe to embed.

    render("## Role\\n<script>x</script><b onclick=y>hi</b>") -> '<h2>Role</h2>\\n<b>hi</b>'

markdown-it renders, nh3 keeps an allow-list of tags, attributes and URL schemes. Landmark
elements (nav, header…) and h1 are not allowed: the page already has them, once.
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "del",
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


def _shift_headings(tokens) -> None:
    # Bodies may start at "#": the page's title is the only h1, so the body starts at h2.
    levels = [int(t.tag[1]) for t in tokens if t.type in ("heading_open", "heading_close")]
    shift = 2 - min(levels, default=2)
    if shift <= 0:
        return
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"


def sanitize(html: str) -> str:
    """Keep the allow-listed tags, attributes and URL schemes; drop scripts and empty links."""
    cleaned = nh3.clean(html, tags=TAGS, clean_content_tags=DROP_WITH_CONTENT,
                        attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                        link_rel="noopener noreferrer")
    return _EMPTY_LINK.sub("", cleaned)


def render(markdown: str) -> Markup:
    """Markdown -> sanitized HTML, marked safe for templates."""
    tokens = _PARSER.parse(markdown or "")
    _shift_headings(tokens)
    html = _PARSER.renderer.render(tokens, _PARSER.options, {})
    return Markup(sanitize(html))
