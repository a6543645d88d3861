"""Cluster fixtures: a throwaway PostgreSQL database per test, content, a file server."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import text

from jobboard.cluster.throwaway import free_port
from jobboard.hr.db import Base, database

POSTING = """---
title: "{title}"
translationKey: {key}
classification: [IT-02]
language_requirement: bilingual_imperative
---
{body}
"""


@pytest.fixture(scope="session")
def pg_url(postgres_server) -> str:
    """The cluster tests' own database on the session's server."""
    return postgres_server.database()


@pytest.fixture
def pg(pg_url) -> str:
    """URL of the session database, emptied (sequence included) before the test."""
    db = database(pg_url)
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with db.session() as session:
        session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        session.execute(text("ALTER SEQUENCE index_generation_number RESTART"))
    return pg_url


def write(content: Path, lang: str, slug: str, title: str, key: str,
          body: str = "A job in the public service.") -> Path:
    path = content / lang / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(POSTING.format(title=title, key=key, body=body), encoding="utf-8")
    return path


def sample(content: Path) -> Path:
    write(content, "en", "developer", "Developer", "dev")
    write(content, "fr", "developpeur", "Développeur", "dev")
    write(content, "en", "analyst", "Data analyst", "data")
    return content


@pytest.fixture
def settings(tmp_path, pg) -> dict:
    return {"CONTENT_DIR": str(sample(tmp_path / "content")),
            "INDEX_DIR": str(tmp_path / "indexer"), "INSTANCE_DIR": str(tmp_path / "instance"),
            "SECRET_KEY": "shared", "DATABASE_URL": pg, "MODE": "cluster",
            "WEBHOOK_SECRET": "hook-secret", "PAGE_SIZE": 20, "ENV": "production"}


@pytest.fixture
def file_server(settings):
    """The indexer's read-only file server on a free port; yields its URL."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "jobboard.cluster.transfer", "--index",
                                settings["INDEX_DIR"], "--port", str(port)])
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url + "/g000001/x", timeout=1).close()
        except urllib.error.HTTPError as answer:
            answer.close()
            break  # 404: it answers
        except OSError:
            assert time.monotonic() < deadline, "the file server did not start"
            time.sleep(0.1)
    yield url
    process.kill()
    process.wait()
