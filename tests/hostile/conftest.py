"""Hostile tests reuse the HR fixtures (SQLite, then a throwaway PostgreSQL 15)."""

from __future__ import annotations

import pytest
from hr.conftest import (  # noqa: F401 - fixtures
    cheap_argon2,
    db_url,
    hr_board,
    postgres_url,
    settings,
)


@pytest.fixture
def hr_app(settings):  # noqa: F811
    """The HR tests' app: sample content indexed, one account (ana)."""
    return hr_board(settings)


@pytest.fixture
def hr_client(hr_app):
    return hr_app.test_client()
