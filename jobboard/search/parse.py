"""Turn what a candidate types into a Whoosh query over both languages.

Syntax people expect: words are AND-ed, "a quoted phrase", -exclusion, prefix*, a OR b.
Each language gets its own query built with its own analyzer, and the two are OR-ed: one
MultifieldParser over both would keep a French stop word required on the English side.

    parse_user_query('"service design" -junior analy* OR data')
    -> clauses [phrase "service design"], [prefix analy | word data], excluded [junior]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from whoosh import query as wq

from jobboard.langs import LANGS
from jobboard.search import analyzers
from jobboard.search.analyzers import folded_words
from jobboard.taxonomy import GROUPS, LEGACY, join_codes, parse_classifications

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
    alone: bool = False  # the only thing typed


@dataclass(frozen=True)
class Expansion:
    """Other texts that may stand for clauses first..last (inclusive), matched with a weight
    below the words typed: equivalents ("dev" -> "developer") or typo corrections."""

    first: int
    last: int
    texts: tuple[str, ...]
    weight: float
    reason: str  # "equivalent" | "typo"


@dataclass
class ParsedQuery:
    """Clauses are AND-ed; the terms inside a clause are OR-ed; excluded terms are NOT-ed.
    Expansions (never overlapping) add alternatives to spans of clauses."""

    clauses: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    expansions: list[Expansion] = field(default_factory=list)

    def single_word(self, index: int) -> str | None:
        """The text of clause index when it is one plain word (no phrase, prefix or OR)."""
        clause = self.clauses[index]
        return clause[0].text if len(clause) == 1 and clause[0].kind == "word" else None

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
    if len(parsed.terms) == 1 and not parsed.excluded:
        parsed.clauses[0][0] = replace(parsed.clauses[0][0], alone=True)
    return parsed


def _fields(lang: str) -> tuple[str, str]:
    return f"title_{lang}", f"body_{lang}"


def _analyzed(lang: str, text: str) -> list[str]:
    return analyzers.tokens(lang, text)


def code_query(term: Term) -> wq.Query | None:
    """A word that is a classification code or a bare occupational group -> the query on the
    classification facet, exact: "AS-02" -> classification AS-02 only (never IS-02 through the
    bare level "02"), "cs4" -> IT-04, "EX" -> group EX (never the French "p. ex.").

    A group is recognised when typed in capitals, or alone: "it" in a sentence stays a word."""
    if term.kind != "word" or not re.fullmatch(r"[\w\-\u2011]+", term.text):
        return None
    codes = parse_classifications(term.text)
    if len(codes) == 1:
        return wq.Term("classification", codes[0].code)
    group = term.text.upper()
    if group in GROUPS and (term.text.isupper() or term.alone):
        return wq.Prefix("classification", f"{LEGACY.get(group, group)}-")  # every level
    return None


def term_query(term: Term, lang: str, weight: float = 1.0) -> wq.Query | None:
    """The query for one term in one language, or None when it vanishes (a stop word)."""
    code = code_query(term)
    if code is not None:
        return code
    subqueries: list[wq.Query] = []
    if term.kind == "prefix":
        words = folded_words(term.text)
        if not words:
            return None
        prefixes = {words[-1], *_analyzed(lang, words[-1])}
        for name in _fields(lang):
            subqueries.extend(wq.Prefix(name, p) for p in prefixes if len(p) >= MIN_PREFIX - 1)
    else:
        tokens = _analyzed(lang, term.text)
        for name in _fields(lang) if tokens else ():
            subqueries.append(wq.Term(name, tokens[0], boost=weight) if len(tokens) == 1
                              else wq.Phrase(name, tokens, boost=weight))
    return wq.Or(subqueries) if subqueries else None


def _clause_query(clause: list[Term], lang: str) -> wq.Query | None:
    options = [q for q in (term_query(t, lang) for t in clause) if q is not None]
    if not options:
        return None  # every term of this clause is a stop word in this language
    return wq.Or(options) if len(options) > 1 else options[0]


def _span_query(parsed: ParsedQuery, expansion: Expansion,
                lang: str) -> tuple[wq.Query | None, bool]:
    """The typed clauses of a span AND-ed, OR any of its alternatives (weighted); and whether
    a typed word is left in lang (False: its words are all stop words there, like "it" in
    English for the IT group)."""
    typed = [q for q in (_clause_query(c, lang) for c in
                         parsed.clauses[expansion.first: expansion.last + 1]) if q is not None]
    options = [wq.And(typed) if len(typed) > 1 else typed[0]] if typed else []
    options.extend(q for q in (term_query(Term(text, "word"), lang, expansion.weight)
                               for text in expansion.texts) if q is not None)
    query = (wq.Or(options) if len(options) > 1 else options[0]) if options else None
    return query, bool(typed)


def language_query(parsed: ParsedQuery, lang: str) -> wq.Query | None:
    """All clauses in one language; None when every clause vanished in that language."""
    required: list[wq.Query] = []
    # Alternatives of words that vanished in lang: a typed stop word ("it strategist" in
    # English) would otherwise make its equivalents required, and find none of the postings
    # that contain the words as typed. They add to the score unless nothing else is left.
    optional: list[wq.Query] = []
    spans = {expansion.first: expansion for expansion in parsed.expansions}
    index = 0
    while index < len(parsed.clauses):
        expansion = spans.get(index)
        query, typed = (_span_query(parsed, expansion, lang) if expansion
                        else (_clause_query(parsed.clauses[index], lang), True))
        if query is not None:
            (required if typed else optional).append(query)
        index = expansion.last + 1 if expansion else index + 1
    if not required:
        required, optional = optional, []
    if not required and parsed.clauses:
        return None
    positive: wq.Query = wq.And(required) if required else wq.Every()
    if optional:
        positive = wq.AndMaybe(positive, wq.Or(optional) if len(optional) > 1 else optional[0])
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
    for expansion in parsed.expansions:
        for text in expansion.texts:
            terms.update(_analyzed(lang, text))
    return frozenset(terms), tuple(sorted(prefixes))
