"""The two emails: a confirmation and an alert, each HTML with a plain-text alternative.

Made inside a request context (the web's own, or the sender's on JOBBOARD_BASE_URL), so that
links are absolute, and in the subscription's language whatever the context's.
"""

from __future__ import annotations

from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import urlsplit

from flask import current_app, render_template, url_for

from jobboard.alerts.models import Subscription
from jobboard.alerts.searches import describe, params_of, request_of
from jobboard.alerts.subscriptions import Tokens
from jobboard.hr.db import now
from jobboard.i18n import _, _l, _n, force_lang, format_date, format_number
from jobboard.search.query import SearchResults
from jobboard.views import labels
from jobboard.views.links import posting_url, search_url

FREQUENCIES = {"daily": _l("Daily"), "weekly": _l("Weekly")}


def tokens() -> Tokens:
    return Tokens(current_app.config["SECRET_KEY"])


def links(subscription: Subscription) -> dict[str, str]:
    """Absolute links for a subscription's emails and pages."""
    signed = tokens()
    lang = subscription.lang
    return {
        "confirm": url_for("alerts.confirm", lang=lang, _external=True,
                           token=signed.for_subscription("confirm", subscription)),
        "unsubscribe": url_for("alerts.unsubscribe", lang=lang, _external=True,
                               token=signed.for_subscription("unsubscribe", subscription)),
        "manage": url_for("alerts.manage", lang=lang, _external=True,
                          token=signed.make("manage", subscription.email)),
        "search": search_url(params_of(subscription), lang, external=True),
    }


def _message(subscription: Subscription, subject: str, text: str, html: str,
             unsubscribe: str | None = None) -> EmailMessage:
    message = EmailMessage()
    if current_app.config.get("MAIL_FROM"):  # else mail.send refuses, and it is retried
        message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = subscription.email
    message["Subject"] = subject
    message["Date"] = format_datetime(now())
    host = urlsplit(url_for("search.search", lang="en", _external=True)).hostname
    message["Message-ID"] = make_msgid("alert", domain=host or "localhost")
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies, please
    if unsubscribe:
        # RFC 8058: a mail client's one-click unsubscribe POSTs here.
        message["List-Unsubscribe"] = f"<{unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    # After the parts exist: add_alternative moves Content-* headers into the first part.
    message["Content-Language"] = subscription.lang
    return message


@contextmanager
def _on_public_address():
    """Links on JOBBOARD_BASE_URL even inside a request: a forged Host header must not
    carry a confirmation link (and its token) to someone else's site."""
    base = current_app.config.get("BASE_URL")
    if not base:
        yield
        return
    with current_app.test_request_context("/", base_url=base):
        yield


def confirmation(subscription: Subscription, results: SearchResults) -> EmailMessage:
    """Asks the address to confirm; nothing else is ever sent before it does."""
    with _on_public_address(), force_lang(subscription.lang):
        context = {"subscription": subscription, "links": links(subscription),
                   "search": describe(request_of(subscription), results),
                   "frequency": str(FREQUENCIES[subscription.frequency])}
        subject = _("Confirm your job alert")
        return _message(subscription, subject,
                        render_template("alerts/email/confirm.txt", subject=subject, **context),
                        render_template("alerts/email/confirm.html", subject=subject,
                                        **context))


def alert(subscription: Subscription, results: SearchResults) -> EmailMessage:
    """The new postings of a search (results: its search among the new postings)."""
    lang = subscription.lang
    with force_lang(lang):
        postings = [{"title": hit.title, "url": posting_url(hit.lang, hit.slug, external=True),
                     "lang": hit.lang,
                     "department": labels.department_label(hit.department)
                     if hit.department else None,
                     "locations": [labels.location_label(place, lang) for place in hit.locations],
                     "closing": format_date(hit.closing_date, lang=lang)
                     if hit.closing_date else None}
                    for hit in results.hits]
        context = {"subscription": subscription, "links": links(subscription),
                   "search": describe(results.request, results), "postings": postings,
                   "total": results.total, "more": results.total - len(postings),
                   "today": format_date(now().date(), lang=lang)}
        subject = _n("%(count)s new job for your search", "%(count)s new jobs for your search",
                     results.total, count=format_number(results.total))
        return _message(subscription, subject,
                        render_template("alerts/email/alert.txt", subject=subject, **context),
                        render_template("alerts/email/alert.html", subject=subject, **context),
                        unsubscribe=context["links"]["unsubscribe"])
