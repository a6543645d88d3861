"""Turn what a candidate types into a Whoosh query over both languages.

Syntax people expect: words are AND-ed, "a quoted phrase", -exclusion, prefix*, a OR b.
Each language gets its own query built with its own analyzer, and the two are OR-ed: one
MultifieldParser over both would keep a French stop word required on the English side.

    parse_user_query('"service design" -junior analy* OR data')
    -> clauses [phrase "service design"], [prefix analy | word data], excluded [junior]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq

from jobboard.langs import LANGS
from jobboard.search import analyzers
from jobboard.search.analyzers import folded_words
from jobboard.taxonomy import LEGACY, join_codes, parse_classifications

MAX_QUERY_CHARS = 256
MAX_TERMS = 32
MIN_PREFIX = 3

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


class QueryError(ValueError):
    """The query cannot be run; `code` is stable, the message is for people (English)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Term:
    """One thing to match: a word, a phrase or a prefix, as typed."""

    text: str
    kind: str  # "word" | "phrase" | "prefix"


@dataclass
class ParsedQuery:
    """Clauses are AND-ed; the terms inside a clause are OR-ed; excluded terms are NOT-ed."""

    clauses: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def terms(self) -> list[Term]:
        return [term for clause in self.clauses for term in clause]


def parse_user_query(text: str) -> ParsedQuery:
    """Split a query string into clauses; QueryError when it is too long or has no words."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError("query_too_long", f"the search is longer than {MAX_QUERY_CHARS} "
                         "characters")
    parsed = ParsedQuery()
    pending_or = False
    count = 0
    for match in _TOKEN.finditer(join_codes(text)):
        negate, phrase, word = match.group(1) == "-", match.group(2), match.group(3)
        if word == "OR":
            pending_or = bool(parsed.clauses)
            continue
        if phrase is not None:
            term = Term(phrase.strip(), "phrase")
        else:
            negate = word.startswith("-") and len(word) > 1
            word = word.lstrip("-")
            prefix = word.endswith("*") and len(word.rstrip("*")) >= MIN_PREFIX
            term = Term(word.strip("*"), "prefix" if prefix else "word")
        if not folded_words(term.text):
            continue  # punctuation only: nothing to search for
        count += 1
        if count > MAX_TERMS:
            raise QueryError("too_many_terms", f"the search has more than {MAX_TERMS} words")
        if negate:
            parsed.excluded.append(term)
        elif pending_or:
            parsed.clauses[-1].append(term)
        else:
            parsed.clauses.append([term])
        pending_or = False
    if not parsed.clauses and not parsed.excluded and text.strip():
        raise QueryError("no_terms", "the search has no letters or digits")
    return parsed


def _fields(lang: str) -> tuple[str, str]:
    return f"title_{lang}", f"body_{lang}"


def _analyzed(lang: str, text: str) -> list[str]:
    return analyzers.tokens(lang, text)


def _code_variants(text: str) -> list[str] | None:
    """A word that is one classification code -> every way it is written: "cs4" -> IT-04, CS-04."""
    codes = parse_classifications(text)
    if len(codes) != 1 or not re.fullmatch(r"[\w\-\u2011]+", text):
        return None
    code = codes[0]
    legacy = [old for old, new in LEGACY.items() if new == code.group]
    return [code.code, *(f"{old}-{code.level:02d}" for old in legacy)]


def term_query(term: Term, lang: str) -> wq.Query | None:
    """The query for one term in one language, or None when it vanishes (a stop word)."""
    subqueries: list[wq.Query] = []
    variants = _code_variants(term.text) if term.kind == "word" else None
    if term.kind == "prefix":
        words = folded_words(term.text)
        if not words:
            return None
        prefixes = {words[-1], *_analyzed(lang, words[-1])}
        for name in _fields(lang):
            subqueries.extend(wq.Prefix(name, p) for p in prefixes if len(p) >= MIN_PREFIX - 1)
    else:
        for text in variants or [term.text]:
            tokens = _analyzed(lang, text)
            for name in _fields(lang) if tokens else ():
                subqueries.append(wq.Term(name, tokens[0]) if len(tokens) == 1
                                  else wq.Phrase(name, tokens))
    if variants:
        subqueries.append(wq.Term("classification", variants[0]))
    return wq.Or(subqueries) if subqueries else None


def language_query(parsed: ParsedQuery, lang: str) -> wq.Query | None:
    """All clauses in one language; None when every clause vanished in that language."""
    required: list[wq.Query] = []
    for clause in parsed.clauses:
        options = [q for q in (term_query(t, lang) for t in clause) if q is not None]
        if not options:
            continue  # every term of this clause is a stop word in this language
        required.append(wq.Or(options) if len(options) > 1 else options[0])
    if not required and parsed.clauses:
        return None
    positive: wq.Query = wq.And(required) if required else wq.Every()
    excluded = [q for q in (term_query(t, lang) for t in parsed.excluded) if q is not None]
    return wq.AndNot(positive, wq.Or(excluded)) if excluded else positive


def build_query(parsed: ParsedQuery) -> wq.Query:
    """OR of the per-language queries; a posting matches in either of its languages."""
    sides = [q for q in (language_query(parsed, lang) for lang in LANGS) if q is not None]
    return wq.Or(sides) if sides else wq.NullQuery


def highlight_terms(parsed: ParsedQuery, lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """What to mark in a snippet of a document in lang: (indexed terms, term prefixes).

    'données analy*' in French -> ({"don"}, ("analy",)): a word is marked when its
    indexed term is one of the terms or starts with one of the prefixes, as the query matched.
    """
    terms: set[str] = set()
    prefixes: set[str] = set()
    for term in parsed.terms:
        if term.kind == "prefix":
            words = folded_words(term.text)
            if words:
                prefixes.update(p for p in {words[-1], *_analyzed(lang, words[-1])}
                                if len(p) >= MIN_PREFIX - 1)
        else:
            terms.update(_analyzed(lang, term.text))
    return frozenset(terms), tuple(sorted(prefixes))
