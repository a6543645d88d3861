"""`jobboard alerts send`: one sending run (a thin wrapper around jobboard.alerts.send)."""

from __future__ import annotations

import sys

import click

from jobboard.search.engine import IndexMissing


@click.group("alerts")
def alerts_cli() -> None:
    """Job alerts by email."""


@alerts_cli.command("send")
def send_command() -> None:
    """Send due alerts and retry pending emails; exit 0 when sent or nothing to send,
    1 when some must be retried, 2 when it could not run."""
    from jobboard import alerts, create_app

    app = create_app()
    if not app.config.get("BASE_URL"):
        click.echo("error: JOBBOARD_BASE_URL is not set: emails need the board's public "
                   "address for their links (e.g. https://jobs.example.ca/)", err=True)
        sys.exit(2)
    try:
        report = alerts.send(app)
    except IndexMissing as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    click.echo(f"Run {report.run}: {report.sighted} new postings seen, {report.checked} "
               f"subscriptions due, {report.queued} alerts written, {report.sent} emails sent, "
               f"{len(report.failed)} failed, {len(report.retrying)} to retry, "
               f"{report.expired} unconfirmed subscriptions expired")
    for line in report.failed:
        click.echo(f"  failed: {line}")
    for line in report.retrying:
        click.echo(f"  will retry: {line}", err=True)
    for address in report.stopped:
        click.echo(f"  stopped (refused too often): {address}")
    for line in report.problems:
        click.echo(f"  problem: {line}", err=True)
    sys.exit(0 if report.ok else 1)
