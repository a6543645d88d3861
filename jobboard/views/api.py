"""JSON API: /api/v1/search (same parameters as the search page, plus lang and page_size)
and /api/v1/postings/<id>. Errors are {"error": {"code", "message"}} in the requested language.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from jobboard import markdown
from jobboard.i18n import select_lang
from jobboard.langs import LANGS
from jobboard.search.export import posting_json, results_json
from jobboard.search.parse import QueryError
from jobboard.views import labels, search_index
from jobboard.views.posting import apply_link
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
    if lang not in LANGS:
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
    return jsonify(posting_json(detail, str(markdown.render(detail.posting.body)),
                                url_prefix=request.url_root.rstrip("/"),
                                apply_url=apply_link(detail)))
