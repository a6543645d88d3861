"""HR/QA pages for barrier feedback, on the HR blueprint (sign-in, CSRF, no-store shared):
the list with its status filter and CSV export, one item with its status form, and the latest
audit's findings page by page (what each item links to)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from jobboard.feedback import store
from jobboard.feedback.messages import STATUS_LABELS, message
from jobboard.feedback.public import latest_audit
from jobboard.hr import auth
from jobboard.hr.views import bp
from jobboard.hr.web import csv_response, db_session
from jobboard.i18n import _, other_lang

LIST_LIMIT = 500  # the page; the CSV export has everything


def _status_filter() -> str | None:
    status = request.args.get("status")
    return status if status in store.STATUSES else None


@bp.get("/en/hr/feedback", defaults={"lang": "en"})
@bp.get("/fr/rh/retroaction", defaults={"lang": "fr"})
@auth.login_required
def feedback(lang: str):
    """Feedback, newest first, filtered by status."""
    status = _status_filter()
    session = db_session()
    keep = {"status": status} if status else {}
    return render_template(
        "hr/feedback.html", items=store.listing(session, status, LIST_LIMIT), status=status,
        counts=store.status_counts(session), labels=STATUS_LABELS, limit=LIST_LIMIT,
        csv_url=url_for("hr.feedback_csv", lang=lang, **keep),
        alternate_url=url_for("hr.feedback", lang=other_lang(), **keep))


@bp.get("/en/hr/feedback.csv", defaults={"lang": "en"})
@bp.get("/fr/rh/retroaction.csv", defaults={"lang": "fr"})
@auth.login_required
def feedback_csv(lang: str):
    """Every item of the filter as CSV, for a spreadsheet or a report."""
    status = _status_filter()
    body = store.to_csv(store.listing(db_session(), status))
    name = f"feedback-{status or 'all'}.csv"
    return csv_response(body, name)


@bp.route("/en/hr/feedback/<int:item_id>", methods=["GET", "POST"], defaults={"lang": "en"})
@bp.route("/fr/rh/retroaction/<int:item_id>", methods=["GET", "POST"], defaults={"lang": "fr"})
@auth.login_required
def feedback_item(lang: str, item_id: int):
    """One item: what was sent, the audit's findings for its page, and its status form."""
    session = db_session()
    item = store.find(session, item_id)
    if item is None:
        abort(404)
    errors, status, reason = [], item.status, item.reason or ""
    if request.method == "POST":
        status, reason = request.form.get("status", ""), request.form.get("reason", "")
        user = auth.current_user(session)
        problems = store.set_status(session, item, status, reason, user.email)
        if not problems:
            session.commit()
            flash(_("Status changed to “%(status)s”.", status=STATUS_LABELS[status]))
            return redirect(url_for("hr.feedback_item", lang=lang, item_id=item_id), 303)
        session.rollback()
        too_long = len(reason.strip()) > store.LIMITS["reason"]
        errors = [(field, message(field, "too_long" if field == "reason" and too_long
                                  else "missing")) for field in problems]
    audit = latest_audit()
    findings = []
    if audit is not None:
        findings = [(number, page) for number, page in enumerate(audit.pages, 1)
                    if page in audit.findings_for(item.page)]
    return render_template(
        "hr/feedback_item.html", item=item, audit=audit, findings=findings, errors=errors,
        chosen=status, reason=reason, labels=STATUS_LABELS,
        alternate_url=url_for("hr.feedback_item", lang=other_lang(), item_id=item_id),
    ), 400 if errors else 200


@bp.get("/en/hr/audit", defaults={"lang": "en"})
@bp.get("/fr/rh/audit", defaults={"lang": "fr"})
@auth.login_required
def audit(lang: str):
    """The latest published audit, page by page (feedback items link to their page here)."""
    return render_template("hr/audit.html", audit=latest_audit(),
                           alternate_url=url_for("hr.audit", lang=other_lang()))
