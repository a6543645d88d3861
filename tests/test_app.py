"""The app factory (jobboard/__init__.py): settings from the environment, overrides, one index."""

from __future__ import annotations

import stat

from jobboard import create_app
from jobboard.search.engine import SearchIndex


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("JOBBOARD_INDEX_DIR", str(tmp_path / "idx"))
    monkeypatch.setenv("JOBBOARD_INSTANCE_DIR", str(tmp_path / "instance"))
    monkeypatch.setenv("JOBBOARD_PAGE_SIZE", "7")
    monkeypatch.setenv("JOBBOARD_SECRET_KEY", "from-env")
    monkeypatch.setenv("JOBBOARD_DATABASE_URL", f"sqlite:///{tmp_path / 'hr.sqlite3'}")
    app = create_app()
    assert app.config["INDEX_DIR"] == str(tmp_path / "idx")
    assert app.config["PAGE_SIZE"] == 7
    assert app.config["SECRET_KEY"] == "from-env"
    index = app.extensions["search_index"]
    assert isinstance(index, SearchIndex) and index.index_dir == tmp_path / "idx"


def test_test_config_overrides_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("JOBBOARD_PAGE_SIZE", "7")
    app = create_app({"PAGE_SIZE": "9", "INSTANCE_DIR": str(tmp_path), "SECRET_KEY": "s",
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'hr.sqlite3'}"})
    assert app.config["PAGE_SIZE"] == 9


def test_secret_key_is_generated_once_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("JOBBOARD_SECRET_KEY", raising=False)
    settings = {"INSTANCE_DIR": str(tmp_path / "instance"),
                "DATABASE_URL": f"sqlite:///{tmp_path / 'hr.sqlite3'}"}
    first = create_app(settings).config["SECRET_KEY"]
    assert len(first) >= 32
    assert create_app(settings).config["SECRET_KEY"] == first
    key_file = tmp_path / "instance" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_one_search_index_serves_every_request(client, app):
    index = app.extensions["search_index"]
    client.get("/en/jobs")
    opened = index.current()
    client.get("/fr/emplois?q=analyste")
    assert index.current() is opened
