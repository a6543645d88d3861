"""CSRF tokens for HR forms: one random token per session, checked on every POST.

Templates put `{{ csrf_field() }}` in each form; `protect` rejects (400) a POST to the HR
blueprint whose `csrf_token` field does not match the session's. The webhook is exempt: it
is authenticated by its HMAC signature, not by a browser session.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, abort, request, session
from markupsafe import Markup, escape

from jobboard.i18n import _

SESSION_KEY = "csrf_token"
FIELD = "csrf_token"


def token() -> str:
    """This session's token, created on first use."""
    if SESSION_KEY not in session:
        session[SESSION_KEY] = secrets.token_urlsafe(32)
    return session[SESSION_KEY]


def field() -> Markup:
    """The hidden input carrying the token."""
    return Markup(f'<input type="hidden" name="{FIELD}" value="{escape(token())}">')


def valid(submitted: str | None) -> bool:
    """True when submitted matches this session's token (constant-time comparison)."""
    expected = session.get(SESSION_KEY)
    return bool(expected and submitted) and hmac.compare_digest(expected, submitted)


def rotate() -> None:
    """A fresh token, e.g. after login, so a token seen before sign-in is useless after."""
    session[SESSION_KEY] = secrets.token_urlsafe(32)


def protect() -> None:
    """before_request hook of the HR blueprint: 400 on a POST without the right token."""
    if request.method == "POST" and not valid(request.form.get(FIELD)):
        abort(400, description=_("The form expired or was not sent from this site. "
                                 "Go back, reload the page and try again."))


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(csrf_field=field, csrf_token=token)
