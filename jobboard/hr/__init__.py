"""HR: accounts, sign-in, reindex from the web (in a background process), webhook, history.

`init_app(app)` registers the HR pages (/en/hr/, /fr/rh/) and the webhook (/hooks/reindex).
The modules used by the command line (db, users, history, jobs) do not need Flask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    """Blueprints, CSRF, the session cookie's flags and the date filter of the HR pages."""
    from jobboard.feedback import hr_views  # noqa: F401 - adds its pages to views.bp
    from jobboard.hr import csrf, problem_text, views, web, webhook

    # The session cookie only ever carries the HR sign-in.
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=app.config.get("ENV") != "development")
    app.register_blueprint(views.bp)
    app.register_blueprint(webhook.bp)
    csrf.init_app(app)
    web.init_app(app)
    app.jinja_env.filters.update(hr_datetime=problem_text.local_time,
                                 hr_duration=views.format_duration,
                                 hr_problem=problem_text.problem_text)
    app.jinja_env.globals.update(hr_user=views.signed_in_user, hr_outcomes=views.OUTCOMES,
                                 hr_triggers=views.TRIGGERS,
                                 hr_problems_shown=problem_text.PROBLEMS_SHOWN)
