"""Snippets: up to two fragments of a posting around the words a query matched, escaped, with
<mark> around each matched word.

    snippet(posting, Marker.of(parse_user_query("donnees"), "fr"))
    -> "La Division de la science des <mark>données</mark> de Statistique Canada … des
        <mark>données</mark> administratives afin de produire des estimations"

A word is marked when its indexed term (the same analysis as the index) is one of the query's
terms or starts with one of its prefixes, so "Données" is marked for "donnees". Only words
that look like a query stem are analysed, and only in a few windows of the Markdown.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from jobboard.postings import Posting
from jobboard.search import analyzers
from jobboard.search.parse import ParsedQuery, highlight_terms
from jobboard.search.schema import plain_text

SNIPPET_CHARS = 220  # longest fragment
SURROUND = 60  # characters of context before the first and after the last mark of a fragment
FRAGMENTS = 2


WINDOW = 600  # characters analysed around a likely match: bounded cost per hit


_ACCENTED = {"a": "[aàâä]", "e": "[eéèêë]", "i": "[iîï]", "o": "[oôö]", "u": "[uùûü]",
             "c": "[cç]", "y": "[yÿ]"}
_WORD = re.compile(analyzers.WORD_PATTERN)
_SPACE = re.compile(r"\s+")


def _stem_pattern(term: str) -> str:
    """Regex for words starting like a folded stem, accents optional: "secur" -> s[eé…]c…"""
    prefix = term[: max(3, len(term) - 1)]
    return "".join(_ACCENTED.get(char, re.escape(char)) for char in prefix)


@lru_cache(maxsize=4096)
def _likely(terms: frozenset[str], prefixes: tuple[str, ...]) -> re.Pattern | None:
    """The pattern of words starting like one of the stems (remembered: a search builds it
    for each language, escaping every letter)."""
    stems = sorted({_stem_pattern(t) for t in (*terms, *prefixes) if t}, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(stems)})", re.IGNORECASE) if stems else None


@lru_cache(maxsize=200_000)
def _term_of(lang: str, word: str) -> str | None:
    """The indexed term of one word, memoised: "Données" -> "don"; stop words -> None."""
    found = analyzers.tokens(lang, word)
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True)
class Marker:
    """What to mark in snippets of one language: a word is marked when its indexed term is
    one of `terms` or starts with one of `prefixes` (as the query matched). `likely` finds
    words starting like a stem (stems are near-prefixes of the folded word: "don" for
    "données"), so only those few words are analysed."""

    lang: str
    terms: frozenset[str]
    prefixes: tuple[str, ...]
    likely: re.Pattern | None

    @classmethod
    def of(cls, parsed: ParsedQuery | None, lang: str) -> Marker:
        terms, prefixes = highlight_terms(parsed, lang) if parsed else (frozenset(), ())
        return cls(lang, terms, prefixes, _likely(terms, prefixes))

    def marks(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every marked word of text."""
        found = []
        for likely in self.likely.finditer(text) if self.likely else ():
            word = _WORD.match(text, likely.start())
            term = _term_of(self.lang, word.group()) if word else None
            if term is not None and (term in self.terms or term.startswith(self.prefixes)):
                found.append(word.span())
        return found


def _marked(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> str:
    """Escaped text[start:end] with <mark> around each (start, end) span, spaces collapsed."""
    pieces, position = [], start
    for mark_start, mark_end in marks:
        pieces.append(html.escape(_SPACE.sub(" ", text[position:mark_start])))
        pieces.append(f"<mark>{html.escape(text[mark_start:mark_end])}</mark>")
        position = mark_end
    pieces.append(html.escape(_SPACE.sub(" ", text[position:end])))
    return "".join(pieces).strip()


def _fragment(text: str, marks: list[tuple[int, int]]) -> str:
    start = max(0, marks[0][0] - SURROUND)
    end = min(len(text), marks[-1][1] + SURROUND)
    if start > 0:  # begin and end on word boundaries
        space = text.find(" ", start, marks[0][0])
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", marks[-1][1], end)
        end = space if space != -1 else end
    return _marked(text, start, end, marks)


def _highlight(text: str, marker: Marker) -> str:
    """Up to two fragments around marked words, in text order ("" when none)."""
    fragments: list[list[tuple[int, int]]] = []
    for span in marker.marks(text):
        if fragments and span[1] - fragments[-1][0][0] <= SNIPPET_CHARS - 2 * SURROUND:
            fragments[-1].append(span)
        else:
            fragments.append([span])
    best = sorted(fragments, key=lambda f: -len({text[s:e].lower() for s, e in f}))[:FRAGMENTS]
    return " … ".join(_fragment(text, f) for f in sorted(best))


def _windows(markdown: str, marker: Marker, tries: int = 3):
    """Plain text around the first likely matches of the Markdown, cut at line ends so that
    links and emphasis are not split (only the window is converted to plain text)."""
    after = 0
    for likely in marker.likely.finditer(markdown) if marker.likely else ():
        if likely.start() < after:
            continue
        start = max(0, likely.start() - WINDOW // 3)
        line = markdown.find("\n", start, likely.start())
        start = line + 1 if line != -1 else start
        end = start + WINDOW
        line = markdown.rfind("\n", likely.end(), end)
        end = line if line != -1 and end < len(markdown) else end
        yield plain_text(markdown[start:end])
        after, tries = end, tries - 1
        if not tries:
            return


def snippet(posting: Posting, marker: Marker) -> str:
    """Highlighted fragments around the query's words, or the beginning of the text."""
    markdown = f"{posting.description}\n\n{posting.body}"
    for window in _windows(markdown, marker):
        marked = _highlight(window, marker)
        if marked:
            return marked
    text = _SPACE.sub(" ", plain_text(markdown[:SNIPPET_CHARS * 2])).strip()
    if len(text) > SNIPPET_CHARS:  # cut at the last whole word
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"
    return html.escape(text)


