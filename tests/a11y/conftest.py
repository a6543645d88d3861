"""One live server and ONE headless Chromium for the whole accessibility suite."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from jobboard import create_app
from jobboard.a11y.browser import clear_emulation, start_chromium
from jobboard.hr.db import database, database_url, forget
from jobboard.hr.users import add_user
from jobboard.search.indexer import reindex

from .fixture_site import create_fixture_site
from .hr_session import EMAIL, PASSWORD, sign_in, sign_out

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
CORPUS = ROOT.parent / "shared" / "corpus" / "cds"
PAGE_SIZE = 5  # small pages, so that the sample content has a page 2


def pytest_collection_modifyitems(items):
    """Everything in this folder drives Chromium: mark it `a11y`."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.a11y)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code="-", size="-") -> None:
        """Access lines would drown pytest's output; errors are still logged."""


@contextmanager
def serving(app):
    """Serve a WSGI app on 127.0.0.1 with a free port in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def fixture_site():
    """Base URL of the deliberately broken site (tests/a11y/fixture_site.py)."""
    with serving(create_fixture_site()) as url:
        yield url


FRESH = """---
title: "{title}"
description: "{description}"
translationKey: "a11y-fresh-records-clerk"
classification: "CR-04"
language_requirement: "bilingual_imperative"
language_profile: "BBB/BBB"
department: "statcan"
salary_min: 55000
salary_max: 61000
who_can_apply: "public"
date: {posted}
closing_date: {closing}
---

{body}
"""


def _with_a_fresh_posting(target: Path) -> Path:
    """The sample content plus a pair posted today and closing in 3 days, so that the "New"
    and "closes in" states exist whatever day the suite runs."""
    shutil.copytree(CONTENT, target)
    today = dt.date.today()
    dates = {"posted": today.isoformat(), "closing": (today + dt.timedelta(days=3)).isoformat()}
    (target / "en" / "records-clerk.md").write_text(FRESH.format(
        title="Records Clerk", description="Keep survey records in order.",
        body="Statistics Canada needs a records clerk to file and retrieve survey records.",
        **dates), encoding="utf-8")
    (target / "fr" / "commis-aux-dossiers.md").write_text(FRESH.format(
        title="Commis aux dossiers", description="Tenir les dossiers d’enquête en ordre.",
        body="Statistique Canada cherche un·e commis pour classer les dossiers d’enquête.",
        **dates), encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def board(tmp_path_factory):
    """Settings of the board under test: the sample content (and a fresh posting), indexed
    into its own folder (HR tests reindex it from the dashboard)."""
    base = tmp_path_factory.mktemp("board")
    content = _with_a_fresh_posting(base / "content")
    report = reindex(content, base / "index", full=True)
    assert report.outcome != "failed", report.error
    return {"CONTENT_DIR": str(content), "INDEX_DIR": str(base / "index"),
            "INSTANCE_DIR": str(base / "instance"), "SECRET_KEY": "a11y-suite",
            "PAGE_SIZE": PAGE_SIZE, "ENV": "development",
            "DATABASE_URL": f"sqlite:///{base / 'instance' / 'hr.sqlite3'}"}


def _fail() -> None:
    raise RuntimeError("a deliberate server error, to show the 500 page")


@pytest.fixture(scope="session")
def live_server(board):
    """Base URL of the real app (create_app) serving the sample content on a free port.

    Its one extra route, /en/a11y-server-error (and /fr/...), shows the real 500 page.
    """
    app = create_app(board)
    for lang in ("en", "fr"):
        app.add_url_rule(f"/{lang}/a11y-server-error", f"a11y_server_error_{lang}", _fail)
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def corpus_server(tmp_path_factory):
    """Base URL of the board serving the real postings (../shared/corpus/cds)."""
    assert CORPUS.is_dir(), f"the real corpus is missing: {CORPUS}"
    base = tmp_path_factory.mktemp("corpus-board")
    assert reindex(CORPUS, base / "index", full=True).outcome != "failed"
    app = create_app({"CONTENT_DIR": str(CORPUS), "INDEX_DIR": str(base / "index"),
                      "INSTANCE_DIR": str(base / "instance"), "SECRET_KEY": "a11y-corpus",
                      "ENV": "development",
                      "DATABASE_URL": f"sqlite:///{base / 'instance' / 'hr.sqlite3'}"})
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def hr_db(board):
    """The board's HR database, with the one account the suite signs in with."""
    url = database_url(board)
    db = database(url)
    with db.session() as session:
        add_user(session, EMAIL, PASSWORD)
    yield db
    forget(url)


@pytest.fixture
def signed_in(page, live_server, hr_db):
    """The browser holds a signed-in HR session."""
    sign_in(page, live_server, "en")


@pytest.fixture
def signed_out(page, live_server, hr_db):
    """The browser holds no HR session."""
    sign_out(page, live_server)


@pytest.fixture(scope="session")
def driver(tmp_path_factory):
    """The session's one Chromium, with a fresh profile."""
    browser = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    browser.quit()


@pytest.fixture
def page(driver):
    """The browser, with viewport and media emulation cleared after the test."""
    yield driver
    clear_emulation(driver)
