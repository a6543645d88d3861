"""Content lint: what makes a valid posting wrong for candidates, told to HR with the fix.

`check_file` looks at one file (placeholder or test postings, an open posting without closing
date, HTML in the title or description, skipped heading levels, vague link text, images, links
that are not HTTPS); its problems are kept with the file's record like any other.
`check_across` compares the files kept after copies collapse: missing translations, the same title
open twice, English and French files that disagree.

    check_file(meta={"title": "Test Job Post"}, body="", ...) -> hidden "placeholder" + warning
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from jobboard import markdown, status
from jobboard.problems import Problem, problem

# Words that say a posting is not a real one, in its title or description ("Test Job Post",
# "Test Description", "<p>Description of job</p>", "please do not publish", "lorem ipsum").
# A title *starting* with "Test Job…", "Test Title", "TestJD" or just "Test" ("Test Engineer"
# is a real job).
_PLACEHOLDER_TITLE = re.compile(
    r"^\W*(?:fr\s+|en\s+)?test(?:[\s-]*(?:job|post|posting|title|dev|jd)\b|\W*$)"
    r"|\bjob posting test\b|\bnew job posting\b|\bdo not publish\b|\bne pas publier\b"
    r"|\blorem ipsum\b", re.I)
_PLACEHOLDER_TEXT = re.compile(
    r"^\W*(?:french |fr |en )?test\b|\bdo not publish\b|\bne pas publier\b|\blorem ipsum\b"
    r"|\bthis is (?:a|the) (?:test|job description)\b|^\W*description of (?:the )?job\W*$"
    r"|\bceci est un test\b|\bpreview link\b|\blien de prévisualisation\b", re.I)
_PLACEHOLDER_BODY = re.compile(r"\bdo not publish\b|\bne pas publier\b|\blorem ipsum\b", re.I)
_HTML = re.compile(r"<[a-zA-Z/][^>]*>|&#?\w+;")
# Link text that says nothing out of context (WCAG 2.4.4), in English and French.
VAGUE_LINKS = {
    "click here", "here", "click", "this link", "link", "read more", "more", "learn more",
    "more info", "more information", "this page", "ici", "cliquez ici", "cliquer ici",
    "ce lien", "lien", "en savoir plus", "plus", "lire la suite", "cette page", "suite",
}
_RAW_LINK = re.compile(r"<a\b[^>]*?href=[\"']([^\"']*)[\"'][^>]*>(.*?)</a>", re.I | re.S)
_RAW_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r"\balt=[\"']\s*[^\"'\s]", re.I)
_SRC = re.compile(r"\bsrc=[\"']([^\"']*)", re.I)
_RAW_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.I | re.S)


# A problem names at most this many files of a group (the count gives its size): listing every
# copy in every copy's warning made the report grow with the square of a group's size (16 MB
# at 10,000 synthetic files, most of the 100k reindex's time).
FILES_NAMED = 5


def _some(paths: list[str]) -> str:
    """The first FILES_NAMED paths, then "…" when there are more."""
    named = ", ".join(paths[:FILES_NAMED])
    return named + ", …" if len(paths) > FILES_NAMED else named


# Every code the lint gives (warnings about content that is valid but wrong for candidates).
CODES = frozenset({
    "placeholder", "open_without_closing", "open_too_long", "html_text", "skipped_heading",
    "vague_link", "image_without_alt", "insecure_link", "missing_translation", "open_twice",
    "pair_status_conflict", "pair_closing_conflict", "pair_requirement_conflict"})


@dataclass
class FileLint:
    """What the lint found in one file: its problems, and why candidates must not see it."""

    problems: list[Problem] = field(default_factory=list)
    hidden: str | None = None  # "draft", "placeholder" or None


def _sample(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def check_file(rel: str, meta: dict, body: str, body_line: int, archived: bool,
               has_closing: bool, draft: bool | None) -> FileLint:
    """Lint one valid file. `body_line` is the file line of the body's first line; `draft` is
    the front matter's draft (None when absent: a placeholder is then hidden)."""
    found = FileLint()
    add = found.problems.append
    title, description = (str(meta.get(n) or "").strip() for n in ("title", "description"))
    plain_description = markdown.plain_text(description)
    placeholder = next(((name, match) for name, match in (
        ("title", _PLACEHOLDER_TITLE.search(markdown.plain_text(title))),
        ("description", _PLACEHOLDER_TEXT.search(plain_description)),
        ("body", _PLACEHOLDER_BODY.search(body))) if match), None)
    if draft:
        found.hidden = "draft"
    elif placeholder and draft is None:
        found.hidden = "placeholder"
        add(problem(rel, None, placeholder[0], "placeholder", "warning",
                    found=_sample(placeholder[1].group(0).strip())))
    for name, value in (("title", title), ("description", description)):
        if _HTML.search(value):
            add(problem(rel, None, name, "html_text", "warning", sample=_sample(value)))
    if not archived and not has_closing and not found.hidden:
        add(problem(rel, None, "closing_date", "open_without_closing", "warning"))
    found.problems.extend(_check_body(rel, body, body_line))
    return found


def _check_body(rel: str, body: str, first_line: int) -> list[Problem]:
    found: list[Problem] = []
    previous = 1  # the page's title; the body's top level is ## (a # is shown as ##)
    for line, kind, data in _walk(body):
        at = first_line + line
        if kind == "heading":
            level, text = data
            if level > previous + 1:
                found.append(problem(rel, at, "body", "skipped_heading", "warning",
                                     heading=_sample(text), before=previous, level=level,
                                     marks="#" * (previous + 1)))
            previous = level
        elif kind == "link":
            href, text = data
            words = " ".join(markdown.plain_text(text).lower().strip(" .:!→»").split())
            if words in VAGUE_LINKS:
                found.append(problem(rel, at, "body", "vague_link", "warning", text=words))
            if href.lower().startswith("http://"):
                found.append(problem(rel, at, "body", "insecure_link", "warning", url=href))
        elif kind == "image" and not data[1].strip():
            found.append(problem(rel, at, "body", "image_without_alt", "warning",
                                 src=_sample(data[0])))
    return found


# A body none of whose characters or lines could make Markdown see a heading other than its
# "#" lines, or any link or image: no brackets, HTML, code, quotes or tables, no line that
# underlines a heading or is a rule, no "#" behind a list marker or indented as code.
# Two patterns, not one: a character class is searched quickly, and a pattern that starts with a
# newline jumps from line to line, where "^" with re.M was tried at every character (5x slower).
_NOT_PLAIN_CHARACTERS = re.compile(r"[\[\]<>`~|\t\r\x00\\]")
_NOT_PLAIN_LINES = re.compile(
    r"\n(?: {0,3}(?:=+|-+|\*[ *]*|_[ _]*)[ \t]*(?=\n|\Z)"
    r"| {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]+(?:[-+*]|\d{1,9}[.)]))*[ \t]+#| {4,}#)")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$", re.M)


def _plain_headings(body: str):
    """The headings of a plain body (see _NOT_PLAIN_…), as markdown-it finds them, found by a
    pattern: parsing the Markdown of each body was most of loading a posting; or None."""
    if _NOT_PLAIN_CHARACTERS.search(body) or _NOT_PLAIN_LINES.search("\n" + body):
        return None
    return [(body.count("\n", 0, match.start()), "heading",
             (len(match.group(1)), (match.group(2) or "").strip()))
            for match in _ATX.finditer(body)]


def _walk(body: str):
    """(line in the body, kind, data) for headings, links and images, Markdown or raw HTML."""
    plain = _plain_headings(body)
    if plain is not None:
        yield from plain
        return
    tokens = markdown.parse(body)
    for number, token in enumerate(tokens):
        line = token.map[0] if token.map else 0
        if token.type == "heading_open":
            yield line, "heading", (int(token.tag[1]), tokens[number + 1].content)
        elif token.type == "inline":
            yield from _inline(line, token.children or [])
        if token.type in ("html_block", "inline"):
            yield from _raw(line, token.content)


def _inline(line: int, children):
    href, text = None, []
    for child in children:
        if child.type == "softbreak":
            line += 1
        elif child.type == "link_open":
            href, text = str(child.attrs.get("href", "")), []
        elif child.type == "link_close" and href is not None:
            yield line, "link", (href, "".join(text))
            href = None
        elif child.type == "image":
            yield line, "image", (str(child.attrs.get("src", "")), child.content)
        elif href is not None:
            text.append(child.content)


def _raw(line: int, html: str):
    for match in _RAW_HEADING.finditer(html):
        yield line + html[:match.start()].count("\n"), "heading", (
            int(match.group(1)), markdown.plain_text(match.group(2)))
    for match in _RAW_LINK.finditer(html):
        yield line + html[:match.start()].count("\n"), "link", (match.group(1), match.group(2))
    for match in _RAW_IMG.finditer(html):
        src = _SRC.search(match.group(0))
        alt = "x" if _ALT.search(match.group(0)) else ""
        yield line + html[:match.start()].count("\n"), "image", (src.group(1) if src else "", alt)


def check_across(entries: list, today: dt.date, open_days: int) -> list[Problem]:
    """Problems between the kept files (one per language and key): an open posting without
    its translation, open too long, English and French files that disagree, the same title
    open under several keys."""
    found: list[Problem] = []
    by_key: dict[str, dict[str, object]] = defaultdict(dict)
    for entry in entries:
        by_key[entry.key][entry.lang] = entry
    status_of = _file_statuses(entries, today, open_days)
    open_titles: dict[tuple[str, str], list] = defaultdict(list)
    for key, files in by_key.items():
        statuses = {lang: status_of[id(e)] for lang, e in files.items()}
        shown = status.pair_status(statuses.values())
        for lang, entry in files.items():
            if statuses[lang] == "closed" and status.expired(entry.closing_date,
                                                             entry.date_posted, today, open_days):
                found.append(problem(entry.path, None, "closing_date", "open_too_long",
                                     "warning", posted=entry.date_posted.isoformat(),
                                     days=open_days))
            if shown == "open":
                open_titles[(lang, " ".join(entry.title.casefold().split()))].append(entry)
        if len(files) == 1 and shown == "open":
            (lang, entry), = files.items()
            other = "fr" if lang == "en" else "en"
            found.append(problem(entry.path, None, "translationKey", "missing_translation",
                                 "warning", other=other, key=key))
        elif len(files) == 2:
            found.extend(_conflicts(files["en"], files["fr"], statuses, shown))
    for (_, _), copies in sorted(open_titles.items()):
        if len({entry.key for entry in copies}) > 1:
            paths = _some(sorted(entry.path for entry in copies))
            found.extend(problem(entry.path, None, "title", "open_twice", "warning",
                                 title=entry.title, count=len(copies), files=paths)
                         for entry in copies)
    return found


def _file_statuses(entries: list, today: dt.date, open_days: int) -> dict[int, str]:
    """id(entry) -> its file status, for all entries in one pass of the rule's arrays (one
    call per file cost 9 µs: 90 ms of each reindex at 10,000 files)."""
    def ordinal(day: dt.date | None) -> int:
        return day.toordinal() if day else 0

    numbers = status.codes(np.array([e.archived for e in entries], dtype=bool),
                           np.array([ordinal(e.closing_date) for e in entries], dtype=np.int64),
                           np.array([ordinal(e.date_posted) for e in entries], dtype=np.int64),
                           today, open_days)
    return {id(e): status.STATUSES[n] for e, n in zip(entries, numbers.tolist(), strict=True)}


def _conflicts(english, french, statuses: dict[str, str], shown: str) -> list[Problem]:
    found = []
    pairs = ((english, french), (french, english))
    if statuses["en"] != statuses["fr"]:
        for mine, theirs in pairs:
            found.append(problem(mine.path, None, "archived", "pair_status_conflict", "warning",
                                 mine=statuses[mine.lang],
                                 theirs=statuses[theirs.lang], other_file=theirs.path,
                                 shown=shown))
    if english.closing_date != french.closing_date:
        dates = [d for d in (english.closing_date, french.closing_date) if d]
        for mine, theirs in pairs:
            found.append(problem(mine.path, None, "closing_date", "pair_closing_conflict",
                                 "warning", mine=_day(mine.closing_date),
                                 theirs=_day(theirs.closing_date), other_file=theirs.path,
                                 shown=min(dates).isoformat()))
    if english.language_requirement != french.language_requirement:
        for mine, theirs in pairs:
            found.append(problem(mine.path, None, "language_requirement",
                                 "pair_requirement_conflict", "warning",
                                 mine=mine.language_requirement or "—",
                                 theirs=theirs.language_requirement or "—",
                                 other_file=theirs.path))
    return found


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else "—"
