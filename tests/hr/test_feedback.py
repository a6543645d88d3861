"""Accessibility statement and barrier feedback (jobboard/feedback): the form, its storage in
the HR database (SQLite and PostgreSQL), the acknowledgement email through a real SMTP server
on loopback, the HR/QA pages and the audit summary the statement shows."""

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from audits import report, rule, write_report
from helpers import assert_page
from sqlalchemy import select

from jobboard import create_app
from jobboard.a11y.published import AUDIT_FILE, publish
from jobboard.feedback import store
from jobboard.feedback.models import Feedback
from jobboard.hr.db import database

from .conftest import csrf_token, sign_in

STATEMENT = {"en": "/en/accessibility", "fr": "/fr/accessibilite"}
FEEDBACK = {"en": "/en/hr/feedback", "fr": "/fr/rh/retroaction"}
NO_AUDIT = {"en": "No check of this site has been published yet",
            "fr": "Aucune vérification de ce site n’a encore été publiée"}
LANGS = ("en", "fr")


def stored(settings) -> list[Feedback]:
    with database(settings["DATABASE_URL"]).session() as session:
        return list(session.scalars(select(Feedback).order_by(Feedback.id)))


def send(client, lang="en", address="127.0.0.1", **fields):
    data = {"page": "/en/jobs", "what_happened": "The filters cannot be reached by keyboard.",
            "reply_by": "anonymous", **fields}
    data.setdefault("csrf_token", csrf_token(client, STATEMENT[lang]))
    return client.post(STATEMENT[lang], data=data, environ_base={"REMOTE_ADDR": address})


@pytest.fixture
def mailing_app(app, settings, smtp_server):
    """The same board with outgoing mail through the loopback SMTP server."""
    return create_app({"TESTING": True, **settings, "SMTP_URL": smtp_server.url,
                       "MAIL_FROM": "jobs@example.ca", "FEEDBACK_PHONE": "613-555-0100"})


@pytest.mark.parametrize("lang", LANGS)
def test_statement_without_an_audit_says_so(client, lang):
    page = assert_page(client.get(STATEMENT[lang]), lang=lang)
    assert NO_AUDIT[lang] in page.html
    assert "WCAG" in page.html and "braille" in page.html
    assert f'action="{STATEMENT[lang]}"' in page.html and 'name="csrf_token"' in page.html
    other = "fr" if lang == "en" else "en"
    assert next(a for a in page.links if a.get("hreflang") == other)["href"] == STATEMENT[other]


def test_statement_shows_the_position_and_its_contacts(app, settings):
    client = create_app({"TESTING": True, **settings, "FEEDBACK_EMAIL": "a11y@example.gc.ca",
                         "FEEDBACK_POSITION_FR": "Directrice de l’accessibilité",
                         "FEEDBACK_PHONE": "1-800-555-0100",
                         "FEEDBACK_ADDRESS": "1 rue Principale, Ottawa ON K1A 0A1"}).test_client()
    html = client.get(STATEMENT["fr"]).get_data(as_text=True)
    assert "Directrice de l’accessibilité" in html
    assert '<a href="mailto:a11y@example.gc.ca">' in html
    assert '<a href="tel:18005550100">1-800-555-0100</a>' in html
    assert "1 rue Principale, Ottawa ON K1A 0A1" in html


def test_the_statement_changes_when_a_new_audit_is_published(client, settings, tmp_path):
    instance = Path(settings["INSTANCE_DIR"])
    first = report([("http://h/en/jobs", [rule("color-contrast", 3)]),
                    ("http://h/fr/emplois", [rule("color-contrast", 1), rule("label", 1)]),
                    ("http://h/en/accessibility", [])], started_at="2026-11-02T09:00:00+00:00")
    publish(write_report(tmp_path, first), instance)
    html = client.get(STATEMENT["en"]).get_data(as_text=True)
    assert NO_AUDIT["en"] not in html
    assert "On November 2, 2026, we checked 3 pages of this site with axe-core version 4.10.2" \
        in html
    assert re.search(r"<code>color-contrast</code></th><td lang=\"en\">help for color-contrast"
                     r"</td>\s*<td>2</td><td>4</td>", html)
    second = report([("http://h/en/jobs", []), ("http://h/fr/emplois", [])],
                    engine="axe-core 4.11.0", started_at="2026-12-01T09:00:00+00:00")
    publish(write_report(tmp_path, second), instance)
    html = client.get(STATEMENT["fr"]).get_data(as_text=True)
    assert "nous avons vérifié 2\xa0pages" in html or "nous avons vérifié 2 pages" in html
    assert "4.11.0" in html and "color-contrast" not in html
    assert "Cette vérification n’a trouvé aucun problème" in html


def test_a_damaged_audit_file_shows_no_audit(client, settings):
    Path(settings["INSTANCE_DIR"]).mkdir(parents=True, exist_ok=True)
    (Path(settings["INSTANCE_DIR"]) / AUDIT_FILE).write_text("{", encoding="utf-8")
    assert NO_AUDIT["en"] in client.get(STATEMENT["en"]).get_data(as_text=True)


def test_every_page_links_to_the_form_with_itself(client):
    html = client.get("/fr/emplois?q=analyste").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)">Signaler un obstacle</a>', html).group(1)
    assert link.startswith("/fr/accessibilite?page=") and link.endswith("#report")
    form = client.get(link.replace("&amp;", "&").split("#")[0]).get_data(as_text=True)
    assert re.search(r'<input id="page" name="page" type="text" value="/fr/emplois\?q=analyste"',
                     form)


def test_a_post_without_the_csrf_token_is_refused(client, settings):
    assert send(client, csrf_token="forged").status_code == 400
    assert stored(settings) == []


@pytest.mark.parametrize("lang", LANGS)
def test_errors_are_listed_and_nothing_is_stored(client, settings, lang):
    response = send(client, lang, what_happened=" ", reply_by="email", email="not-an-address",
                    page="/x" * 1001)
    page = assert_page(response, 400, lang)
    summary = re.search(r'<div class="error-summary".*?</div>', page.html, re.S).group(0)
    assert [target for target in re.findall(r'href="#([^"]+)"', summary)] == [
        "page", "what_happened", "email"]
    assert 'id="email" name="email" type="email" value="not-an-address"' in page.html
    assert 'aria-invalid="true"' in page.html
    assert stored(settings) == []


def test_a_contact_is_required_for_the_reply_chosen(client):
    response = send(client, reply_by="phone", email="a@example.ca")
    assert response.status_code == 400
    assert "Enter your telephone number" in response.get_data(as_text=True)


def test_only_the_contact_chosen_is_kept(client, settings):
    response = send(client, reply_by="phone", phone="613-555-0199", email="kept@example.ca",
                    mail="1 Main St.", assistive_technology="NVDA 2025.1")
    assert response.status_code == 303
    assert response.headers["Location"] == "/en/accessibility/sent?reply=phone"
    (item,) = stored(settings)
    assert (item.reply_by, item.contact, item.status) == ("phone", "613-555-0199", "received")
    assert (item.page, item.assistive_technology, item.lang) == ("/en/jobs", "NVDA 2025.1", "en")
    assert len(item.sender) == 32 and "127.0.0.1" not in item.sender


def test_an_email_gets_an_acknowledgement_anonymous_feedback_none(mailing_app, settings,
                                                                smtp_server):
    client = mailing_app.test_client()
    assert send(client, "fr", reply_by="anonymous").status_code == 303
    assert send(client, "fr", reply_by="email", email="lea@example.ca",
                what_happened="Le tableau n’a pas d’en-têtes.").status_code == 303
    # Had the anonymous feedback been acknowledged, its message would have arrived first.
    (sender, recipients, message), = smtp_server.wait_for(1)
    assert recipients == ["lea@example.ca"] and sender == "jobs@example.ca"
    anonymous, with_email = stored(settings)
    assert message["Subject"] == ("Nous avons reçu votre rétroaction sur l’accessibilité "
                                  f"(référence {with_email.id})")
    body = message.get_content()
    assert "Le tableau n’a pas d’en-têtes." in body and "braille" in body
    assert "613-555-0100" in body
    assert (anonymous.status, anonymous.acknowledged_at) == ("received", None)
    assert with_email.status == "acknowledged" and with_email.acknowledged_at is not None
    assert len(smtp_server.messages) == 1


def test_feedback_is_kept_when_the_acknowledgement_fails(mailing_app, settings, smtp_server):
    smtp_server.refuse = True
    response = send(mailing_app.test_client(), reply_by="email", email="sam@example.ca")
    assert response.status_code == 303
    (item,) = stored(settings)
    assert (item.contact, item.status, item.acknowledged_at) == ("sam@example.ca", "received",
                                                                 None)


def test_submissions_are_limited_per_address(client, settings):
    for _ in range(store.MAX_PER_HOUR):
        assert send(client).status_code == 303
    response = send(client)
    assert response.status_code == 429
    assert "Wait an hour" in response.get_data(as_text=True)
    assert len(stored(settings)) == store.MAX_PER_HOUR
    assert send(client, address="198.51.100.7").status_code == 303  # others are not blocked


@pytest.mark.parametrize("path", [FEEDBACK["en"], FEEDBACK["fr"], "/en/hr/feedback/1",
                                  "/en/hr/feedback.csv", "/fr/rh/audit"])
def test_hr_pages_need_a_signed_in_user(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith(("/en/hr/login?next=", "/fr/rh/connexion?"))


def _item_form(client, item_id: int, lang: str = "en") -> str:
    path = f"{FEEDBACK[lang]}/{item_id}"
    return csrf_token(client, path)


def test_hr_follows_feedback_up_to_the_statement_counts(client, settings):
    send(client, page="/en/jobs/cloud-engineer", reply_by="email", email="a@example.ca")
    send(client, page="javascript:alert(1)")
    sign_in(client)
    page = assert_page(client.get(FEEDBACK["en"]))
    assert '<a href="/en/jobs/cloud-engineer"><code>/en/jobs/cloud-engineer</code></a>' \
        in page.html
    assert 'href="javascript:' not in page.html  # a reported "page" is linked only on the site
    first, second = stored(settings)
    # "Won't fix" needs a reason: nothing changes without one.
    response = client.post(f"{FEEDBACK['en']}/{second.id}", data={
        "status": "wont_fix", "reason": " ", "csrf_token": _item_form(client, second.id)})
    assert_page(response, 400)
    assert "Say why this barrier will not be fixed" in response.get_data(as_text=True)
    assert stored(settings)[1].status == "received"
    for item, status, reason in ((first, "fixed", ""), (second, "wont_fix", "Not our site.")):
        response = client.post(f"{FEEDBACK['en']}/{item.id}", data={
            "status": status, "reason": reason, "csrf_token": _item_form(client, item.id)})
        assert response.status_code == 303
    first, second = stored(settings)
    assert (first.status, first.reason, first.updated_by) == ("fixed", None, "ana@example.ca")
    assert (second.status, second.reason) == ("wont_fix", "Not our site.")
    assert first.resolved_at is not None
    filtered = client.get(FEEDBACK["en"] + "?status=fixed").get_data(as_text=True)
    assert f"Feedback {first.id}</a>" in filtered and f"Feedback {second.id}</a>" not in filtered
    statement = client.get(STATEMENT["en"]).get_data(as_text=True)
    year = dt.datetime.now(dt.UTC).year
    assert f"In {year}, we have received 2 reports of barriers and resolved 2." in statement


def test_a_status_change_needs_the_csrf_token(client, settings):
    send(client)
    sign_in(client)
    (item,) = stored(settings)
    response = client.post(f"{FEEDBACK['en']}/{item.id}", data={"status": "fixed"})
    assert response.status_code == 400 and stored(settings)[0].status == "received"


def test_csv_export_is_safe_in_a_spreadsheet(client):
    send(client, what_happened="=HYPERLINK(\"http://evil\")", reply_by="email",
         email="b@example.ca")
    sign_in(client)
    response = client.get("/fr/rh/retroaction.csv?status=received")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["what_happened"] for row in rows] == ["'=HYPERLINK(\"http://evil\")"]
    assert rows[0]["contact"] == "b@example.ca" and rows[0]["status"] == "received"
    assert client.get("/en/hr/feedback.csv?status=fixed").get_data(as_text=True).count("\n") == 1


def test_an_item_links_to_the_audit_findings_for_its_page(client, settings, tmp_path):
    send(client, page="/en/jobs?q=python")
    sign_in(client)
    (item,) = stored(settings)
    html = client.get(f"/en/hr/feedback/{item.id}").get_data(as_text=True)
    assert "No check of the site has been published yet." in html
    publish(write_report(tmp_path, report([("http://h/fr/emplois", []),
                                           ("http://h/en/jobs?q=x", [rule("label", 2)])])),
            Path(settings["INSTANCE_DIR"]))
    html = client.get(f"/en/hr/feedback/{item.id}").get_data(as_text=True)
    assert '<a href="/en/hr/audit#page-2"><code>/en/jobs?q=x</code></a>:' in html
    assert "label" in html
    audit = assert_page(client.get("/en/hr/audit"))
    assert '<li id="page-2"><code>/en/jobs?q=x</code>' in audit.html


@pytest.mark.parametrize("form, errors", [
    ({"what_happened": "x", "reply_by": "anonymous"}, []),
    ({"what_happened": "", "reply_by": ""}, [("what_happened", "missing"),
                                             ("reply_by", "missing")]),
    ({"what_happened": "x" * 5001, "reply_by": "mail"}, [("what_happened", "too_long"),
                                                          ("mail", "missing")]),
    ({"what_happened": "x", "reply_by": "email", "email": "a@b"}, [("email", "invalid")]),
    ({"what_happened": "x", "reply_by": "email", "email": "a@b.ca" + "c" * 300},
     [("email", "too_long")]),
    ({"what_happened": "x", "reply_by": "phone", "phone": "12"}, [("phone", "invalid")]),
    ({"what_happened": "x", "reply_by": "anonymous", "assistive_technology": "y" * 301},
     [("assistive_technology", "too_long")]),
    ({"what_happened": ["x"], "reply_by": "sms"}, [("what_happened", "missing"),
                                                   ("reply_by", "missing")]),
])
def test_check(form, errors):
    assert store.check(form)[1] == errors


def test_year_counts_ignore_last_year(db):
    with db.session() as session:
        submission = store.Submission(what_happened="x", reply_by="anonymous")
        old = store.submit(session, submission, "en", "s", at=dt.datetime(2025, 6, 1,
                                                                          tzinfo=dt.UTC))
        store.set_status(session, old, "fixed", "", "qa", at=dt.datetime(2025, 7, 1,
                                                                         tzinfo=dt.UTC))
        new = store.submit(session, submission, "en", "s", at=dt.datetime(2026, 2, 1,
                                                                          tzinfo=dt.UTC))
        store.set_status(session, old, "fixed", "", "qa", at=dt.datetime(2026, 3, 1,
                                                                         tzinfo=dt.UTC))
        counts = store.year_counts(session, dt.date(2026, 12, 4))
        assert (counts.received, counts.resolved) == (1, 0)
        store.set_status(session, new, "in_progress", "", "qa")
        store.set_status(session, new, "fixed", "", "qa",
                         at=dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
        assert store.year_counts(session, dt.date(2026, 12, 4)).resolved == 1
        assert store.status_counts(session) == {"received": 0, "acknowledged": 0,
                                                "in_progress": 0, "fixed": 2, "wont_fix": 0}
