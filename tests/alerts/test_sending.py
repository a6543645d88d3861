"""`jobboard alerts send`: frequencies, limits, expiry, failures and bounces, the command."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from helpers import assert_page
from sqlalchemy import select

from jobboard.alerts.models import Address, Delivery, Subscription
from jobboard.alerts.sender import BOUNCES_TO_STOP
from jobboard.alerts.subscriptions import PER_EMAIL_PER_HOUR, PER_IP_PER_HOUR, Tokens
from jobboard.cli import cli
from jobboard.hr.web import db

from .conftest import confirm, links, publish, received, send, subscribe

LIMIT_MESSAGE = {"en": "You have asked for too many alerts in the last hour",
                 "fr": "Vous avez demandé trop d’alertes au cours de la dernière heure"}


def rows(app, model):
    with app.app_context(), db().session() as session:
        return list(session.scalars(select(model)))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_limit_per_address_per_hour(client, smtp_server, lang):
    for _ in range(PER_EMAIL_PER_HOUR):
        assert subscribe(client, "ana@example.ca", lang=lang).status_code == 303
    page = assert_page(subscribe(client, "ANA@example.ca", lang=lang), 429, lang)
    assert LIMIT_MESSAGE[lang] in page.html and 'class="error-summary"' in page.html
    assert len(received(smtp_server)) == PER_EMAIL_PER_HOUR
    assert subscribe(client, "bob@example.ca", lang=lang).status_code == 303  # others may


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_limit_per_ip_per_hour(client, smtp_server, lang):
    for number in range(PER_IP_PER_HOUR):
        response = subscribe(client, f"person{number}@example.ca", lang=lang,
                             REMOTE_ADDR="192.0.2.7")
        assert response.status_code == 303
    response = subscribe(client, "one-more@example.ca", lang=lang, REMOTE_ADDR="192.0.2.7")
    assert LIMIT_MESSAGE[lang] in assert_page(response, 429, lang).html
    assert subscribe(client, "one-more@example.ca", lang=lang,
                     REMOTE_ADDR="192.0.2.8").status_code == 303


def test_unconfirmed_subscriptions_expire(board, client, smtp_server):
    subscribe(client, "ana@example.ca")
    [confirmation] = received(smtp_server)
    publish(board, ("en", "cloud-architect", "Cloud architect", "cloud"))
    report = send(board, days=8)
    assert report.expired == 1 and report.sent == 0
    assert rows(board, Subscription) == []
    path = next(link for link in links(confirmation) if "/confirm/" in link)
    assert_page(board.test_client().get(path), 404, "en")


def test_weekly_alerts_wait_a_week(board, client, smtp_server):
    subscribe(client, "ana@example.ca", frequency="weekly")
    confirm(client, received(smtp_server)[0])
    publish(board, ("en", "cloud-architect", "Cloud architect", "cloud"))
    assert send(board, days=1).sent == 0
    publish(board, ("en", "network-analyst", "Network analyst", "net"))
    assert send(board, days=7).sent == 1
    text = received(smtp_server)[-1].get_body(("plain",)).get_content()
    assert "Cloud architect" in text and "Network analyst" in text


def test_refusals_are_recorded_and_stop_the_address(board, client, smtp_server):
    subscribe(client, "ana@example.ca")
    confirm(client, received(smtp_server)[0])
    smtp_server.refuse = True
    for day in range(1, BOUNCES_TO_STOP + 1):
        publish(board, ("en", f"job-{day}", f"Job {day}", f"job{day}"))
        report = send(board, days=day)
        assert report.sent == 0 and len(report.failed) == 1
    assert report.stopped == ["ana@example.ca"]
    failed = rows(board, Delivery)[1:]
    assert [d.state for d in failed] == ["failed"] * BOUNCES_TO_STOP
    assert all("550" in d.error for d in failed)
    [health] = rows(board, Address)
    assert health.failures == BOUNCES_TO_STOP and health.stopped_at is not None
    smtp_server.refuse = False
    publish(board, ("en", "last-job", "Last job", "last"))
    assert send(board, days=BOUNCES_TO_STOP + 1).sent == 0
    assert len(received(smtp_server)) == 1  # the confirmation only


def test_a_server_that_is_away_is_retried_next_run(board, client, smtp_server):
    subscribe(client, "ana@example.ca")
    confirm(client, received(smtp_server)[0])
    publish(board, ("en", "cloud-architect", "Cloud architect", "cloud"))
    working = board.config["SMTP_URL"]
    board.config["SMTP_URL"] = "smtp://127.0.0.1:9"  # nothing listens there
    report = send(board, days=1)
    assert report.sent == 0 and len(report.retrying) == 1 and not report.ok
    board.config["SMTP_URL"] = working
    report = send(board, days=1.1)  # not due again: only the pending message goes
    assert report.sent == 1 and report.queued == 0
    assert len(received(smtp_server)) == 2


def _environment(board) -> dict:
    names = ("CONTENT_DIR", "INDEX_DIR", "INSTANCE_DIR", "SECRET_KEY", "DATABASE_URL",
             "SMTP_URL", "MAIL_FROM", "BASE_URL")
    return {f"JOBBOARD_{name}": str(board.config[name]) for name in names}


def test_the_command(board, client, smtp_server):
    subscribe(client, "ana@example.ca")
    runner = CliRunner()
    result = runner.invoke(cli, ["alerts", "send"], env=_environment(board))
    assert result.exit_code == 0, result.output
    assert "0 emails sent" in result.output
    environment = {**_environment(board), "JOBBOARD_BASE_URL": ""}
    result = runner.invoke(cli, ["alerts", "send"], env=environment)
    assert result.exit_code == 2 and "JOBBOARD_BASE_URL" in result.output


def test_times_are_utc(board, client, smtp_server):
    subscribe(client, "ana@example.ca")
    confirm(client, received(smtp_server)[0])
    [subscription] = rows(board, Subscription)
    assert subscription.due_at - subscription.confirmed_at == dt.timedelta(hours=23)


def test_delivery_records_are_kept_90_days(board, client, smtp_server):
    subscribe(client, "ana@example.ca")
    send(board, days=89)
    assert [d.state for d in rows(board, Delivery)] == ["sent"]
    send(board, days=91)
    assert rows(board, Delivery) == []


def test_a_stored_search_that_no_longer_parses_is_reported_not_fatal(board, client,
                                                                       smtp_server):
    subscribe(client, "ana@example.ca", "q=developer&page=abc")  # refused at the door …
    assert rows(board, Subscription) == []
    subscribe(client, "ana@example.ca", "classification=IT-02")
    confirm(client, received(smtp_server)[0])
    with board.app_context(), db().session() as session:  # … but rules may change later
        session.scalars(select(Subscription)).one().query = "q=developer&page=abc"
    publish(board, ("en", "cloud-architect", "Cloud architect", "cloud"))
    report = send(board)
    assert len(report.problems) == 1 and not report.ok and report.sent == 0
    manage = "/en/alerts/manage/" + Tokens(board.config["SECRET_KEY"]).make(
        "manage", "ana@example.ca")
    assert "q=developer&amp;page=abc" in assert_page(client.get(manage), 200, "en").html
