"""Job alerts by email: subscribe on any search page, confirm, get new postings, unsubscribe.

    models         tables in the HR database
    subscriptions  limits, double opt-in, signed links (Flask-free)
    searches       an alert's search is the search page's own query string
    sender         `jobboard alerts send`: sightings, outbox, delivery (idempotent)
    emails         the confirmation and alert emails (HTML + plain text)
    views          the pages
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from jobboard.alerts.sender import SendReport


def init_app(app: Flask) -> None:
    """The pages, and the search pages' subscribe form helper."""
    from jobboard.alerts import emails, views
    from jobboard.alerts.searches import query_of

    app.register_blueprint(views.bp)
    app.jinja_env.globals.update(alert_query=query_of, alert_frequencies=emails.FREQUENCIES)


def send(app: Flask, at=None) -> SendReport:
    """One sending run for the app's settings, links made on JOBBOARD_BASE_URL."""
    from jobboard.alerts import emails, sender
    from jobboard.alerts.delivery import deliverer
    from jobboard.alerts.searches import request_of
    from jobboard.hr.web import db
    from jobboard.views import search_index

    with app.test_request_context("/", base_url=app.config["BASE_URL"]):
        index = search_index()
        generation, keys = index.keys()
        return sender.send_alerts(
            db(), generation, keys,
            search=lambda subscription, new: index.search_among(request_of(subscription), new),
            compose=emails.alert, deliver=deliverer(app.config), at=at)
