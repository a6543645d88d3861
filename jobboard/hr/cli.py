"""`jobboard hr ...`: manage HR accounts (thin wrappers around jobboard.hr.users)."""

from __future__ import annotations

import sys

import click

from jobboard import config
from jobboard.hr import users
from jobboard.hr.db import database, database_url


def _session():
    return database(database_url(config.from_environment())).session()


@click.group("hr")
def hr_cli() -> None:
    """HR accounts (stored in $JOBBOARD_DATABASE_URL or the instance's SQLite file)."""


@hr_cli.command("add-user")
@click.argument("email")
def add_user(email: str) -> None:
    """Create an HR account; prompts for its password twice."""
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        with _session() as session:
            user = users.add_user(session, email, password)
    except users.UserError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"Added {user.email}.")


@hr_cli.command("list-users")
def list_users() -> None:
    """Print every HR account with its creation date."""
    with _session() as session:
        accounts = users.list_users(session)
    for user in accounts:
        click.echo(f"{user.email}\t{user.created_at:%Y-%m-%d %H:%M} UTC")
    if not accounts:
        click.echo("No HR accounts yet: add one with `jobboard hr add-user EMAIL`.", err=True)


@hr_cli.command("remove-user")
@click.argument("email")
def remove_user(email: str) -> None:
    """Delete an HR account (its past reindex runs stay in the history)."""
    try:
        with _session() as session:
            users.remove_user(session, email)
    except users.UserError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"Removed {users.normalise_email(email)}.")
