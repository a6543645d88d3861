"""The HR pages' view of the app: its settings, one database session per request, CSV
downloads."""

from __future__ import annotations

from flask import Flask, Response, current_app, g
from sqlalchemy.orm import Session

from jobboard import config
from jobboard.hr.db import Database, database, database_url


def csv_response(body: str, name: str) -> Response:
    """A CSV text as a download named `name`, with a BOM so that Excel reads it as UTF-8."""
    return Response("\ufeff" + body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def settings() -> dict:
    """The JOBBOARD_* settings as create_app resolved them (test_config included)."""
    return {setting.name: current_app.config.get(setting.name) for setting in config.SETTINGS}


def db() -> Database:
    return database(database_url(settings()))


def db_session() -> Session:
    """This request's session; views commit what they change, the rest is rolled back."""
    if "hr_db_session" not in g:
        g.hr_db_session = db().new_session()
    return g.hr_db_session


def _close(_error) -> None:
    session = g.pop("hr_db_session", None)
    if session is not None:
        session.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(_close)
