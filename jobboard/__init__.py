"""jobboard: a bilingual (English/French) job board. `create_app()` builds the web app."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """The Flask app: settings (JOBBOARD_* variables, then test_config), i18n, views."""
    # Imported here so that the Flask-free core (postings, search) never loads Flask.
    from pathlib import Path

    from flask import Flask

    from jobboard import alerts, config, feedback, hr, i18n, security, views
    from jobboard.search.engine import SearchIndex

    app = Flask(__name__)
    app.config.update(config.from_environment())
    app.config.update(test_config or {})
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config.secret_key(Path(app.config["INSTANCE_DIR"]))
    app.config["PAGE_SIZE"] = int(app.config["PAGE_SIZE"])
    app.extensions["search_index"] = SearchIndex(app.config["INDEX_DIR"],
                                                 int(app.config["SEARCH_CACHE"]))

    i18n.init_app(app)
    security.init_app(app)
    views.init_app(app)
    hr.init_app(app)
    alerts.init_app(app)
    feedback.init_app(app)
    return app
