"""Page checks shared by the view tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
CORPUS = ROOT.parent / "shared" / "corpus" / "cds"
PAGE_SIZE = 5  # small pages, so that the sample content has several


def _text(raw: str) -> str:
    return " ".join(raw.split())


@dataclass
class Page:
    """What assert_page read from a response: the h1s, the title, the html lang, the links."""

    html: str
    lang: str | None = None
    title: str = ""
    h1s: list[str] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_title = False
        self.h1_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.page.lang = attributes.get("lang")
        elif tag == "title":
            self.in_title = True
        elif tag == "h1":
            self.h1_depth += 1
            self.page.h1s.append("")
        elif tag == "a":
            self.page.links.append(attributes)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag == "h1":
            self.h1_depth -= 1

    def handle_data(self, data):
        if self.in_title:
            self.page.title += data
        if self.h1_depth:
            self.page.h1s[-1] += data


def read_page(html: str) -> Page:
    """Parse a page without checking it."""
    page = Page(html)
    _Reader(page).feed(html)
    page.title, page.h1s = _text(page.title), [_text(h1) for h1 in page.h1s]
    return page


def assert_page(response, status: int = 200, lang: str | None = None) -> Page:
    """An HTML page with the status, exactly one <h1>, a <title> starting with it, <html lang>."""
    assert response.status_code == status, (response.status_code, response.get_data(True)[:500])
    assert response.mimetype == "text/html"
    page = read_page(response.get_data(as_text=True))
    assert len(page.h1s) == 1, f"expected one <h1>, found {page.h1s}"
    assert page.h1s[0], "the <h1> is empty"
    assert page.title.startswith(page.h1s[0]), (page.title, page.h1s[0])
    assert page.lang in ("en", "fr"), f"<html lang> is {page.lang!r}"
    if lang:
        assert page.lang == lang
    return page


def web_settings(content: Path, index_dir: Path, instance: Path, **more) -> dict:
    """Settings for create_app with every writable folder outside the repository."""
    return {"TESTING": True, "CONTENT_DIR": str(content), "INDEX_DIR": str(index_dir),
            "INSTANCE_DIR": str(instance), "SECRET_KEY": "test-secret", "PAGE_SIZE": PAGE_SIZE,
            "DATABASE_URL": f"sqlite:///{instance / 'hr.sqlite3'}", "ENV": "development", **more}
