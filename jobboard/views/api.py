"""JSON API: /api/v1/search (same parameters as the search page, plus lang and page_size)
and /api/v1/postings/<id>. Errors are {"error": {"code", "message"}} in the requested language.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from jobboard import markdown
from jobboard.i18n import select_lang
from jobboard.search.export import posting_path, results_json
from jobboard.search.parse import QueryError
from jobboard.views import labels, search_index
from jobboard.views.search import parse_search

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def error_response(code: str, status: int, message: str | None = None):
    """The JSON error document: {"error": {"code": ..., "message": ...}}."""
    body = {"error": {"code": code, "message": message or labels.error_message(code)}}
    return jsonify(body), status


@bp.after_request
def open_to_all(response):
    # Public, read-only, no cookies: any site may call it from a browser.
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/search")
def search():
    """Search results with facets; see results_json for the document's shape."""
    lang = request.args.get("lang", select_lang())
    if lang not in ("en", "fr"):
        return error_response("bad_lang", 400)
    try:
        asked = parse_search(request.args, lang, current_app.config["PAGE_SIZE"],
                             allow_page_size=True)
        results = search_index().search(asked)
    except QueryError as error:
        return error_response(error.code, 400)
    return jsonify(results_json(results, url_prefix=request.url_root.rstrip("/")))


@bp.get("/postings/<uid>")
def posting(uid: str):
    """One posting with its structured fields, Markdown body and sanitized HTML."""
    detail = search_index().posting_by_uid(uid)
    if detail is None:
        return error_response("not_found", 404)
    item, root = detail.posting, request.url_root.rstrip("/")
    return jsonify({
        "id": item.uid,
        "translation_key": item.key,
        "lang": item.lang,
        "title": item.title,
        "description": item.description,
        "url": root + posting_path(item.lang, item.slug),
        "classifications": [c.code for c in item.classifications],
        "classifications_written": [c.written for c in item.classifications],
        "language_requirement": item.language_requirement,
        "language_profile": item.language_profile,
        "locations": list(item.locations),
        "tenure": item.tenure,
        "department": item.department,
        "salary_min": item.salary_min,
        "salary_max": item.salary_max,
        "closing_date": item.closing_date.isoformat() if item.closing_date else None,
        "date_posted": item.date_posted.isoformat() if item.date_posted else None,
        "status": detail.status,
        "archived": item.archived,
        "body_markdown": item.body,
        "body_html": str(markdown.render(item.body)),
        "translation": {"id": f"{detail.translation[0]}-{detail.translation[1]}",
                        "url": root + posting_path(*detail.translation)}
        if detail.translation else None,
    })
