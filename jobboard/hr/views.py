"""HR pages: sign in and out, dashboard, reindex, a run's progress and report, history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_decimal, format_timedelta

from jobboard import markdown
from jobboard.hr import auth, csrf, history, jobs
from jobboard.hr.db import ReindexRun
from jobboard.hr.problem_text import page_report, problems_csv
from jobboard.hr.web import csv_response, db_session, settings
from jobboard.i18n import _, _l, other_lang
from jobboard.postings import load_posting
from jobboard.search.store import Generation

bp = Blueprint("hr", __name__)
HISTORY_PAGE = 50
MAX_ID = 2**31 - 1  # PostgreSQL's integer: a larger run id would fail in the database (500)
MAX_PAGE = 10**6  # far beyond any history; larger offsets overflow SQLite's 64-bit integers
OUTCOMES = {"queued": _l("Waiting"), "running": _l("Running"), "ok": _l("Succeeded"),
            "problems": _l("Succeeded with invalid files"), "failed": _l("Failed")}
TRIGGERS = {"web": _l("Dashboard"), "cli": _l("Command line"), "webhook": _l("Webhook")}


def format_duration(seconds: float | None) -> str:
    """12.345 -> "12.3 s" (en) or "12,3 s" (fr)."""
    if seconds is None:
        return "—"
    return _("%(seconds)s s", seconds=format_decimal(round(seconds, 1), "#,##0.0"))


def signed_in_user():
    """For templates: the signed-in HR user, or None."""
    return auth.current_user(db_session())


def _alternate(endpoint: str, **values) -> str:
    """The same page in the other language, for the language toggle."""
    return url_for(endpoint, lang=other_lang(), **values)


def _index_dir() -> Path:
    return Path(settings()["INDEX_DIR"])


def _runs():
    """Who starts and follows runs: the PostgreSQL queue on a cluster, else a local process."""
    if settings().get("MODE") == "cluster":
        from jobboard.cluster import queue

        return queue
    return jobs


@bp.before_request
def _protect() -> None:
    csrf.protect()


@bp.after_request
def _private(response):
    """HR pages are personal and not for search engines."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.route("/en/hr/login", methods=["GET", "POST"], defaults={"lang": "en"})
@bp.route("/fr/rh/connexion", methods=["GET", "POST"], defaults={"lang": "fr"})
def login(lang: str):
    """The sign-in form; on success, back to the page asked for or the dashboard."""
    target = auth.safe_next(request.values.get("next"))
    if request.method == "GET" and auth.current_user(db_session()) is not None:
        return redirect(target or url_for("hr.dashboard", lang=lang))
    email, errors, status = request.form.get("email", "").strip(), [], 200
    if request.method == "POST":
        password = request.form.get("password", "")
        if not email:
            errors.append(("email", _("Enter your email address")))
        if not password:
            errors.append(("password", _("Enter your password")))
        if not errors:
            session = db_session()
            result = auth.attempt(session, email, password, auth.client_address())
            session.commit()
            if result.user is not None:
                auth.sign_in(result.user)
                return redirect(target or url_for("hr.dashboard", lang=lang), 303)
            if result.throttled:
                wait = format_timedelta(dt.timedelta(seconds=result.retry_after), threshold=1)
                errors, status = [("email", _("Too many failed sign-in attempts. Wait "
                                              "%(wait)s, then try again.", wait=wait))], 429
            else:
                errors, status = [("email", _("The email address or the password is not "
                                              "correct"))], 401
        else:
            status = 400
    headers = {"Retry-After": str(result.retry_after)} if status == 429 else {}
    return render_template("hr/login.html", email=email, errors=errors, next=target,
                           alternate_url=_alternate("hr.login")), status, headers


@bp.post("/en/hr/logout", defaults={"lang": "en"})
@bp.post("/fr/rh/deconnexion", defaults={"lang": "fr"})
def logout(lang: str):
    """Sign out (POST only, so a link or an image cannot sign anyone out)."""
    session = db_session()
    auth.sign_out(session, auth.current_user(session))
    session.commit()
    flash(_("You are signed out."))
    return redirect(url_for("hr.login", lang=lang), 303)


@bp.get("/en/hr/", defaults={"lang": "en"})
@bp.get("/fr/rh/", defaults={"lang": "fr"})
@auth.login_required
def dashboard(lang: str):
    """Index status (the live generation's report), the run in progress, the latest runs."""
    session = db_session()
    active = _runs().active_run(session)
    session.commit()
    failed, last_failed = auth.failed_since_previous_sign_in(
        session, auth.current_user(session).email)
    live = Generation.live(_index_dir())
    return render_template(
        "hr/dashboard.html", report=page_report(live.report()) if live else None,
        active=active,
        failed_attempts=failed, last_failed=last_failed,
        runs=history.recent_runs(session, limit=5),
        alternate_url=_alternate("hr.dashboard"))


@bp.get("/en/hr/problems.csv", defaults={"lang": "en"})
@bp.get("/fr/rh/problemes.csv", defaults={"lang": "fr"})
@auth.login_required
def live_problems(lang: str):
    """Every problem of the live generation's report (the pages show the first ones) as CSV."""
    live = Generation.live(_index_dir())
    if live is None:
        abort(404)
    return csv_response(problems_csv(live.report().get("problems") or []),
                        f"problems-g{live.number:06d}.csv")


@bp.post("/en/hr/reindex", defaults={"lang": "en"})
@bp.post("/fr/rh/reindex", defaults={"lang": "fr"})
@auth.login_required
def reindex(lang: str):
    """Start a reindex in the background and follow it; if one runs, say so and link to it."""
    user = auth.current_user(db_session())
    try:
        run = _runs().start(settings(), user.email, "web")
    except jobs.AlreadyRunning as busy:
        if busy.run is None:
            flash(_("A reindex started from the command line is already running (process "
                    "%(pid)s). Try again when it has finished.", pid=busy.info.get("pid", "?")))
            return redirect(url_for("hr.dashboard", lang=lang), 303)
        flash(_("A reindex is already running: this is its progress. Yours was not started."))
        return redirect(url_for("hr.run", lang=lang, run_id=busy.run.id), 303)
    return redirect(url_for("hr.run", lang=lang, run_id=run.id), 303)


def _run_or_404(run_id: int) -> ReindexRun:
    run = history.get_run(db_session(), run_id)
    if run is None:
        abort(404)
    return run


@bp.get(f"/en/hr/runs/<int(max={MAX_ID}):run_id>", defaults={"lang": "en"})
@bp.get(f"/fr/rh/executions/<int(max={MAX_ID}):run_id>", defaults={"lang": "fr"})
@auth.login_required
def run(lang: str, run_id: int):
    """One run: its progress while it runs (refresh to update), then its report."""
    found = _run_or_404(run_id)
    session = db_session()
    state = _runs().status(session, found, _index_dir())
    session.commit()
    return render_template(
        "hr/run.html", run=found, report=page_report(found.report), state=state,
        status_url=url_for("hr.run_status", lang=lang, run_id=run_id),
        alternate_url=_alternate("hr.run", run_id=run_id))


@bp.get(f"/en/hr/runs/<int(max={MAX_ID}):run_id>/problems.csv", defaults={"lang": "en"})
@bp.get(f"/fr/rh/executions/<int(max={MAX_ID}):run_id>/problemes.csv", defaults={"lang": "fr"})
@auth.login_required
def run_problems(lang: str, run_id: int):
    """Every problem of one run's report as CSV."""
    found = _run_or_404(run_id)
    if not found.report:
        abort(404)
    return csv_response(problems_csv(found.report.get("problems") or []),
                        f"problems-run-{run_id}.csv")


@bp.get(f"/en/hr/runs/<int(max={MAX_ID}):run_id>/status.json", defaults={"lang": "en"})
@bp.get(f"/fr/rh/executions/<int(max={MAX_ID}):run_id>/etat.json", defaults={"lang": "fr"})
def run_status(lang: str, run_id: int):
    """The run's state as JSON, polled by hr.js to update the page's live region."""
    session = db_session()
    if auth.current_user(session) is None:
        return jsonify({"error": "sign in first"}), 401
    found = _run_or_404(run_id)
    state = _runs().status(session, found, _index_dir())
    session.commit()
    return jsonify({**state.to_dict(), "label": str(OUTCOMES[state.state])})


@bp.get("/en/hr/history", defaults={"lang": "en"})
@bp.get("/fr/rh/historique", defaults={"lang": "fr"})
@auth.login_required
def runs(lang: str):
    """Every run, newest first, 50 a page."""
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    if page > MAX_PAGE:
        abort(404)
    found = history.recent_runs(db_session(), limit=HISTORY_PAGE + 1,
                                 offset=(page - 1) * HISTORY_PAGE)
    older = url_for("hr.runs", lang=lang, page=page + 1) if len(found) > HISTORY_PAGE else None
    newer = url_for("hr.runs", lang=lang, page=page - 1) if page > 1 else None
    return render_template(
        "hr/history.html", runs=found[:HISTORY_PAGE], page=page, older=older, newer=newer,
        alternate_url=_alternate("hr.runs", **({"page": page} if page > 1 else {})))


@bp.get("/en/hr/preview/<path:file>", defaults={"lang": "en"})
@bp.get("/fr/rh/apercu/<path:file>", defaults={"lang": "fr"})
@auth.login_required
def preview(lang: str, file: str):
    """A content file as candidates would see it (drafts and test postings included)."""
    root = Path(settings()["CONTENT_DIR"]).resolve()
    path = (root / file).resolve()
    if not file.endswith(".md") or not path.is_relative_to(root) or not path.is_file():
        abort(404)
    posting, problems = load_posting(path, root)
    return render_template(
        "hr/preview.html", file=file, posting=posting, problems=[p.to_dict() for p in problems],
        body=markdown.render(posting.body) if posting else None,
        alternate_url=_alternate("hr.preview", file=file))
