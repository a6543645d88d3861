"""Search: `SearchRequest` in, `SearchResults` out, all plain data for views, API and CLI.

Both languages are searched; each posting appears once, in the UI language when it has a
translation, otherwise in its own language (`Hit.lang` differs from the UI language then).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from jobboard import eligibility, sle, taxonomy, vocabulary
from jobboard.langs import LANGS
from jobboard.postings import Posting
from jobboard.search import narrowing
from jobboard.search.catalog import FILTERS, STATUSES, Catalog, facet_counts
from jobboard.search.equivalents import Equivalents
from jobboard.search.matching import TermArrays
from jobboard.search.parse import QueryError, build_query, parse_user_query
from jobboard.search.snippets import Marker, snippet
from jobboard.search.suggest import Speller, suggest
from jobboard.search.understand import also_searched, understood

SORTS = ("relevance", "newest", "closing", "salary")
MAX_PAGE_SIZE = 100
MAX_PAGE = 1000
MAX_FILTER_VALUES = 50
MAX_SALARY = 10_000_000
DEFAULT_STATUS = ("open",)
POSTED_DAYS = narrowing.POSTED_DAYS
NEW_DAYS = 7  # "New" badge: posted this many days ago or less
CLOSING_SOON_DAYS = 7  # "Closes in N days": N at most this
FACET_VALUES_KEPT = 50_000  # FacetValues remembered per catalogue (a few MB at most)

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
    as_typed: bool = False  # no automatic correction or typo alternatives
    sle: str = ""  # second-language results, "BBC" (reading, writing, oral); "" for none
    sle_lang: str = ""  # the language of those results; "": the other one than ui_lang
    salary_min: int | None = None  # keep postings whose salary_max is at least this
    posted: int | None = None  # keep postings posted this many days ago or less

    def default_sort(self) -> str:
        """The order nobody chose: best match with words, newest without."""
        return "relevance" if self.q.strip() else "newest"

    def effective_sort(self) -> str:
        return self.sort or self.default_sort()

    def statuses(self) -> tuple[str, ...]:
        """The chosen statuses, or the default (open postings only)."""
        return tuple(self.filters.get("status", DEFAULT_STATUS))

    def default_statuses(self) -> bool:
        """Whether the statuses shown are the default ones, not a choice."""
        return self.statuses() == DEFAULT_STATUS

    def results_lang(self) -> str:
        """The language of the SLE results: as given, else the other one than the page's."""
        return self.sle_lang or ("fr" if self.ui_lang == "en" else "en")

    def params(self) -> list[tuple[str, str]]:
        """Query-string pairs for this request (page 1 and default sort omitted)."""
        return self._pairs(self.filters, self.page)

    def _pairs(self, filters: Mapping[str, tuple[str, ...]], page: int) -> list[tuple[str, str]]:
        pairs = [("q", self.q)] if self.q else []
        for name in FILTERS:
            pairs.extend((name, value) for value in filters.get(name, ()))
        if self.as_typed:
            pairs.append(("as_typed", "1"))
        if self.sle:  # with its language, which would otherwise change with the page's
            pairs += [("sle", self.sle), ("sle_lang", self.results_lang())]
        if self.salary_min is not None:
            pairs.append(("salary_min", str(self.salary_min)))
        if self.posted is not None:
            pairs.append(("posted", str(self.posted)))
        if self.sort:
            pairs.append(("sort", self.sort))
        if page > 1:
            pairs.append(("page", str(page)))
        return pairs

    def toggled(self, name: str, value: str) -> SearchRequest:
        """The same search with one filter value switched on or off, back on page 1."""
        return replace(self, filters={**self.filters, name: self._toggle(name, value)}, page=1)

    def _toggle(self, name: str, value: str) -> tuple[str, ...]:
        current = self.statuses() if name == "status" else tuple(self.filters.get(name, ()))
        return tuple(v for v in current if v != value) if value in current else (
            *current, value)

    def with_range(self, name: str, value: int | None) -> tuple[tuple[str, str], ...]:
        """Params of the same search with salary_min or posted set to value, on page 1."""
        return tuple(replace(self, **{name: value}, page=1).params())

    def toggled_params(self, name: str, value: str) -> tuple[tuple[str, str], ...]:
        """`self.toggled(name, value).params()` without building the request."""
        return tuple(self._pairs({**self.filters, name: self._toggle(name, value)}, 1))


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    # The search's query-string pairs with this value toggled: filled where a link needs them
    # (a chip), not by the core for each of a page's ~70 values (a fifth of a search's time).
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
    who_can_apply: tuple[str, ...] = ()
    new: bool = False  # posted NEW_DAYS days ago or less
    closes_in: int | None = None  # days left when open and closing within CLOSING_SOON_DAYS
    sle_group: str | None = None  # with SLE results: sle.MEETS or sle.UNSTATED
    published: dt.date | None = None  # the day the index first held it (feeds' dates)


@dataclass(frozen=True)
class SearchResults:
    request: SearchRequest
    total: int
    hits: tuple[Hit, ...]
    facets: tuple[FacetGroup, ...]
    suggestion: str | None = None
    generation: str | None = None
    also_searched: tuple[str, ...] = ()  # equivalents and typo alternatives searched too
    typed: str | None = None  # the words typed, when they found nothing and `request.q` is
    # the automatic correction that was run instead
    # salary_min and posted as choices with counts (value "" is "any"), like facets
    ranges: tuple[FacetGroup, ...] = ()
    unstated: int = 0  # with SLE results: how many of `total` state no language profile

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
    if request.sle and sle.parse_results(request.sle) is None:
        raise QueryError("bad_sle", "sle must be three letters (reading, writing, oral), each "
                         "A, B, C, E (exempt) or X (none)")
    if request.sle_lang and request.sle_lang not in LANGS:
        raise QueryError("bad_sle_lang", "sle_lang must be en or fr")
    if request.salary_min is not None and not 0 <= request.salary_min <= MAX_SALARY:
        raise QueryError("bad_salary_min", f"salary_min must be from 0 to {MAX_SALARY}")
    if request.posted is not None and request.posted not in POSTED_DAYS:
        raise QueryError("bad_posted", "posted must be 1, 7 or 30")
    return _normalised(request)


def _normalised(request: SearchRequest) -> SearchRequest:
    filters = {name: tuple(dict.fromkeys(v for v in values if v))
               for name, values in request.filters.items() if values}
    if "classification" in filters:  # "it3", "CS-03" -> "IT-03"
        filters["classification"] = tuple(dict.fromkeys(
            next((c.code for c in taxonomy.parse_classifications(v)), v.upper())
            for v in filters["classification"]))
    status = replace(request, filters=filters).statuses()
    filters["status"] = STATUSES if "all" in status else status
    results = sle.parse_results(request.sle) if request.sle else ""
    return replace(request, filters=filters, sle=results,
                   sle_lang=request.results_lang() if results else "")


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
    if name == "who_can_apply":
        return eligibility.area_label(value, lang)
    return value


def _facet_value(catalog: Catalog, name: str, value: str, lang: str, count: int,
                 selected: bool) -> FacetValue:
    """The FacetValue, remembered by the catalogue: a page shows some 70, mostly the same
    values with the same counts search after search."""
    key = (name, value, lang, count, selected)
    found = catalog.facet_values.get(key)
    if found is None:
        if len(catalog.facet_values) >= FACET_VALUES_KEPT:
            catalog.facet_values.clear()
        group = value.rsplit("-", 1)[0] if name == "classification" else None
        found = catalog.facet_values[key] = FacetValue(
            value, _label(name, value, lang, catalog), count, selected, group=group,
            group_label=taxonomy.group_label(group, lang) if group else None)
    return found


def _facets(catalog: Catalog, request: SearchRequest, counts) -> tuple[FacetGroup, ...]:
    lang, groups = request.ui_lang, []
    for name in FILTERS:
        chosen = request.filters.get(name, ())
        values = []
        for value, count in counts[name].items():
            if count == 0 and value not in chosen and name != "status":
                continue
            values.append(_facet_value(catalog, name, value, lang, count, value in chosen))
        if name in ("classification",):
            values.sort(key=lambda v: (v.group or "", v.value))
        elif name == "status":
            values.sort(key=lambda v: STATUSES.index(v.value))
        else:
            values.sort(key=lambda v: (-v.count, v.label))
        groups.append(FacetGroup(name, tuple(values)))
    return tuple(groups)


def _snippet_of(catalog: Catalog, docnum: int, posting: Posting, marker: Marker) -> str:
    """The snippet of a document for the query's words, made once while kept (another page,
    sort or filter of the same words shows the same snippets; so does the next generation
    while the document's segment is in it)."""
    return catalog.snippets.get((catalog.source.where(docnum), marker.terms, marker.prefixes),
                                lambda: snippet(posting, marker))


def _days(later: dt.date | None, earlier: dt.date | None) -> int | None:
    return (later - earlier).days if later and earlier else None


def _hit(catalog: Catalog, posting: int, request: SearchRequest,
         markers: dict[str, Marker], score: float, today: dt.date,
         sle_group: str | None) -> Hit:
    docnum = catalog.display_doc(posting, request.ui_lang)
    facts = catalog.meta[docnum]
    source = catalog.source(docnum)
    other = next((catalog.meta[d] for lang, d in catalog.documents[posting].items()
                  if lang != source.lang), None)
    status = catalog.status_of(posting, request.ui_lang, today)
    age, left = _days(today, source.date_posted), _days(source.closing_date, today)
    return Hit(
        uid=source.uid, key=source.key, lang=source.lang, slug=source.slug, title=source.title,
        description=source.description,
        snippet=_snippet_of(catalog, docnum, source, markers[source.lang]),
        classifications=tuple((c.code, c.written) for c in source.classifications),
        language_requirement=source.language_requirement,
        language_profile=source.language_profile, locations=source.locations,
        tenure=source.tenure, department=source.department,
        status=status, archived=source.archived,
        stale=facts["stale"], date_posted=source.date_posted, closing_date=source.closing_date,
        salary_min=source.salary_min, salary_max=source.salary_max,
        translation=(other["lang"], other["slug"]) if other else None, score=score,
        who_can_apply=source.who_can_apply,
        new=age is not None and 0 <= age <= NEW_DAYS,
        closes_in=left if status == "open" and left is not None and left <= CLOSING_SOON_DAYS
        else None,
        sle_group=sle_group,
        published=dt.date.fromordinal(facts["published"]) if facts.get("published") else None,
    )


def _ordered(postings: np.ndarray, primary: np.ndarray, wanted: int,
             *secondary: np.ndarray) -> np.ndarray:
    """The first `wanted` postings by (primary, *secondary, posting number), ascending.

    Only postings whose primary key is within the best `wanted` are sorted (ties at the
    cut are all kept, so the order is the same as sorting everything).
    """
    if postings.size > wanted * 4:
        cut = np.partition(primary, wanted - 1)[wanted - 1]
        keep = primary <= cut
        postings, primary = postings[keep], primary[keep]
        secondary = tuple(key[keep] for key in secondary)
    order = np.lexsort((postings, *reversed(secondary), primary))
    return postings[order][:wanted]


def _by_facts(catalog: Catalog, matches: np.ndarray, request: SearchRequest,
              wanted: int) -> np.ndarray:
    view, postings = catalog.views[request.ui_lang], np.flatnonzero(matches)
    newest = -view.date_posted[postings]
    if request.effective_sort() == "salary":  # highest top salary first; none stated last
        pay = np.maximum(view.salary_max[postings], view.salary_min[postings])
        return _ordered(postings, -pay, wanted, newest)
    if request.effective_sort() == "closing":
        closing = view.closing[postings]
        return _ordered(postings, np.where(closing > 0, closing, 10**7), wanted, newest)
    return _ordered(postings, newest, wanted)


def _by_relevance(scores: np.ndarray, matches: np.ndarray, wanted: int) -> np.ndarray:
    """Matching postings, best score first (ties: posting number)."""
    postings = np.flatnonzero(matches)
    return _ordered(postings, -scores[postings], wanted)


def _posting_scores(catalog: Catalog, arrays: TermArrays,
                    query) -> tuple[np.ndarray, np.ndarray]:
    """(matching postings, best score of each) from the documents of either language."""
    docs_mask, doc_scores = arrays.evaluate(query)
    docs = np.flatnonzero(docs_mask)
    numbers = catalog.posting_of[docs]
    base = np.zeros(len(catalog), dtype=bool)
    base[numbers] = True
    scores = np.zeros(len(catalog), dtype=np.float32)
    np.maximum.at(scores, numbers, doc_scores[docs])
    return base, scores


def _ranges(request: SearchRequest, counted) -> tuple[FacetGroup, ...]:
    """narrowing.range_counts as facet groups: "" (any) first, then each amount or period."""
    return tuple(FacetGroup(name, tuple(
        FacetValue("" if value is None else str(value), "" if value is None else str(value),
                   count, value == getattr(request, name))
        for value, count in choices)) for name, choices in counted)


def run_search(searcher, catalog: Catalog, arrays: TermArrays, request: SearchRequest,
               today: dt.date, generation: str | None,
               speller: Callable[[], Speller], equivalents: Equivalents | None = None,
               correct: bool = True, among: Collection[str] | None = None) -> SearchResults:
    """Run a request (already through `validate`) against one generation: its searcher,
    catalog, term arrays and speller (built on the first "did you mean"), the equivalents to
    apply; `correct`: run the correction when nothing is found; `among`, when given, keeps
    only the postings with those translationKeys (an alert's new postings).

    Matching, scores, totals and facet counts are array operations over every document
    (`matching.TermArrays`); only the hits of the requested page read stored documents.
    With SLE results, postings the candidate qualifies for come first, then those stating
    no profile (`Hit.sle_group` says which); facet counts cover both.
    """
    parsed = parse_user_query(request.q) if request.q.strip() else None
    if parsed is not None:
        parsed = understood(parsed, searcher.reader(), speller, equivalents,
                            typos=not request.as_typed)
    if parsed is None:
        base = np.ones(len(catalog), dtype=bool)
        scores = np.zeros(len(catalog), dtype=np.float32)
    else:
        base, scores = _posting_scores(catalog, arrays, build_query(parsed))
    if among is not None:
        base &= catalog.having(among)
    groups = narrowing.sle_groups(catalog, request) if request.sle else {}
    if groups:
        base &= groups[sle.MEETS] | groups[sle.UNSTATED]
    matches, counts, candidates = facet_counts(
        catalog, base, request.filters, request.ui_lang, today,
        narrowing.range_masks(catalog, request, today))
    start = (request.page - 1) * request.page_size
    wanted = start + request.page_size

    def order(mask: np.ndarray) -> np.ndarray:
        if parsed is not None and request.effective_sort() == "relevance":
            return _by_relevance(scores, mask, wanted)
        return _by_facts(catalog, mask, request, wanted)

    if groups:
        ordered = np.concatenate([order(matches & groups[sle.MEETS]),
                                  order(matches & groups[sle.UNSTATED])])[:wanted]
    else:
        ordered = order(matches)
    page = ordered[start: start + request.page_size].tolist()
    markers = {lang: Marker.of(parsed, lang) for lang in LANGS}
    hits = tuple(_hit(catalog, p, request, markers, float(scores[p]), today,
                      (sle.MEETS if groups[sle.MEETS][p] else sle.UNSTATED) if groups else None)
                 for p in page)
    total = int(matches.sum())
    suggestion = None
    if parsed and (total < 3 or any(e.reason == "typo" for e in parsed.expansions)):
        suggestion = suggest(searcher.reader(), speller(), request.q, parsed, request.ui_lang)
    if suggestion and total == 0 and correct and not request.as_typed:
        # Nothing found: show the corrected search at once, with a link to the words as typed.
        fixed = run_search(searcher, catalog, arrays, replace(request, q=suggestion),
                           today, generation, speller, equivalents, correct=False, among=among)
        if fixed.total:
            return replace(fixed, typed=request.q, suggestion=None)
    return SearchResults(request, total, hits, _facets(catalog, request, counts),
                         suggestion, generation, also_searched=also_searched(parsed),
                         ranges=_ranges(request, narrowing.range_counts(
                             catalog, request, candidates, matches, today)),
                         unstated=int((matches & groups[sle.UNSTATED]).sum()) if groups else 0)
