"""Alert pages: subscribe (from every search page), confirm, unsubscribe, manage.

No CSRF token here: these forms are reached without a session. A forged subscribe request
only makes us send one confirmation email (double opt-in, limited per address and IP); the
other forms act only with the signed token of their URL, which a forging site cannot know.
The unsubscribe POST is also RFC 8058's one-click target.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from jobboard.alerts import emails, sender, subscriptions
from jobboard.alerts.delivery import deliverer
from jobboard.alerts.models import FREQUENCIES, Subscription
from jobboard.alerts.searches import describe, params_of, query_of, request_of
from jobboard.alerts.subscriptions import CONFIRM_WITHIN, MANAGE_WITHIN, Limited
from jobboard.hr.db import now
from jobboard.hr.web import db, db_session
from jobboard.i18n import LANGS, _, other_lang
from jobboard.search.parse import QueryError
from jobboard.views import labels, search_index
from jobboard.views.links import search_url

bp = Blueprint("alerts", __name__)


def _routes(rule_en: str, rule_fr: str, methods=("GET",)):
    def register(view):
        bp.add_url_rule(f"/en/alerts/{rule_en}", view_func=view, methods=methods,
                        defaults={"lang": "en"})
        bp.add_url_rule(f"/fr/alertes/{rule_fr}", view_func=view, methods=methods,
                        defaults={"lang": "fr"})
        return view
    return register


@bp.after_request
def _private(response):
    """Links here carry personal tokens: never cached, indexed, or sent on as a referrer."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _alternate(endpoint: str, **values) -> str:
    return url_for(endpoint, lang=other_lang(), **values)


def _search_of(lang: str, raw: str):
    """(SearchRequest, results) of a stored or submitted query string."""
    probe = Subscription(query=raw, lang=lang)
    asked = request_of(probe, page_size=1)
    return asked, search_index().search(asked)


@_routes("subscribe", "abonnement", methods=("GET", "POST"))
def subscribe(lang: str):
    """The form alone (GET, for a search in the query string) or its submission (POST)."""
    source = request.form if request.method == "POST" else request.args
    # POST: the search page's hidden `search` field; GET: the search's own parameters.
    raw = source.get("search", "") if request.method == "POST" or "search" in source \
        else urlencode(list(source.items(multi=True)))
    if len(raw) > subscriptions.MAX_QUERY:
        abort(400, labels.error_message("query_too_long"))
    try:
        asked, results = _search_of(lang, raw)
    except QueryError as error:
        abort(400, labels.error_message(error))
    values = {"email": source.get("email", "").strip()[:320],
              "frequency": source.get("frequency", "daily"),
              "alert_lang": source.get("lang", lang), "search": query_of(asked)}
    errors, status = [], 200
    if request.method == "POST":
        email = subscriptions.normalise_email(values["email"])
        if not email:
            errors.append(("alert-email", _("Enter your email address")))
        elif not subscriptions.valid_email(email):
            errors.append(("alert-email", _("Enter an email address like name@example.ca")))
        if values["frequency"] not in FREQUENCIES:
            errors.append(("alert-frequency-daily", _("Choose how often to get emails")))
        if values["alert_lang"] not in LANGS:
            errors.append(("alert-lang", _("Choose the language of the emails")))
        status = 400 if errors else 200
        if not errors:
            session = db_session()
            try:
                subscription = subscriptions.subscribe(
                    session, email, values["search"], values["alert_lang"],
                    values["frequency"], request.remote_addr or "unknown")
            except Limited:
                session.rollback()
                errors, status = [("alert-email", _(
                    "You have asked for too many alerts in the last hour. Wait an hour, then "
                    "try again."))], 429
            else:
                message = emails.confirmation(subscription, results)
                delivery = sender.outbox(message, subscription, "confirm", None, 0, now())
                session.add(delivery)
                session.commit()
                # Sent now; if the mail server is away, `jobboard alerts send` retries it.
                sender.deliver_one(db(), delivery.id, deliverer(current_app.config), now(),
                                   sender.SendReport())
                return redirect(url_for("alerts.sent", lang=lang), 303)
    return render_template("alerts/subscribe.html", values=values, errors=errors,
                           search=describe(asked, results), frequencies=emails.FREQUENCIES,
                           alternate_url=_alternate("alerts.subscribe", search=values["search"]),
                           search_link=search_url(asked.params())), status


@_routes("sent", "envoye")
def sent(lang: str):
    """After subscribing: look for the confirmation email."""
    return render_template("alerts/message.html", state="sent",
                           alternate_url=_alternate("alerts.sent"))


def _words(subscription: Subscription) -> list[str]:
    """What a subscription's search is, for people (its raw query string if it no longer
    parses, e.g. after an upgrade changed a parameter)."""
    try:
        return describe(*_search_of(subscription.lang, subscription.query))
    except QueryError:
        return [subscription.query]


def _button_page(state: str, subscription: Subscription, alternate: str):
    """The GET side of confirm and unsubscribe: what the button will act on, and the button
    (a POST to this same URL)."""
    return render_template("alerts/message.html", state=state, subscription=subscription,
                           search=_words(subscription), action=request.path,
                           alternate_url=alternate)


def _invalid(lang: str, endpoint: str, token: str):
    return render_template("alerts/message.html", state="invalid",
                           alternate_url=_alternate(endpoint, token=token)), 404


@_routes("confirm/<token>", "confirmer/<token>", methods=("GET", "POST"))
def confirm(lang: str, token: str):
    """A page with a Confirm button (link scanners follow GET links); POST confirms."""
    session = db_session()
    found = emails.tokens().subscription(session, "confirm", token, CONFIRM_WITHIN)
    if found is None:
        return _invalid(lang, "alerts.confirm", token)
    alternate = _alternate("alerts.confirm", token=token)
    if request.method == "POST":
        subscriptions.confirm(session, found, *search_index().keys())
        session.commit()
        return render_template("alerts/message.html", state="confirmed",
                               subscription=found, links=emails.links(found),
                               alternate_url=alternate)
    return _button_page("confirm", found, alternate)


@_routes("unsubscribe/<token>", "desabonnement/<token>", methods=("GET", "POST"))
def unsubscribe(lang: str, token: str):
    """GET: a Stop button. POST (the button, or a mail client's one-click): stop it."""
    session = db_session()
    signed = emails.tokens()
    if signed.read("unsubscribe", token) is None:
        return _invalid(lang, "alerts.unsubscribe", token)
    found = signed.subscription(session, "unsubscribe", token)
    alternate = _alternate("alerts.unsubscribe", token=token)
    if request.method == "POST" or found is None:  # already gone: say so, idempotently
        if found is not None:
            subscriptions.unsubscribe(session, found)
            session.commit()
        return render_template("alerts/message.html", state="unsubscribed",
                               alternate_url=alternate)
    return _button_page("unsubscribe", found, alternate)


@_routes("manage/<token>", "gerer/<token>", methods=("GET", "POST"))
def manage(lang: str, token: str):
    """Every confirmed alert of the address the link was sent to; stop one or all."""
    session = db_session()
    email = emails.tokens().read("manage", token, MANAGE_WITHIN)
    if not isinstance(email, str):
        return _invalid(lang, "alerts.manage", token)
    if request.method == "POST":
        chosen = request.form.get("subscription", "")
        for subscription in subscriptions.of_email(session, email):
            if chosen == "all" or chosen == str(subscription.id):
                subscriptions.unsubscribe(session, subscription)
        session.commit()
        return redirect(url_for("alerts.manage", lang=lang, token=token, done=1), 303)
    rows = []
    for subscription in subscriptions.of_email(session, email):
        rows.append({"subscription": subscription, "search": _words(subscription),
                     "frequency": emails.FREQUENCIES[subscription.frequency],
                     "url": search_url(params_of(subscription), subscription.lang)})
    return render_template("alerts/manage.html", rows=rows, email=email,
                           done=request.args.get("done") == "1", action=request.path,
                           alternate_url=_alternate("alerts.manage", token=token))
