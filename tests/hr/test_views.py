"""HR pages (jobboard/hr/views.py): sign-in, dashboard, reindex, run page, history."""

import csv
import io
import os
import re
from pathlib import Path

import pytest
from helpers import assert_page, read_page
from sqlalchemy import func, select

from jobboard import create_app
from jobboard.hr import history
from jobboard.hr.db import ReindexRun
from jobboard.langs import LANGS
from jobboard.search import store
from jobboard.search.indexer import reindex

from .conftest import DASHBOARD, HISTORY, LOGIN, LOGOUT, PREVIEW, REINDEX, csrf_token, sign_in
from .test_jobs import wait_for


def field_tag(html: str, name: str) -> str:
    return re.search(rf'<input id="{name}"[^>]*>', html).group(0)


def runs_in(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(ReindexRun))


@pytest.mark.parametrize("lang", LANGS)
def test_login_page_is_an_accessible_form(client, lang):
    page = assert_page(client.get(LOGIN[lang]), lang=lang)
    assert '<label for="email">' in page.html and '<label for="password">' in page.html
    assert 'autocomplete="username"' in field_tag(page.html, "email")
    assert 'autocomplete="current-password"' in field_tag(page.html, "password")
    assert 'name="csrf_token"' in page.html
    other = "fr" if lang == "en" else "en"
    toggle = next(link for link in page.links if link.get("hreflang") == other)
    assert toggle["href"] == LOGIN[other] and toggle["lang"] == other


@pytest.mark.parametrize("path", [DASHBOARD["en"], DASHBOARD["fr"], HISTORY["en"],
                                  "/en/hr/runs/1", "/fr/rh/executions/1"])
def test_pages_need_a_signed_in_user(client, path):
    response = client.get(path)
    lang = path[1:3]
    assert response.status_code == 302
    assert response.headers["Location"] == f"{LOGIN[lang]}?next={path}"


def test_sign_in_goes_to_the_dashboard_with_a_safe_cookie(client):
    response = sign_in(client)
    assert response.status_code == 303 and response.headers["Location"] == DASHBOARD["en"]
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    assert_page(client.get(DASHBOARD["en"]))


def test_development_cookies_are_not_secure(settings, app):
    dev = create_app({"TESTING": True, **settings, "ENV": "development"})
    cookie = sign_in(dev.test_client()).headers["Set-Cookie"]
    assert "Secure" not in cookie and "HttpOnly" in cookie


def test_sign_in_returns_to_the_page_asked_for_but_never_off_site(client):
    token = csrf_token(client)
    data = {"email": "ana@example.ca", "password": "correct horse battery", "csrf_token": token}
    response = client.post(LOGIN["en"] + "?next=/en/hr/history", data=data)
    assert response.headers["Location"] == "/en/hr/history"
    client.post(LOGOUT["en"], data={"csrf_token": csrf_token(client, DASHBOARD["en"])})
    token = csrf_token(client)
    response = client.post(LOGIN["en"] + "?next=//evil.example/", data={**data,
                                                                         "csrf_token": token})
    assert response.headers["Location"] == DASHBOARD["en"]


@pytest.mark.parametrize("lang", LANGS)
def test_wrong_password_and_unknown_account_get_the_same_answer(client, lang):
    wrong = sign_in(client, password="not the password", lang=lang)
    unknown = sign_in(client, email="nobody@example.ca", lang=lang)
    assert wrong.status_code == unknown.status_code == 401
    messages = [re.search(r'<div class="error-summary".*?</div>', r.get_data(as_text=True),
                          re.S).group(0) for r in (wrong, unknown)]
    assert messages[0] == messages[1]
    page = assert_page(wrong, 401, lang)
    assert 'href="#email"' in messages[0]
    email = field_tag(page.html, "email")
    assert 'aria-invalid="true"' in email and 'aria-describedby="email-error"' in email
    assert 'value="ana@example.ca"' in email
    assert 'value=""' in field_tag(page.html, "password")  # never echoed back


def test_empty_fields_are_listed_in_the_error_summary(client):
    response = client.post(LOGIN["en"], data={"csrf_token": csrf_token(client)})
    page = assert_page(response, 400)
    assert 'href="#email"' in page.html and 'href="#password"' in page.html
    assert page.title.startswith("Sign in to the HR tools – error")
    assert 'aria-invalid="true"' in field_tag(page.html, "password")


def test_sixth_failure_is_throttled_with_a_clear_message(client):
    for _ in range(5):
        assert sign_in(client, password="not the password").status_code == 401
    response = sign_in(client)  # right password, too late
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 890
    assert "Wait 15 minutes" in response.get_data(as_text=True)
    assert client.get(DASHBOARD["en"]).status_code == 302


def test_throttling_per_address_spans_accounts(client):
    for n in range(20):
        sign_in(client, email=f"guess{n}@example.ca", environ_base={"REMOTE_ADDR": "10.6.6.6"})
    assert sign_in(client, environ_base={"REMOTE_ADDR": "10.6.6.6"}).status_code == 429
    assert sign_in(client, environ_base={"REMOTE_ADDR": "10.1.1.1"}).status_code == 303


@pytest.mark.parametrize("path", [LOGIN["en"], REINDEX["en"], LOGOUT["en"], REINDEX["fr"]])
def test_posts_without_the_csrf_token_are_refused(client, db, path):
    sign_in(client)
    response = client.post(path, data={"email": "ana@example.ca",
                                       "password": "correct horse battery"})
    assert response.status_code == 400
    response = client.post(path, data={"csrf_token": "forged"})
    assert response.status_code == 400
    assert runs_in(db) == 0


def test_sign_out_is_a_post_and_ends_copied_sessions_too(client, app):
    sign_in(client)
    stolen = app.test_client()
    stolen.set_cookie("session", client.get_cookie("session").value)
    assert stolen.get(DASHBOARD["en"]).status_code == 200
    assert client.get(LOGOUT["en"]).status_code == 405
    response = client.post(LOGOUT["fr"], data={"csrf_token": csrf_token(client, DASHBOARD["en"])})
    assert response.status_code == 303 and response.headers["Location"] == LOGIN["fr"]
    assert "Votre session est fermée" in client.get(LOGIN["fr"]).get_data(as_text=True)
    assert client.get(DASHBOARD["en"]).status_code == 302
    assert stolen.get(DASHBOARD["en"]).status_code == 302


@pytest.mark.parametrize("lang", LANGS)
def test_dashboard_shows_the_live_index_status(client, lang):
    sign_in(client, lang=lang)
    page = assert_page(client.get(DASHBOARD[lang]), lang=lang)
    assert "fr/chef-equipe.md" in page.html  # the invalid file, with its line and fix
    assert {"en": "apostrophe inside single quotes",
            "fr": "contient une apostrophe entre apostrophes"}[lang] in page.html
    assert "en/economist.md" in page.html  # English only
    # with its title linked to the public page, and the file to its preview
    assert '<a href="/en/jobs/economist" lang="en">Economist</a>' in page.html
    assert PREVIEW[lang] + "en/economist.md" in page.html
    assert f'action="{REINDEX[lang]}"' in page.html
    assert '<td lang="en">' not in page.html  # problems and fixes in the page's language


def test_dashboard_without_an_index_says_so(settings, client):
    sign_in(client)
    os.unlink(os.path.join(settings["INDEX_DIR"], "live"))
    page = assert_page(client.get(DASHBOARD["en"]))
    assert "No index has been built yet" in page.html


@pytest.mark.parametrize("lang", LANGS)
def test_reindex_starts_a_background_run_and_shows_its_report(client, db, lang):
    sign_in(client, lang=lang)
    response = client.post(REINDEX[lang], data={"csrf_token": csrf_token(client, DASHBOARD[lang])})
    assert response.status_code == 303
    run_url = response.headers["Location"]
    run_id = int(run_url.rsplit("/", 1)[1])
    assert run_url == {"en": f"/en/hr/runs/{run_id}", "fr": f"/fr/rh/executions/{run_id}"}[lang]
    done = wait_for(db, run_id)
    assert done.who == "ana@example.ca" and done.trigger == "web"
    page = assert_page(client.get(run_url), lang=lang)
    assert "fr/chef-equipe.md" in page.html and 'id="run-progress"' not in page.html
    history_page = assert_page(client.get(HISTORY[lang]), lang=lang)
    assert f'href="{run_url}"' in history_page.html


def test_second_click_while_running_says_so_and_links_to_the_run(client, db):
    with db.session() as session:
        running = history.start_run(session, "bo@example.ca", "web")
        running.pid = os.getpid()  # a live process
    sign_in(client)
    response = client.post(REINDEX["en"], data={"csrf_token": csrf_token(client, DASHBOARD["en"])})
    assert response.headers["Location"] == f"/en/hr/runs/{running.id}"
    page = assert_page(client.get(response.headers["Location"]))
    assert "A reindex is already running" in page.html
    assert runs_in(db) == 1
    dashboard = client.get(DASHBOARD["en"]).get_data(as_text=True)
    assert f'href="/en/hr/runs/{running.id}">Follow its progress' in dashboard


def test_reindex_while_the_command_line_holds_the_lock(client, db, settings):
    sign_in(client)
    with store.writer_lock(settings["INDEX_DIR"]):
        response = client.post(REINDEX["en"],
                               data={"csrf_token": csrf_token(client, DASHBOARD["en"])})
    assert response.headers["Location"] == DASHBOARD["en"]
    assert f"process {os.getpid()}" in client.get(DASHBOARD["en"]).get_data(as_text=True)
    assert runs_in(db) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_run_page_in_progress_works_without_javascript(client, db, lang):
    with db.session() as session:
        running = history.start_run(session, "bo@example.ca", "web")
        running.pid, running.progress_done, running.progress_total = os.getpid(), 3, 10
    sign_in(client, lang=lang)
    path = {"en": "/en/hr/runs/%d", "fr": "/fr/rh/executions/%d"}[lang] % running.id
    page = assert_page(client.get(path), lang=lang)
    progress = re.search(r'<p id="run-progress" role="status">([^<]*)</p>', page.html).group(1)
    assert "3" in progress and "10" in progress
    assert f'<a id="run-refresh" href="{path}">' in page.html
    assert 'http-equiv="refresh"' not in page.html.lower()
    assert re.search(r"<script(?![^>]*\bsrc=)", page.html) is None  # no inline script
    status = client.get(re.search(r'data-status-url="([^"]+)"', page.html).group(1)).get_json()
    assert (status["state"], status["done"], status["total"], status["finished"]) == (
        "running", 3, 10, False)


def test_status_json_needs_a_signed_in_user(client):
    assert client.get("/en/hr/runs/1/status.json").status_code == 401


def test_unknown_run_is_not_found(client):
    sign_in(client)
    assert client.get("/en/hr/runs/999").status_code == 404


def test_failed_run_page_says_the_live_index_was_kept(client, db):
    with db.session() as session:
        history.fail_run(session, history.start_run(session, None, "webhook"), "RuntimeError: x")
    sign_in(client)
    page = assert_page(client.get("/fr/rh/executions/1"), lang="fr")
    assert '<p lang="en">RuntimeError: x</p>' in page.html


def test_history_pages_through_runs(client, db):
    with db.session() as session:
        for n in range(51):
            history.fail_run(session, history.start_run(session, f"u{n}@example.ca", "cli"), "x")
    sign_in(client)
    first = assert_page(client.get(HISTORY["en"]))
    assert "u50@example.ca" in first.html and "u0@example.ca" not in first.html
    assert 'href="/en/hr/history?page=2"' in first.html
    second = assert_page(client.get(HISTORY["en"] + "?page=2"))
    assert "u0@example.ca" in second.html and 'href="/en/hr/history?page=1"' in second.html
    assert second.title.startswith("Reindex history")


def test_hr_pages_are_private(client):
    response = client.get(LOGIN["en"])
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_signed_in_pages_have_the_hr_navigation(client):
    sign_in(client)
    page = read_page(client.get(HISTORY["en"]).get_data(as_text=True))
    assert {"href": "/en/hr/history", "aria-current": "page"} in page.links


@pytest.mark.parametrize("lang", LANGS)
def test_drafts_and_test_postings_are_listed_with_a_preview_for_hr_only(client, settings, lang):
    content = settings["CONTENT_DIR"]
    with open(os.path.join(content, "en", "plan.md"), "w", encoding="utf-8") as handle:
        handle.write('---\ntitle: "Secret plan"\ndraft: true\n---\n## Role\n\n#### Tasks\n')
    with open(os.path.join(content, "en", "t.md"), "w", encoding="utf-8") as handle:
        handle.write('---\ntitle: "Test Job Post"\n---\nBody.\n')
    reindex(content, settings["INDEX_DIR"])
    assert client.get("/en/jobs/plan").status_code == 404  # never public
    assert client.get(PREVIEW[lang] + "en/plan.md").status_code == 302  # sign in first
    assert "Secret plan" not in client.get("/en/jobs?status=all").get_data(as_text=True)
    sign_in(client, lang=lang)
    dashboard = assert_page(client.get(DASHBOARD[lang]), lang=lang).html
    assert f'href="{PREVIEW[lang]}en/plan.md" lang="en">Secret plan</a>' in dashboard
    assert f'href="{PREVIEW[lang]}en/t.md" lang="en">Test Job Post</a>' in dashboard
    preview = assert_page(client.get(PREVIEW[lang] + "en/plan.md"), lang=lang).html
    assert "<h2>Role</h2>" in preview and "<h3>Tasks</h3>" in preview
    for bad in ("../secret.md", "en/missing.md", "en/plan.txt"):
        assert client.get(PREVIEW[lang] + bad).status_code == 404


def test_times_are_shown_in_toronto_time_with_the_zone(client):
    sign_in(client)
    html = client.get(DASHBOARD["en"]).get_data(as_text=True)
    assert re.search(r"\d{4}, \d{1,2}:\d\d:\d\d\s[ap]\.m\.\sE[SD]T", html), html
    assert re.search(r"\d{4}, \d{1,2} h \d\d min \d\d s HN?[AE]", client.get(
        DASHBOARD["fr"]).get_data(as_text=True))


@pytest.mark.parametrize("lang", LANGS)
def test_a_long_report_shows_its_first_warnings_and_offers_all_problems_as_csv(settings, lang):
    from jobboard.hr.problem_text import PROBLEMS_SHOWN

    from .conftest import hr_board, write_posting

    content = Path(settings["CONTENT_DIR"])
    for number in range(PROBLEMS_SHOWN + 5):  # no closing date: a warning each
        write_posting(content, "en", f"job-{number:03d}", f"Job {number}")
    client = hr_board(settings).test_client()
    sign_in(client, lang=lang)
    report = store.Generation.live(settings["INDEX_DIR"]).report()
    warnings = [p for p in report["problems"] if p["severity"] != "error"]
    assert len(warnings) > PROBLEMS_SHOWN

    page = assert_page(client.get(DASHBOARD[lang]), lang=lang)
    table = page.html.split('id="warnings-caption"', 1)[1].split("</table>", 1)[0]
    assert table.count('<th scope="row">') == PROBLEMS_SHOWN
    csv_url = {"en": "/en/hr/problems.csv", "fr": "/fr/rh/problemes.csv"}[lang]
    assert f'<a href="{csv_url}">' in page.html
    shown = {"en": f"The first {PROBLEMS_SHOWN} of {len(warnings)} warnings are shown.",
             "fr": f"Les {PROBLEMS_SHOWN} premiers avertissements sur {len(warnings)} sont "
                   "affichés."}[lang]
    assert shown in page.html

    response = client.get(csv_url)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == {"en": "File", "fr": "Fichier"}[lang]
    assert len(rows) == 1 + len(report["problems"])  # every problem, errors included
    assert {row[0] for row in rows[1:]} >= {f"en/job-{n:03d}.md" for n in range(PROBLEMS_SHOWN)}
    assert {row[3] for row in rows[1:]} == {"en": {"error", "warning"},
                                             "fr": {"erreur", "avertissement"}}[lang]

    signed_out = create_app({"TESTING": True, **settings}).test_client()
    assert signed_out.get(csv_url).status_code == 302  # HR only


def test_a_runs_problems_are_downloadable_as_csv(client, db):
    sign_in(client)
    response = client.post(REINDEX["en"], data={"csrf_token": csrf_token(client, DASHBOARD["en"])})
    run_url = response.headers["Location"]
    run_id = int(run_url.rsplit("/", 1)[1])
    assert wait_for(db, run_id).report
    rows = list(csv.reader(io.StringIO(
        client.get(f"{run_url}/problems.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert any(row[0] == "fr/chef-equipe.md" and row[3] == "error" for row in rows[1:])
    assert client.get("/fr/rh/executions/999/problemes.csv").status_code == 404
