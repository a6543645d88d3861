"""Settings: each has a default and help text; create_app reads them from JOBBOARD_* variables."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS = (
    Setting("CONTENT_DIR", str(ROOT / "content"), "folder of postings: en/*.md and fr/*.md"),
    Setting("INDEX_DIR", str(ROOT / "index"), "folder of the search index (built, never edited)"),
    Setting("INSTANCE_DIR", str(ROOT / "instance"),
            "writable state: secret key file, SQLite database, reindex logs"),
    Setting("SECRET_KEY", None, "signs sessions and CSRF tokens; generated and kept in "
            "INSTANCE_DIR/secret_key when unset"),
    Setting("DATABASE_URL", None, "SQLAlchemy URL of the HR database; default "
            "sqlite:///INSTANCE_DIR/jobboard.sqlite3"),
    Setting("PAGE_SIZE", 20, "search results per page"),
    Setting("SEARCH_CACHE", 1024, "searches whose results each worker keeps (0: none)"),
    Setting("WEBHOOK_SECRET", None,
            "HMAC secret of POST /hooks/reindex; the hook is off when unset"),
    Setting("APPLY_URL_TEMPLATE", None,
            "where candidates apply when a posting has no apply_url: a URL with {leverId}, "
            "filled with the posting's id (leverId or id)"),
    Setting("SMTP_URL", None, "outgoing mail server: smtp://host:port, smtps://host:port, "
            "?starttls=1; user (and password) in the URL; no email is sent when unset"),
    Setting("SMTP_PASSWORD", None, "password of the SMTP user (better here than in the URL)"),
    Setting("MAIL_FROM", None, "sender address of every email the board sends"),
    Setting("MAIL_REPLY_TO", None, "Reply-To of the board's emails (none when unset)"),
    Setting("BASE_URL", None, "public URL of the board (https://jobs.example.ca), for links in "
            "emails sent outside a request"),
    Setting("ENV", "production", "development relaxes Secure cookies; production is the default"),
    # The Accessible Canada Act asks for a feedback process that names the position receiving
    # feedback and how to reach it: shown on the accessibility statement.
    Setting("FEEDBACK_POSITION_EN", "Accessibility Feedback Officer, Digital Service",
            "title of the position that receives accessibility feedback (English)"),
    Setting("FEEDBACK_POSITION_FR",
            "Agente ou agent de la rétroaction sur l’accessibilité, Service numérique",
            "title of the position that receives accessibility feedback (French)"),
    Setting("FEEDBACK_EMAIL", None, "email address of that position (not shown when unset)"),
    Setting("FEEDBACK_PHONE", None, "telephone number of that position (not shown when unset)"),
    Setting("FEEDBACK_ADDRESS", None, "mailing address of that position, on one line "
            "(not shown when unset)"),
    Setting("ACCOMMODATION_EMAIL", None, "where candidates ask for accommodation measures when "
            "a posting has no accommodation_contact (default: FEEDBACK_EMAIL)"),
    Setting("ACCOMMODATION_PHONE", None, "telephone number for accommodation requests when a "
            "posting has none (not shown when unset)"),
)


def env_name(setting: Setting) -> str:
    return f"JOBBOARD_{setting.name}"


def from_environment(environ: dict | None = None) -> dict:
    """{"CONTENT_DIR": ..., ...} from JOBBOARD_* variables, defaults for the rest."""
    environ = os.environ if environ is None else environ
    values = {}
    for setting in SETTINGS:
        raw = environ.get(env_name(setting))
        if raw is None:
            values[setting.name] = setting.default
        elif isinstance(setting.default, int):
            values[setting.name] = int(raw)
        else:
            values[setting.name] = raw
    return values


def to_environment(settings: dict, names: tuple[str, ...]) -> dict[str, str]:
    """Some settings as JOBBOARD_* variables, for a child process's `from_environment`."""
    return {f"JOBBOARD_{name}": str(settings[name]) for name in names
            if settings.get(name) is not None}


def secret_key(instance_dir: Path) -> str:
    """The instance's secret key, created on first use (0600), never in the repository."""
    path = Path(instance_dir) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()
