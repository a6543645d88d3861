"""Error pages: bilingual HTML for people, JSON under /api/, never a stack trace."""

from __future__ import annotations

from flask import Flask, make_response, render_template, request
from markupsafe import Markup
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from jobboard.i18n import _l, current_lang, force_lang, other_lang
from jobboard.search.engine import IndexMissing
from jobboard.views.api import error_response
from jobboard.views.links import search_url

KINDS = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large",
         503: "unavailable"}
HEADINGS = {
    "bad_request": _l("This address is not valid"),
    "method_not_allowed": _l("This address does not accept that kind of request"),
    "too_large": _l("What was sent is too large"),
    "not_found": _l("We couldn’t find that page"),
    "server_error": _l("Something went wrong on our side"),
    "unavailable": _l("Job search is not available yet"),
}
TEXTS = {
    "bad_request": _l("Part of the address is malformed or out of range."),
    "method_not_allowed": _l("Go back to the previous page and use its links and buttons."),
    "too_large": _l("This address accepts less data. Send a shorter request."),
    "not_found": _l("The page may have moved, or the posting may have been removed."),
    "server_error": _l("Try again in a few minutes. If the problem continues, come back later."),
    "unavailable": _l("The list of jobs is being prepared. Try again in a few minutes."),
}


def _page(status: int, detail: str | None = None):
    kind = KINDS.get(status, "bad_request" if status < 500 else "server_error")
    if request.path.startswith("/api/"):
        return error_response(kind, status, detail or str(TEXTS[kind]))
    lang, other = current_lang(), other_lang()
    with force_lang(other):
        second = Markup(render_template("error_text.html", kind=kind, lang=other, level=2,
                                        headings=HEADINGS, texts=TEXTS,
                                        search=search_url(lang=other)))
    return render_template(
        "error.html", kind=kind, status=status, detail=detail, second=second,
        headings=HEADINGS, texts=TEXTS, search=search_url(lang=lang),
        alternate_url=search_url(lang=other)), status


def http_error(error: HTTPException):
    """404, 400, 405…: the bilingual error page; a 400 raised by a view says what was wrong."""
    own = error.description != type(error).description  # ours are translated, Werkzeug's not
    response = make_response(_page(error.code or 500, error.description if own else None))
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)  # required with 405
    return response


def server_error(error: InternalServerError):
    """500: a bilingual apology, no details."""
    return _page(500)


def index_missing(error: IndexMissing):
    """503 until the first reindex has run."""
    return _page(503)


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(InternalServerError, server_error)
    app.register_error_handler(IndexMissing, index_missing)
