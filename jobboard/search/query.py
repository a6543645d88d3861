"""Search: `SearchRequest` in, `SearchResults` out, all plain data for views, API and CLI.

Both languages are searched; each posting appears once, in the UI language when it has a
translation, otherwise in its own language (`Hit.lang` differs from the UI language then).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from whoosh.highlight import ContextFragmenter, HtmlFormatter, get_text, highlight

from jobboard import taxonomy, vocabulary
from jobboard.search import analyzers
from jobboard.search.catalog import FILTERS, STATUSES, Catalog, facet_counts
from jobboard.search.parse import (
    LANGS,
    ParsedQuery,
    QueryError,
    build_query,
    highlight_terms,
    parse_user_query,
)
from jobboard.search.schema import from_json, searchable_text
from jobboard.search.suggest import Speller, suggest

SORTS = ("relevance", "newest", "closing")
MAX_PAGE_SIZE = 100
MAX_PAGE = 1000
MAX_FILTER_VALUES = 50
DEFAULT_STATUS = ("open",)

__all__ = ["FacetGroup", "FacetValue", "Hit", "QueryError", "SearchRequest", "SearchResults",
           "run_search", "FILTERS", "SORTS"]


@dataclass(frozen=True)
class SearchRequest:
    """What a candidate asked for. Filters: name -> selected values (OR within, AND across)."""

    q: str = ""
    ui_lang: str = "en"
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = ""
    page: int = 1
    page_size: int = 20

    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.q.strip() else "newest")

    def params(self) -> list[tuple[str, str]]:
        """Query-string pairs for this request (page 1 and default sort omitted)."""
        pairs = [("q", self.q)] if self.q else []
        for name in FILTERS:
            pairs.extend((name, value) for value in self.filters.get(name, ()))
        if self.sort:
            pairs.append(("sort", self.sort))
        if self.page > 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def toggled(self, name: str, value: str) -> SearchRequest:
        """The same search with one filter value switched on or off, back on page 1."""
        current = tuple(self.filters.get(name, DEFAULT_STATUS if name == "status" else ()))
        values = tuple(v for v in current if v != value) if value in current else (
            *current, value)
        return replace(self, filters={**self.filters, name: values}, page=1)


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    params: tuple[tuple[str, str], ...] = ()
    group: str | None = None
    group_label: str | None = None


@dataclass(frozen=True)
class FacetGroup:
    name: str
    values: tuple[FacetValue, ...]

    @property
    def selected(self) -> tuple[FacetValue, ...]:
        return tuple(v for v in self.values if v.selected)


@dataclass(frozen=True)
class Hit:
    uid: str
    key: str
    lang: str
    slug: str
    title: str
    description: str
    snippet: str  # HTML: escaped text with <mark> around matches
    classifications: tuple[tuple[str, str], ...]  # (current code, written code)
    language_requirement: str | None
    language_requirement_label: str | None
    language_profile: str | None
    locations: tuple[str, ...]
    tenure: str | None
    department: str | None
    status: str
    archived: bool
    stale: bool
    date_posted: dt.date | None
    closing_date: dt.date | None
    salary_min: int | None
    salary_max: int | None
    translation: tuple[str, str] | None  # (lang, slug) of the other language's version
    score: float = 0.0


@dataclass(frozen=True)
class SearchResults:
    request: SearchRequest
    total: int
    hits: tuple[Hit, ...]
    facets: tuple[FacetGroup, ...]
    suggestion: str | None = None
    generation: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.page_size))


def validate(request: SearchRequest) -> SearchRequest:
    """Check bounds and vocabulary; QueryError naming the parameter otherwise."""
    if request.ui_lang not in LANGS:
        raise QueryError("bad_lang", "lang must be en or fr")
    if request.sort and request.sort not in SORTS:
        raise QueryError("bad_sort", f"sort must be one of {', '.join(SORTS)}")
    if not 1 <= request.page <= MAX_PAGE:
        raise QueryError("bad_page", f"page must be between 1 and {MAX_PAGE}")
    if not 1 <= request.page_size <= MAX_PAGE_SIZE:
        raise QueryError("bad_page_size", f"page_size must be between 1 and {MAX_PAGE_SIZE}")
    for name, values in request.filters.items():
        if name not in FILTERS:
            raise QueryError("bad_filter", f"unknown filter {name}")
        if len(values) > MAX_FILTER_VALUES or any(len(v) > 64 for v in values):
            raise QueryError("bad_filter", f"too many or too long values for {name}")
        if name == "status" and not set(values) <= {*STATUSES, "all"}:
            raise QueryError("bad_filter", f"status must be one of {', '.join(STATUSES)}, all")
    return _normalised(request)


def _normalised(request: SearchRequest) -> SearchRequest:
    filters = {name: tuple(dict.fromkeys(v for v in values if v))
               for name, values in request.filters.items() if values}
    if "classification" in filters:  # "it3", "CS-03" -> "IT-03"
        filters["classification"] = tuple(dict.fromkeys(
            next((c.code for c in taxonomy.parse_classifications(v)), v.upper())
            for v in filters["classification"]))
    status = filters.get("status", DEFAULT_STATUS)
    filters["status"] = STATUSES if "all" in status else status
    return replace(request, filters=filters)


def _label(name: str, value: str, lang: str, catalog: Catalog) -> str:
    if name == "classification":
        return value
    if name == "language_requirement":
        return taxonomy.language_requirement_label(value, lang)
    if name == "location":
        return vocabulary.location_label(
            value, lang, catalog.views[lang].written.get(("location", value)))
    if name == "tenure":
        return vocabulary.tenure_label(value, lang)
    if name == "department":
        return vocabulary.department_label(value, lang)
    return value


def _facets(catalog: Catalog, request: SearchRequest, counts) -> tuple[FacetGroup, ...]:
    lang, groups = request.ui_lang, []
    for name in FILTERS:
        chosen = request.filters.get(name, ())
        values = []
        for value, count in counts[name].items():
            if count == 0 and value not in chosen and name != "status":
                continue
            group = value.rsplit("-", 1)[0] if name == "classification" else None
            values.append(FacetValue(
                value, _label(name, value, lang, catalog), count, value in chosen,
                tuple(request.toggled(name, value).params()), group,
                taxonomy.group_label(group, lang) if group else None))
        if name in ("classification",):
            values.sort(key=lambda v: (v.group or "", v.value))
        elif name == "status":
            values.sort(key=lambda v: STATUSES.index(v.value))
        else:
            values.sort(key=lambda v: (-v.count, v.label))
        groups.append(FacetGroup(name, tuple(values)))
    return tuple(groups)


class MarkFormatter(HtmlFormatter):
    """Escaped text with bare <mark> around each match."""

    def format_token(self, text, token, replace=False):
        return f"<mark>{self._text(get_text(text, token, replace))}</mark>"


_FORMATTER = MarkFormatter(between=" … ")
_FRAGMENTER = ContextFragmenter(maxchars=220, surround=60)


WINDOW = 600  # characters analysed around a likely match: bounded cost per hit


_ACCENTED = {"a": "[aàâä]", "e": "[eéèêë]", "i": "[iîï]", "o": "[oôö]", "u": "[uùûü]",
             "c": "[cç]", "y": "[yÿ]"}


def _stem_pattern(term: str) -> str:
    """Regex for words starting like a folded stem, accents optional: "secur" -> s[eé…]c…"""
    prefix = term[: max(3, len(term) - 1)]
    return "".join(_ACCENTED.get(char, re.escape(char)) for char in prefix)


def _window(text: str, terms: set[str]) -> str:
    """Text around the first place a term's stem starts a word (stems are near-prefixes of the
    folded word: "don" for "données", "polic" for "policy"); the highlighter then verifies."""
    stems = sorted((_stem_pattern(t) for t in terms if t), key=len, reverse=True)
    match = re.search(rf"\b(?:{'|'.join(stems)})", text, re.IGNORECASE) if stems else None
    if match is None:
        return ""
    start = max(0, match.start() - WINDOW // 3)
    return text[start: start + WINDOW]


def _snippet(text: str, lang: str, terms: set[str]) -> str:
    if terms:
        window = _window(text, terms)
        marked = highlight(window, terms, analyzers.shared(lang), _FRAGMENTER, _FORMATTER,
                           top=2) if window else ""
        if marked:
            return marked
    return _FORMATTER._text(text[:220].rsplit(" ", 1)[0] + ("…" if len(text) > 220 else ""))


def _hit(searcher, catalog: Catalog, posting: int, request: SearchRequest,
         parsed: ParsedQuery | None, score: float, today: dt.date) -> Hit:
    docnum = catalog.display_doc(posting, request.ui_lang)
    facts = catalog.meta[docnum]
    source = from_json(searcher.stored_fields(docnum)["source"])
    other = next((catalog.meta[d] for lang, d in catalog.documents[posting].items()
                  if lang != source.lang), None)
    terms = highlight_terms(parsed, source.lang) if parsed else set()
    return Hit(
        uid=source.uid, key=source.key, lang=source.lang, slug=source.slug, title=source.title,
        description=source.description,
        snippet=_snippet(searchable_text(source), source.lang, terms),
        classifications=tuple((c.code, c.written) for c in source.classifications),
        language_requirement=source.language_requirement,
        language_requirement_label=taxonomy.language_requirement_label(
            source.language_requirement, request.ui_lang) if source.language_requirement
        else None,
        language_profile=source.language_profile, locations=source.locations,
        tenure=source.tenure, department=source.department,
        status=catalog.status_of(posting, request.ui_lang, today), archived=source.archived,
        stale=facts["stale"], date_posted=source.date_posted, closing_date=source.closing_date,
        salary_min=source.salary_min, salary_max=source.salary_max,
        translation=(other["lang"], other["slug"]) if other else None, score=score,
    )


def _by_facts(catalog: Catalog, postings: set[int], request: SearchRequest) -> list[int]:
    view = catalog.views[request.ui_lang]
    if request.effective_sort() == "closing":
        return sorted(postings, key=lambda p: (view.closing[p] or 10**7, -view.date_posted[p], p))
    return sorted(postings, key=lambda p: (-view.date_posted[p], p))


def _by_relevance(searcher, catalog: Catalog, query, postings: set[int],
                  wanted: int) -> tuple[list[int], dict[int, float]]:
    """The best `wanted` postings by score, scoring only as many documents as needed."""
    allowed = {docnum for p in postings for docnum in catalog.documents[p].values()}
    limit = wanted * 2 + 10  # both languages of a posting may match
    while True:
        results = searcher.search(query, limit=limit, filter=allowed, terms=False)
        scores: dict[int, float] = {}
        for score, docnum in results.top_n:
            posting = catalog.key_of[docnum]
            scores[posting] = max(score, scores.get(posting, 0.0))
        if len(scores) >= wanted or len(results.top_n) < limit:
            break
        limit *= 4
    return sorted(scores, key=lambda p: (-scores[p], p)), scores


def run_search(searcher, catalog: Catalog, request: SearchRequest,
               today: dt.date | None = None, generation: str | None = None,
               speller: Callable[[], Speller] | None = None) -> SearchResults:
    """Run a validated-or-not request against one searcher and its catalog.

    Matching, totals and facet counts use unscored document sets; only the postings up to the
    requested page are scored (Whoosh scoring is the expensive part).
    """
    request = validate(request)
    today = today or dt.date.today()
    parsed = parse_user_query(request.q) if request.q.strip() else None
    if parsed is None:
        query, base = None, set(range(len(catalog)))
    else:
        query = build_query(parsed)
        key_of = catalog.key_of
        base = {key_of[docnum] for docnum in searcher.docs_for_query(query)}
    matches, counts = facet_counts(catalog, base, request.filters, request.ui_lang, today)
    start = (request.page - 1) * request.page_size
    scores: dict[int, float] = {}
    if query is not None and request.effective_sort() == "relevance" and matches:
        ordered, scores = _by_relevance(searcher, catalog, query, matches,
                                        start + request.page_size)
    else:
        ordered = _by_facts(catalog, matches, request)
    page = ordered[start: start + request.page_size]
    hits = tuple(_hit(searcher, catalog, p, request, parsed, scores.get(p, 0.0), today)
                 for p in page)
    suggestion = None
    if parsed and len(matches) < 3:
        chosen = speller() if speller else Speller(searcher.reader())
        suggestion = suggest(searcher.reader(), chosen, request.q, parsed)
    return SearchResults(request, len(matches), hits, _facets(catalog, request, counts),
                         suggestion, generation)
