"""Search results as the JSON API document (shared by the web API and `jobboard search --json`)."""

from __future__ import annotations

from jobboard.search.engine import PostingDetail
from jobboard.search.query import Hit, SearchResults

SECTION = {"en": "jobs", "fr": "emplois"}


def posting_path(lang: str, slug: str) -> str:
    """Public path of a posting page: ("fr", "analyste") -> "/fr/emplois/analyste"."""
    return f"/{lang}/{SECTION[lang]}/{slug}"


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def hit_json(hit: Hit, url_prefix: str = "") -> dict:
    """One result of the JSON API."""
    return {
        "id": hit.uid,
        "translation_key": hit.key,
        "lang": hit.lang,
        "title": hit.title,
        "url": url_prefix + posting_path(hit.lang, hit.slug),
        "classifications": [code for code, _written in hit.classifications],
        "classifications_written": [written for _code, written in hit.classifications],
        "language_requirement": hit.language_requirement,
        "language_profile": hit.language_profile,
        "snippet": hit.snippet,
        "archived": hit.archived,
        "status": hit.status,
        "closing_date": _iso(hit.closing_date),
        "date_posted": _iso(hit.date_posted),
        "salary_min": hit.salary_min,
        "salary_max": hit.salary_max,
        "department": hit.department,
        "who_can_apply": list(hit.who_can_apply),
        "new": hit.new,
        "closes_in_days": hit.closes_in,
        "sle_group": hit.sle_group,
        "translation_url": url_prefix + posting_path(*hit.translation) if hit.translation
        else None,
    }


def results_json(results: SearchResults, url_prefix: str = "") -> dict:
    """The whole JSON API document for a search."""
    request = results.request
    return {
        "total": results.total,
        "page": request.page,
        "page_size": request.page_size,
        "sort": request.effective_sort(),
        "results": [hit_json(hit, url_prefix) for hit in results.hits],
        "facets": {
            group.name: [{"value": v.value, "label": v.label, "count": v.count,
                          "selected": v.selected} for v in group.values]
            for group in results.facets
        },
        # salary_min and posted choices ("" is any), counted like facets
        "ranges": {
            group.name: [{"value": v.value, "count": v.count, "selected": v.selected}
                         for v in group.values]
            for group in results.ranges
        },
        "sle": {"results": request.sle, "lang": request.sle_lang,
                "unstated": results.unstated} if request.sle else None,
        "suggestion": results.suggestion,
        "corrected_from": results.typed,
        "query": request.q,
        "also_searched": list(results.also_searched),
    }


def posting_json(detail: PostingDetail, body_html: str, url_prefix: str = "",
                 apply_url: str | None = None) -> dict:
    """One posting for GET /api/v1/postings/<id>; body_html is the sanitized rendering,
    apply_url where to apply (None when closed or unknown)."""
    item = detail.posting
    translation = detail.translation
    return {
        "id": item.uid,
        "translation_key": item.key,
        "lang": item.lang,
        "title": item.title,
        "description": item.description,
        "url": url_prefix + posting_path(item.lang, item.slug),
        "classifications": [c.code for c in item.classifications],
        "classifications_written": [c.written for c in item.classifications],
        "language_requirement": item.language_requirement,
        "language_profile": item.language_profile,
        "locations": list(item.locations),
        "tenure": item.tenure,
        "department": item.department,
        "salary_min": item.salary_min,
        "salary_max": item.salary_max,
        "closing_date": _iso(item.closing_date),
        "date_posted": _iso(item.date_posted),
        "status": detail.status,
        "archived": item.archived,
        "who_can_apply": list(item.who_can_apply),
        "apply_url": apply_url,
        "body_markdown": item.body,
        "body_html": body_html,
        "translation": {"id": f"{translation[0]}-{translation[1]}",
                        "url": url_prefix + posting_path(*translation)} if translation else None,
    }
