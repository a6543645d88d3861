"""Hostile tests reuse the HR fixtures (SQLite, then a throwaway PostgreSQL 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hr.conftest import (  # noqa: F401 - fixtures
    PASSWORD,
    cheap_argon2,
    db_url,
    postgres_server,
    postgres_url,
    sample_content,
    settings,
)

from jobboard import create_app
from jobboard.hr.db import database
from jobboard.hr.users import add_user
from jobboard.search.indexer import reindex


@pytest.fixture
def hr_app(settings):  # noqa: F811
    """The web app on a small indexed content folder, with one HR account (ana)."""
    sample_content(Path(settings["CONTENT_DIR"]))
    reindex(settings["CONTENT_DIR"], settings["INDEX_DIR"])
    with database(settings["DATABASE_URL"]).session() as session:
        add_user(session, "ana@example.ca", PASSWORD)
    return create_app({"TESTING": True, **settings})


@pytest.fixture
def hr_client(hr_app):
    return hr_app.test_client()
