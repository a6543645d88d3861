"""Alert fixtures: a real SMTP server on loopback, the board on SQLite then on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hr.conftest import db_url, postgres_url  # noqa: F401  (fixtures)

from jobboard import alerts, create_app
from jobboard.hr.db import now
from jobboard.search.indexer import reindex

BASE_URL = "https://jobs.example.ca/"
SUBSCRIBE = {"en": "/en/alerts/subscribe", "fr": "/fr/alertes/abonnement"}
DAY = dt.timedelta(days=1)


def received(smtp_server) -> list:
    """The messages the loopback SMTP server has accepted, in order."""
    return [message for _sender, _recipients, message in smtp_server.messages]


def write_posting(content: Path, lang: str, slug: str, title: str, key: str,
                  classification: str = "IT-02", department: str = "cds") -> Path:
    path = Path(content) / lang / f"{slug}.md"
    path.write_text("\n".join([
        "---", f'title: "{title}"', f"translationKey: {key}",
        f"classification: [{classification}]", f"department: {department}",
        'locations: ["Ottawa, ON"]', "closing_date: 2099-01-15", "---",
        "A job in the public service.", ""]), encoding="utf-8")
    return path


def publish(app, *postings: tuple[str, str, str, str]) -> None:
    """Write (lang, slug, title, key) postings with classification IT-02 and reindex."""
    content = Path(app.config["CONTENT_DIR"])
    for lang, slug, title, key in postings:
        write_posting(content, lang, slug, title, key)
    report = reindex(content, app.config["INDEX_DIR"])
    assert report.outcome == "ok", report.errors


@pytest.fixture
def board(tmp_path, db_url, smtp_server):  # noqa: F811
    """The app on two pairs of postings, sending to the loopback SMTP server."""
    content = tmp_path / "content"
    (content / "en").mkdir(parents=True)
    (content / "fr").mkdir()
    write_posting(content, "en", "developer", "Developer", "dev")
    write_posting(content, "fr", "developpeur", "Développeur", "dev")
    write_posting(content, "en", "economist", "Economist", "eco", classification="EC-05")
    write_posting(content, "fr", "economiste", "Économiste", "eco", classification="EC-05")
    reindex(content, tmp_path / "index")
    return create_app({
        "TESTING": True, "CONTENT_DIR": str(content), "INDEX_DIR": str(tmp_path / "index"),
        "INSTANCE_DIR": str(tmp_path / "instance"), "SECRET_KEY": "alerts-secret",
        "DATABASE_URL": db_url, "PAGE_SIZE": 20, "ENV": "production",
        "SMTP_URL": smtp_server.url, "MAIL_FROM": "Jobs <jobs@example.ca>", "BASE_URL": BASE_URL})


@pytest.fixture
def client(board):
    return board.test_client()


def subscribe(client, email: str, search: str = "classification=IT-02", lang: str = "en",
              alert_lang: str | None = None, frequency: str = "daily", **environ):
    return client.post(SUBSCRIBE[lang], data={
        "email": email, "search": search, "frequency": frequency,
        "lang": alert_lang or lang}, environ_base=environ or {})


_LINK = re.compile(r"https://jobs\.example\.ca(/\S+)")


def links(message) -> list[str]:
    """The site paths linked from a message's plain-text part."""
    return _LINK.findall(message.get_body(("plain",)).get_content())


def path_of(header_url: str) -> str:
    return urlsplit(header_url.strip("<>")).path


def confirm(client, message) -> None:
    """Follow a confirmation email's link and press Confirm."""
    path = next(link for link in links(message) if "/confirm" in link)
    page = client.get(path)
    assert page.status_code == 200 and b'method="post"' in page.data
    assert client.post(path).status_code == 200


def send(app, days: float = 1.0):
    """A sending run `days` after now (subscriptions are due a day after confirming)."""
    return alerts.send(app, at=now() + dt.timedelta(days=days))
