"""Web app fixtures: the sample content indexed once into tmp, app, client, runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CONTENT, CORPUS, web_settings
from smtp import SmtpServer

from jobboard import create_app
from jobboard.i18n import compile_catalogs
from jobboard.search.indexer import reindex


def pytest_configure(config):
    """French pages need compiled catalogues; `pytest` alone must work without scripts/test."""
    compile_catalogs()


@pytest.fixture(scope="session")
def postgres_server():
    """One PostgreSQL 15 for the session (HR and cluster tests); they fail, never skip, when
    it cannot start."""
    from jobboard.cluster.throwaway import PostgresError, Server

    try:
        server = Server()
    except PostgresError as error:
        pytest.fail(f"cannot start the test PostgreSQL server: {error}", pytrace=False)
    yield server
    server.stop()


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
