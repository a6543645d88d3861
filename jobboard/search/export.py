"""Search results as the JSON API document (shared by the web API and `jobboard search --json`)."""

from __future__ import annotations

from jobboard.search.query import Hit, SearchResults

SECTION = {"en": "jobs", "fr": "emplois"}


def posting_path(lang: str, slug: str) -> str:
    """Public path of a posting page: ("fr", "analyste") -> "/fr/emplois/analyste"."""
    return f"/{lang}/{SECTION[lang]}/{slug}"


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
        "closing_date": hit.closing_date.isoformat() if hit.closing_date else None,
        "date_posted": hit.date_posted.isoformat() if hit.date_posted else None,
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
        "suggestion": results.suggestion,
    }
