"""Subscribe, confirm, receive only new postings, unsubscribe: through the pages and a real
SMTP server, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from helpers import assert_page
from sqlalchemy import select

from jobboard.alerts.models import Delivery, Subscription
from jobboard.hr.web import db

from .conftest import SUBSCRIBE, confirm, links, path_of, publish, received, send, subscribe

CONFIRM_SUBJECT = {"en": "Confirm your job alert", "fr": "Confirmez votre alerte-emploi"}


def subscriptions(app) -> list[Subscription]:
    with app.app_context(), db().session() as session:
        return list(session.scalars(select(Subscription).order_by(Subscription.id)))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_double_opt_in_then_only_new_matching_postings(board, client, smtp_server, lang):
    response = subscribe(client, "Ana@Example.ca", "classification=IT-02", lang=lang)
    assert response.status_code == 303
    assert_page(client.get(response.headers["Location"]), 200, lang)
    [confirmation] = received(smtp_server)
    assert confirmation["To"] == "ana@example.ca"
    assert confirmation["Subject"] == CONFIRM_SUBJECT[lang]
    assert confirmation["Content-Language"] == lang
    assert f'<html lang="{lang}">' in confirmation.get_body(("html",)).get_content()
    assert "List-Unsubscribe" not in confirmation  # nothing to unsubscribe from yet

    publish(board, ("en", "data-engineer", "Data engineer", "data"))
    assert send(board).sent == 0  # not confirmed: nothing is sent
    assert len(received(smtp_server)) == 1

    confirm(client, confirmation)
    publish(board, ("en", "cloud-architect", "Cloud architect", "cloud"),
            ("fr", "architecte-infonuagique", "Architecte infonuagique", "cloud"))
    publish(board, ("en", "statistician", "Statistician", "stat"))  # IT-02 too
    report = send(board)
    assert report.sent == 1, report
    alert = received(smtp_server)[-1]
    text = alert.get_body(("plain",)).get_content()
    html = alert.get_body(("html",)).get_content()
    title = "Cloud architect" if lang == "en" else "Architecte infonuagique"
    assert title in text and title in html and "Statistician" in text
    # Published before the subscription was confirmed, or not matching: not in the alert.
    assert "Data engineer" not in text and "Developer" not in text
    assert "Economist" not in text and "Économiste" not in text
    assert alert["Content-Language"] == lang and f'<html lang="{lang}">' in html
    assert ("15 janvier 2099" if lang == "fr" else "January 15, 2099") in text  # Babel dates
    assert alert["Subject"] == {"en": "2 new jobs for your search",
                                "fr": "2 nouveaux emplois pour votre recherche"}[lang]
    assert {"en": "Location: Ottawa, ON",
            "fr": "Lieu\u00a0: Ottawa (Ontario)"}[lang] in text  # French typography
    assert "<h1" in html and "<h2" in html and "<img" not in html

    assert send(board, days=2).sent == 0  # nothing new, nothing sent
    assert len(received(smtp_server)) == 2
    publish(board, ("en", "network-analyst", "Network analyst", "net"))
    send(board, days=3)
    last = received(smtp_server)[-1].get_body(("plain",)).get_content()
    assert "Network analyst" in last and "Cloud architect" not in last


def test_one_click_unsubscribe_without_csrf_token(board, client, smtp_server):
    subscribe(client, "ana@example.ca")
    confirm(client, received(smtp_server)[0])
    publish(board, ("en", "cloud-architect", "Cloud architect", "cloud"))
    send(board)
    alert = received(smtp_server)[-1]
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    target = path_of(alert["List-Unsubscribe"])
    assert target in links(alert)  # the same link in the body
    # A link scanner's GET changes nothing.
    assert_page(client.get(target), 200, "en")
    assert len(subscriptions(board)) == 1
    # RFC 8058: the mail client POSTs this body, with no cookie and no CSRF token.
    response = board.test_client().post(target, data={"List-Unsubscribe": "One-Click"})
    assert_page(response, 200, "en")
    assert subscriptions(board) == []
    publish(board, ("en", "network-analyst", "Network analyst", "net"))
    assert send(board, days=2).sent == 0
    # Again (a second click): still a success page; a forged token is refused.
    assert client.post(target).status_code == 200
    assert client.post(target[:-3] + "abc").status_code == 404


def test_manage_page_lists_and_stops_alerts(board, client, smtp_server):
    subscribe(client, "ana@example.ca", "classification=IT-02")
    subscribe(client, "ana@example.ca", "q=economist", alert_lang="fr", frequency="weekly")
    for message in received(smtp_server):
        confirm(client, message)
    publish(board, ("en", "cloud-architect", "Cloud architect", "cloud"))
    send(board)
    manage = next(link for link in links(received(smtp_server)[-1]) if "/manage/" in link)
    page = assert_page(client.get(manage), 200, "en")
    assert "IT-02" in page.html and "“economist”" in page.html and "Weekly" in page.html
    first = subscriptions(board)[0]
    response = client.post(manage, data={"subscription": str(first.id)})
    assert response.status_code == 303
    assert [s.query for s in subscriptions(board)] == ["q=economist"]
    client.post(manage, data={"subscription": "all"})
    assert subscriptions(board) == []
    assert client.get(manage[:-4] + "xxxx").status_code == 404


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_form_errors_are_shown_with_the_form(client, smtp_server, lang):
    response = subscribe(client, "not-an-address", lang=lang, frequency="hourly")
    page = assert_page(response, 400, lang)
    assert 'class="error-summary"' in page.html and 'aria-invalid="true"' in page.html
    assert 'href="#alert-email"' in page.html and 'href="#alert-frequency-daily"' in page.html
    assert received(smtp_server) == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_search_page_has_the_subscribe_form(client, lang):
    path = SUBSCRIBE[lang].split("/")[1]
    page = client.get(f"/{path}/{'jobs' if lang == 'en' else 'emplois'}"
                      "?q=developer&classification=IT-02&page=1").get_data(as_text=True)
    assert '<input id="alert-email" name="email" type="email"' in page
    assert f'action="{SUBSCRIBE[lang]}"' in page and 'method="post"' in page
    assert 'name="search" value="q=developer&amp;classification=IT-02"' in page
    assert f'<option value="{lang}" lang="{lang}" selected>' in page


def test_subscribe_page_on_its_own(client):
    page = assert_page(client.get("/fr/alertes/abonnement?q=analyste"), 200, "fr")
    assert 'name="search" value="q=analyste"' in page.html


def test_outbox_keeps_no_message_once_sent(board, client, smtp_server):
    subscribe(client, "ana@example.ca")
    with board.app_context(), db().session() as session:
        [delivery] = session.scalars(select(Delivery))
        assert delivery.state == "sent" and delivery.message is None


def test_postings_live_when_confirming_are_not_new_even_before_any_run(board, client,
                                                                        smtp_server):
    subscribe(client, "ana@example.ca")
    publish(board, ("en", "data-engineer", "Data engineer", "data"))  # no sending run yet
    confirm(client, received(smtp_server)[0])
    publish(board, ("en", "cloud-architect", "Cloud architect", "cloud"))
    assert send(board).sent == 1
    text = received(smtp_server)[-1].get_body(("plain",)).get_content()
    assert "Cloud architect" in text
    assert "Data engineer" not in text and "Developer" not in text
