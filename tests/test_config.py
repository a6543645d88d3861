"""Settings checks: cluster mode refuses to start without a shared key and PostgreSQL."""

from __future__ import annotations

import pytest

from jobboard import config, create_app

PG = "postgresql://board@db.internal/jobboard"


def test_single_mode_needs_nothing_more(tmp_path):
    config.check({"MODE": "single", "SECRET_KEY": None, "DATABASE_URL": None})


@pytest.mark.parametrize(("values", "named"), [
    ({"SECRET_KEY": None, "DATABASE_URL": PG}, "JOBBOARD_SECRET_KEY"),
    ({"SECRET_KEY": "k", "DATABASE_URL": None}, "JOBBOARD_DATABASE_URL"),
    ({"SECRET_KEY": "k", "DATABASE_URL": "sqlite:///x.sqlite3"}, "sqlite:///x.sqlite3"),
])
def test_cluster_mode_names_what_is_missing(values, named):
    with pytest.raises(config.SettingsError, match=named):
        config.check({"MODE": "cluster", **values})


def test_cluster_mode_with_key_and_postgresql_is_accepted():
    config.check({"MODE": "cluster", "SECRET_KEY": "k", "DATABASE_URL": PG})


def test_unknown_mode_and_negative_proxies_are_refused():
    with pytest.raises(config.SettingsError, match="JOBBOARD_MODE='cloud'"):
        config.check({"MODE": "cloud"})
    with pytest.raises(config.SettingsError, match="JOBBOARD_TRUSTED_PROXIES"):
        config.check({"TRUSTED_PROXIES": -1})


def test_the_app_refuses_cluster_mode_without_a_shared_key(monkeypatch, tmp_path):
    monkeypatch.delenv("JOBBOARD_SECRET_KEY", raising=False)
    monkeypatch.setenv("JOBBOARD_MODE", "cluster")
    monkeypatch.setenv("JOBBOARD_DATABASE_URL", PG)
    with pytest.raises(config.SettingsError, match="JOBBOARD_SECRET_KEY"):
        create_app({"INSTANCE_DIR": str(tmp_path)})
    assert not (tmp_path / "secret_key").exists()  # no per-node key was made up
