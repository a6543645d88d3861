"""The search page: query string -> SearchRequest -> SearchIndex.search -> page."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from flask import Blueprint, abort, current_app, render_template, request
from werkzeug.datastructures import MultiDict

from jobboard import xmlchars
from jobboard.i18n import other_lang
from jobboard.search.parse import MAX_QUERY_CHARS, QueryError
from jobboard.search.query import FILTERS, SORTS, FacetValue, SearchRequest, SearchResults
from jobboard.views import facets, labels, listing, search_index
from jobboard.views.links import feed_url, follow_url, search_url, with_query

bp = Blueprint("search", __name__)

_INTEGER = re.compile(r"^\s*\d{1,9}\s*$")


def _integer(raw: str | None, code: str, default: int) -> int:
    if raw is None or raw == "":
        return default
    if not _INTEGER.match(raw):
        raise QueryError(code, f"{code.removeprefix('bad_')} must be a whole number")
    return int(raw)


def _optional_integer(raw: str | None, code: str) -> int | None:
    return None if raw is None or not raw.strip() else _integer(raw, code, 0)


SLE_SKILLS = ("reading", "writing", "oral")


def _sle(args: MultiDict) -> str:
    """`sle=BBC`, or the form's three choices `sle_reading=B&sle_writing=B&sle_oral=C`."""
    if args.get("sle", "").strip():
        return args["sle"].strip()[:16]
    parts = [args.get(f"sle_{skill}", "").strip()[:4] for skill in SLE_SKILLS]
    if any(parts) and not all(parts):
        raise QueryError("sle_incomplete", "give reading, writing and oral results, or none")
    return "".join(parts)


def parse_search(args: MultiDict, lang: str, page_size: int, *,
                 allow_page_size: bool = False) -> SearchRequest:
    """Query-string arguments -> SearchRequest; QueryError for malformed values.

        parse_search(MultiDict([("q", "python"), ("classification", "IT-03"),
                                ("classification", "IT-04"), ("page", "2")]), "en", 20)
        -> SearchRequest(q="python", ui_lang="en",
                         filters={"classification": ("IT-03", "IT-04")}, page=2, page_size=20)

    Unknown parameters are ignored; bounds and vocabularies are checked by the core.
    """
    q = xmlchars.strip(args.get("q", "")).replace("\x7f", "")
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError("query_too_long", f"the search is longer than {MAX_QUERY_CHARS} "
                         "characters")
    filters = {}
    for name in FILTERS:
        values = tuple(value for value in (xmlchars.strip(raw).strip()
                                           for raw in args.getlist(name)) if value)
        if values:
            filters[name] = values
    size = _integer(args.get("page_size"), "bad_page_size", page_size) if allow_page_size \
        else page_size
    return SearchRequest(q=q.strip(), ui_lang=lang, filters=filters,
                         sort=xmlchars.strip(args.get("sort", "")).strip(), page=_integer(
                             args.get("page"), "bad_page", 1), page_size=size,
                         as_typed=args.get("as_typed", "") == "1",
                         sle=_sle(args), sle_lang=args.get("sle_lang", "").strip()[:8],
                         salary_min=_optional_integer(args.get("salary_min"), "bad_salary_min"),
                         posted=_optional_integer(args.get("posted"), "bad_posted"))


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap ("…")
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    previous: str | None
    next: str | None
    links: tuple[PageLink, ...]


def page_numbers(current: int, last: int, around: int = 2) -> list[int | None]:
    """Pages to link, None for a gap: (6, 12) -> [1, None, 4, 5, 6, 7, 8, None, 12]."""
    wanted = {1, last, *range(current - around, current + around + 1)}
    numbers: list[int | None] = []
    for number in sorted(n for n in wanted if 1 <= n <= last):
        if numbers and number - numbers[-1] > 1:
            numbers.append(number - 1 if number - numbers[-1] == 2 else None)
        numbers.append(number)
    return numbers


def pagination(asked: SearchRequest, results: SearchResults) -> Pagination | None:
    """Links to the other pages of results, or None when they fit on one."""
    last = results.pages
    if last <= 1:
        return None
    path, others = search_url(), _without(asked, "page")  # page comes last in params()

    def url(number: int) -> str:
        return with_query(path, [*others, ("page", str(number))] if number > 1 else others)

    current = asked.page
    links = tuple(PageLink(n) if n is None else PageLink(n, url(n), n == current)
                  for n in page_numbers(current, last))
    return Pagination(url(min(current - 1, last)) if current > 1 else None,
                      url(current + 1) if current < last else None, links)


def chips(asked: SearchRequest, results: SearchResults) -> list[tuple[str, FacetValue]]:
    """(facet name, FacetValue) for each filter a person chose, to show as removable chips."""
    found, chosen = [], results.request
    for group in results.facets:
        if group.name == "status" and asked.default_statuses():
            continue  # the default, not a choice
        found.extend((group.name, replace(value, params=chosen.toggled_params(group.name,
                                                                              value.value)))
                     for value in group.selected)
    if chosen.sle:
        found.append(("sle", FacetValue(chosen.sle, labels.sle_chip(chosen.sle, chosen.sle_lang),
                                        1, True, tuple(replace(chosen, sle="", page=1).params()))))
    for group in results.ranges:
        for value in group.selected:
            if value.value:
                found.append((group.name, FacetValue(
                    value.value, facets.range_label(group.name, value.value), value.count, True,
                    chosen.with_range(group.name, None))))
    return found


def sort_options(asked: SearchRequest) -> list[tuple[str, str, bool]]:
    """(value, label, selected) for the sort menu; "" is the default order for this search.

    The default (best match with words, newest without) is submitted as "", so a sort nobody
    chose does not stick to the next search.
    """
    default = asked.default_sort()
    chosen = asked.sort if asked.sort != default else ""
    values = ["", *(s for s in SORTS if s != default and (s != "relevance" or asked.q))]
    return [(value, str(labels.SORTS[value or default]), value == chosen) for value in values]


def _without(asked: SearchRequest, *names: str) -> list[tuple[str, str]]:
    return [(name, value) for name, value in asked.params() if name not in names]


def _render(asked: SearchRequest, results: SearchResults | None, error: str | None = None,
            status: int = 200, field_errors: dict[str, str] | None = None):
    suggestion = results.suggestion if results else None
    field_errors = field_errors or {}
    if results:  # SLE results as the core normalised them ("cbc" -> "CBC", with their language)
        asked = replace(asked, sle=results.request.sle, sle_lang=results.request.sle_lang)
    return render_template(
        "search.html", asked=asked, results=results, error=error, field_errors=field_errors,
        errors=[("q", error)] if error else list(field_errors.items()),
        chosen=results.request if results else asked,
        qualify=facets.qualify_form(results.request.sle if results else "",
                                    (results.request if results else asked).results_lang()),
        facets=facets.fieldsets(results.facets) if results else [],
        ranges=facets.range_choices(results.ranges) if results else {},
        items=listing.result_items(results.hits, asked.ui_lang) if results else [],
        typed=xmlchars.strip(request.args.get("q", asked.q))[:1024],
        chips=chips(asked, results) if results else [],
        pagination=pagination(asked, results) if results else None,
        sort_options=sort_options(asked),
        alternate_url=search_url(asked.params(), other_lang()),
        feed_link=feed_url(_without(asked, "page")),
        follow_link=follow_url(_without(asked, "page")),
        clear_url=search_url([("q", asked.q)] if asked.q else []),
        status_all_url=search_url([*_without(asked, "status", "page"), ("status", "all")]),
        suggestion_url=search_url([("q", suggestion), *_without(asked, "q", "page")])
        if suggestion else None,
        as_typed_url=search_url([("q", results.typed), *_without(asked, "q", "page"),
                                 ("as_typed", "1")])
        if results and results.typed else None,
    ), status


@bp.get("/en/jobs", defaults={"lang": "en"})
@bp.get("/fr/emplois", defaults={"lang": "fr"})
def search(lang: str):
    """Search form, facets and results; every bit of state is in the query string.

    A bad SLE result, salary or date posted is shown next to its field, in the error summary,
    above the results of the same search without it (400)."""
    asked, args, field_errors = SearchRequest(ui_lang=lang), request.args, {}
    while True:
        try:
            asked = parse_search(args, lang, current_app.config["PAGE_SIZE"])
            return _render(asked, search_index().search(asked), status=400 if field_errors
                           else 200, field_errors=field_errors)
        except QueryError as error:
            if error.code in labels.FIELD_ERRORS and \
                    labels.FIELD_ERRORS[error.code][0] not in field_errors:
                target, params = labels.FIELD_ERRORS[error.code]
                field_errors[target] = labels.error_message(error)
                args = MultiDict([(k, v) for k, v in args.items(multi=True) if k not in params])
                continue
            if error.code not in labels.QUERY_ERRORS:
                abort(400, labels.error_message(error))
            # What was typed is the problem: show it in the form, next to its error message.
            return _render(asked, None, labels.error_message(error), 400)
