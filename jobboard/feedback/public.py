"""The accessibility statement, its barrier-feedback form, and the "Report a barrier" link."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Blueprint, redirect, render_template, request, url_for

from jobboard.a11y.published import BadAudit, latest
from jobboard.accommodation import Contact
from jobboard.feedback import acknowledge, store
from jobboard.feedback.messages import form_errors
from jobboard.hr import csrf
from jobboard.hr.web import db_session, settings
from jobboard.i18n import _, current_lang, other_lang

bp = Blueprint("feedback", __name__)
log = logging.getLogger(__name__)
STATEMENT = {"en": "/en/accessibility", "fr": "/fr/accessibilite"}


def latest_audit():
    """The published audit, or None (a damaged file is logged and treated as no audit, so the
    statement never shows figures it cannot vouch for)."""
    try:
        return latest(Path(settings()["INSTANCE_DIR"]))
    except BadAudit as error:
        log.error("accessibility statement: %s", error)
        return None


def barrier_url() -> str:
    """The form, prefilled with the page being read (for the footer of every page)."""
    here = request.full_path.rstrip("?")
    if request.endpoint == "feedback.statement":  # keep the page the reader came from
        here = request.args.get("page", "") or here
    return url_for("feedback.statement", lang=current_lang(), page=here[:store.LIMITS["page"]],
                   _anchor="report")


@bp.before_request
def _protect() -> None:
    csrf.protect()


def _render(submission: store.Submission, errors: list, status: int = 200):
    session = db_session()
    return render_template(
        "statement.html", audit=latest_audit(), counts=store.year_counts(session),
        submission=submission, errors=form_errors(errors), limits=store.LIMITS,
        position=settings()[f"FEEDBACK_POSITION_{current_lang().upper()}"],
        contact={means: settings()[f"FEEDBACK_{means.upper()}"]
                 for means in ("email", "phone", "address")},
        tel=Contact(None, settings()["FEEDBACK_PHONE"]).tel,
        alternate_url=url_for("feedback.statement", lang=other_lang()),
    ), status


@bp.get("/en/accessibility", defaults={"lang": "en"})
@bp.get("/fr/accessibilite", defaults={"lang": "fr"})
def statement(lang: str):
    """The statement; ?page= prefills where the barrier was met."""
    page = request.args.get("page", "").strip()[:store.LIMITS["page"]]
    return _render(store.Submission(page=page), [])


@bp.post("/en/accessibility", defaults={"lang": "en"})
@bp.post("/fr/accessibilite", defaults={"lang": "fr"})
def send(lang: str):
    """Keep the feedback, acknowledge it by email when one was given, then say it was sent."""
    submission, errors = store.check(request.form)
    if errors:
        return _render(submission, errors, 400)
    session = db_session()
    sender = store.sender_key(request.remote_addr or "unknown", settings()["SECRET_KEY"])
    if store.too_many(session, sender):
        return _render(submission, [("what_happened", "too_many")], 429)
    item = store.submit(session, submission, lang, sender)
    session.commit()
    if item.reply_by == "email":
        acknowledge.by_email(session, item, settings())
    return redirect(url_for("feedback.sent", lang=lang, reply=item.reply_by), 303)


@bp.get("/en/accessibility/sent", defaults={"lang": "en"})
@bp.get("/fr/accessibilite/envoye", defaults={"lang": "fr"})
def sent(lang: str):
    """Thanks, and what happens next (which depends on how we are to reply)."""
    reply = request.args.get("reply")
    return render_template("feedback_sent.html", reply=reply if reply in store.REPLY_BY else None,
                           heading=_("Thank you: we received your feedback"),
                           alternate_url=url_for("feedback.sent", lang=other_lang(),
                                                 **({"reply": reply} if reply else {})))
