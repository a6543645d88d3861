"""Web app fixtures: the sample content indexed once into tmp, app, client, runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CONTENT, CORPUS
from smtp import SmtpServer

from jobboard import create_app
from jobboard.i18n import compile_catalogs
from jobboard.search.indexer import reindex

PAGE_SIZE = 5  # small pages, so that the sample content has several


def pytest_configure(config):
    """French pages need compiled catalogues; `pytest` alone must work without scripts/test."""
    compile_catalogs()


def web_settings(content: Path, index_dir: Path, instance: Path, **more) -> dict:
    """Settings for create_app with every writable folder outside the repository."""
    return {"TESTING": True, "CONTENT_DIR": str(content), "INDEX_DIR": str(index_dir),
            "INSTANCE_DIR": str(instance), "SECRET_KEY": "test-secret", "PAGE_SIZE": PAGE_SIZE,
            "DATABASE_URL": f"sqlite:///{instance / 'hr.sqlite3'}", "ENV": "development", **more}


@pytest.fixture(scope="session")
def smtp_server_once():
    server = SmtpServer()
    yield server
    server.stop()


@pytest.fixture
def smtp_server(smtp_server_once) -> SmtpServer:
    """A real SMTP server on loopback (aiosmtpd), emptied for each test."""
    smtp_server_once.clear()
    return smtp_server_once


@pytest.fixture(scope="session")
def sample_index_dir(tmp_path_factory) -> Path:
    """The sample content indexed once per session into a temporary folder."""
    index_dir = tmp_path_factory.mktemp("web-index")
    report = reindex(CONTENT, index_dir, full=True)
    assert report.outcome == "ok", report.error or report.errors
    return index_dir


@pytest.fixture(scope="session")
def app(sample_index_dir, tmp_path_factory):
    """The app on the sample content (shared: tests only read through it)."""
    return create_app(web_settings(CONTENT, sample_index_dir,
                                   tmp_path_factory.mktemp("web-instance")))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def corpus_app(tmp_path_factory):
    """The app on the real postings in ../shared/corpus/cds (fails when they are missing)."""
    assert CORPUS.is_dir(), f"the real corpus is missing: {CORPUS}"
    base = tmp_path_factory.mktemp("web-corpus")
    report = reindex(CORPUS, base / "index", full=True)
    assert report.outcome != "failed", report.error
    return create_app(web_settings(CORPUS, base / "index", base / "instance",
                                   PAGE_SIZE=20))


@pytest.fixture
def corpus_client(corpus_app):
    return corpus_app.test_client()
