"""A sending run killed (-9) at each point never sends an alert twice nor skips one.

The run is a real process paused at a point by a probe (it wraps a function to print the
point's name and sleep there), then killed; the next run, in this process, finishes the job.
The SMTP server is real: what it received is what people would get.
"""

from __future__ import annotations

import datetime as dt
import os
import select
import signal
import subprocess
import sys

import pytest

from jobboard import alerts
from jobboard.alerts.sender import CLAIM_TIMEOUT
from jobboard.hr.db import now

from .conftest import confirm, publish, received, subscribe

pytestmark = pytest.mark.slow

PROBE = r"""
import datetime as dt, sys, time
from jobboard import alerts, create_app, mail
from jobboard.alerts import sender
point, at = sys.argv[1], dt.datetime.fromisoformat(sys.argv[2])

def pause(name):
    if name == point:
        print(name, flush=True)
        time.sleep(600)

real_send, real_deliver_pending = mail.send, sender.deliver_pending
def send(settings, message):
    pause("before-smtp")
    real_send(settings, message)
    pause("after-smtp")
def deliver_pending(*args):
    pause("queued")
    real_deliver_pending(*args)
mail.send, sender.deliver_pending = send, deliver_pending
alerts.send(create_app(), at)
print("finished", flush=True)
"""
PEOPLE = ("ana@example.ca", "bob@example.ca")


def _environment(board) -> dict:
    names = ("CONTENT_DIR", "INDEX_DIR", "INSTANCE_DIR", "SECRET_KEY", "DATABASE_URL",
             "SMTP_URL", "MAIL_FROM", "BASE_URL")
    return {**os.environ, **{f"JOBBOARD_{name}": str(board.config[name]) for name in names}}


def kill_at(board, point: str, at: dt.datetime) -> None:
    probe = subprocess.Popen([sys.executable, "-c", PROBE, point, at.isoformat()],
                             stdout=subprocess.PIPE, text=True, env=_environment(board))
    try:
        ready, _, _ = select.select([probe.stdout], [], [], 120)
        assert ready, "the probe printed nothing"
        assert probe.stdout.readline().strip() == point
    finally:
        probe.send_signal(signal.SIGKILL)
        probe.communicate()


def alerts_to(smtp_server, email: str) -> list:
    return [m for m in received(smtp_server)
            if m["To"] == email and "List-Unsubscribe" in m]


def two_due_alerts(board, client, smtp_server) -> dt.datetime:
    """Two confirmed subscriptions with a new posting; the time at which both are due."""
    for email in PEOPLE:
        subscribe(client, email)
    for message in received(smtp_server):
        confirm(client, message)
    publish(board, ("en", "cloud-architect", "Cloud architect", "cloud"))
    return now() + dt.timedelta(days=1)


@pytest.mark.parametrize("point", ["queued", "before-smtp"])
def test_killed_before_the_server_accepted_each_alert_is_sent_once(board, client, smtp_server,
                                                                  point):
    at = two_due_alerts(board, client, smtp_server)
    kill_at(board, point, at)
    assert all(alerts_to(smtp_server, email) == [] for email in PEOPLE)
    # A run beside the dead one's claim leaves its message alone (it may still be sending) …
    alerts.send(board, at + dt.timedelta(minutes=1))
    claimed = 1 if point == "before-smtp" else 0
    assert sum(len(alerts_to(smtp_server, email)) for email in PEOPLE) == 2 - claimed
    # … and the next run after the claim expired sends it.
    report = alerts.send(board, at + CLAIM_TIMEOUT + dt.timedelta(minutes=2))
    assert report.queued == 0
    for email in PEOPLE:
        [alert] = alerts_to(smtp_server, email)
        assert "Cloud architect" in alert.get_body(("plain",)).get_content()


def test_killed_after_the_server_accepted_the_same_message_is_sent_again(board, client,
                                                                         smtp_server):
    """The one window left (documented): the copy is the same message, same Message-ID."""
    at = two_due_alerts(board, client, smtp_server)
    kill_at(board, "after-smtp", at)
    [first] = alerts_to(smtp_server, PEOPLE[0])
    alerts.send(board, at + CLAIM_TIMEOUT + dt.timedelta(minutes=2))
    copies = alerts_to(smtp_server, PEOPLE[0])
    assert len(copies) == 2 and copies[1]["Message-ID"] == first["Message-ID"]
    assert copies[1].get_body(("plain",)).get_content() == first.get_body(
        ("plain",)).get_content()
    assert len(alerts_to(smtp_server, PEOPLE[1])) == 1
