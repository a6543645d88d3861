"""HR fixtures: `db_url` runs a test on SQLite, then on a throwaway PostgreSQL 15."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from jobboard import create_app
from jobboard.hr import users
from jobboard.hr.db import Base, database, forget
from jobboard.hr.users import add_user
from jobboard.search.indexer import reindex

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "cds"
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(autouse=True, scope="session")
def cheap_argon2():
    """Real argon2id with small costs: the default ones take ~0.3 s a hash, hundreds of times."""
    users.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    users.use_hasher(PasswordHasher())


@pytest.fixture(scope="session")
def postgres_url(postgres_server) -> str:
    """One PostgreSQL database for the session, emptied before each test that uses it."""
    return postgres_server.database()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """URL of an empty database on the backend under test."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'hr.sqlite3'}"
        yield url
        forget(url)
    else:
        url = request.getfixturevalue("postgres_url")
        empty(database(url))
        yield url


def empty(db) -> None:
    """Delete every row and restart the ids (faster than a new database per test)."""
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with db.session() as session:
        session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def db(db_url):
    return database(db_url)


@pytest.fixture
def settings(tmp_path, db_url) -> dict:
    """Settings as create_app reads them, with every folder in tmp_path."""
    content = tmp_path / "content"
    (content / "en").mkdir(parents=True)
    (content / "fr").mkdir()
    return {"CONTENT_DIR": str(content), "INDEX_DIR": str(tmp_path / "index"),
            "INSTANCE_DIR": str(tmp_path / "instance"), "SECRET_KEY": "test-secret-key",
            "DATABASE_URL": db_url, "PAGE_SIZE": 20, "WEBHOOK_SECRET": "hook-secret",
            "ENV": "production"}


def write_posting(content: Path, lang: str, slug: str, title: str, key: str | None = None,
                  body: str = "A job in the public service.") -> Path:
    """A valid posting file; key pairs EN and FR."""
    lines = ["---", f'title: "{title}"']
    if key:
        lines.append(f"translationKey: {key}")
    lines += ["classification: [IT-02]", "language_requirement: bilingual_imperative", "---",
              body, ""]
    path = Path(content) / lang / f"{slug}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_broken(content: Path, lang: str, slug: str) -> Path:
    """A posting whose front matter is invalid YAML (apostrophe inside single quotes)."""
    path = Path(content) / lang / f"{slug}.md"
    path.write_text("---\ntitle: 'Chef d'équipe'\n---\nTexte.\n", encoding="utf-8")
    return path


def sample_content(content: Path) -> None:
    """Two pairs, one English-only posting and one broken French file."""
    write_posting(content, "en", "data-analyst", "Data analyst", "data")
    write_posting(content, "fr", "analyste-donnees", "Analyste de données", "data")
    write_posting(content, "en", "developer", "Developer", "dev")
    write_posting(content, "fr", "developpeur", "Développeur", "dev")
    write_posting(content, "en", "economist", "Economist", "eco")
    write_broken(content, "fr", "chef-equipe")


PASSWORD = "correct horse battery"
LOGIN = {"en": "/en/hr/login", "fr": "/fr/rh/connexion"}
DASHBOARD = {"en": "/en/hr/", "fr": "/fr/rh/"}
REINDEX = {"en": "/en/hr/reindex", "fr": "/fr/rh/reindex"}
HISTORY = {"en": "/en/hr/history", "fr": "/fr/rh/historique"}
LOGOUT = {"en": "/en/hr/logout", "fr": "/fr/rh/deconnexion"}
PREVIEW = {"en": "/en/hr/preview/", "fr": "/fr/rh/apercu/"}
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def hr_board(settings: dict):
    """The web app on a small indexed content folder, with one HR account."""
    sample_content(Path(settings["CONTENT_DIR"]))
    reindex(settings["CONTENT_DIR"], settings["INDEX_DIR"])
    with database(settings["DATABASE_URL"]).session() as session:
        add_user(session, "ana@example.ca", PASSWORD)
    return create_app({"TESTING": True, **settings})


@pytest.fixture
def app(settings):
    """The web app on a small indexed content folder, with one HR account."""
    return hr_board(settings)


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(client, path: str = LOGIN["en"]) -> str:
    """The CSRF token of this client's session, read from a form page."""
    return _TOKEN.search(client.get(path).get_data(as_text=True)).group(1)


def sign_in(client, email: str = "ana@example.ca", password: str = PASSWORD, lang: str = "en",
            **headers):
    token = csrf_token(client, LOGIN[lang])
    return client.post(LOGIN[lang], data={"email": email, "password": password,
                                          "csrf_token": token}, **headers)
