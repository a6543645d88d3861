"""Settings: each has a default and help text; create_app reads them from JOBBOARD_* variables."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from jobboard import status
from jobboard.search.store import Retention

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
    Setting("MAX_REQUEST_BYTES", 64 * 1024,
            "largest request body accepted (sign-in and HR forms); 413 beyond, unread"),
    Setting("WEBHOOK_MAX_BYTES", 4 * 1024 * 1024,
            "largest webhook body accepted (GitHub caps payloads at 25 MB; pushes of a content "
            "repository are far smaller); 413 beyond, unread"),
    Setting("KEEP_GENERATIONS", 3, "old index generations always kept after a reindex "
            "(5 or more when several nodes share the index)"),
    Setting("KEEP_MINUTES", 10, "index generations younger than this are kept too, for "
            "searchers still reading them (30 or more when several nodes share the index)"),
    Setting("OPEN_WITHOUT_CLOSING_DAYS", status.DEFAULT_OPEN_DAYS,
            "an open posting without a closing date counts "
            "as closed this many days after its date"),
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
    Setting("MODE", "single", "single: one machine; cluster: a node or the indexer of several "
            "machines coordinated through PostgreSQL (needs SECRET_KEY and a PostgreSQL "
            "DATABASE_URL)"),
    Setting("TRUSTED_PROXIES", 0, "reverse proxies in front of the app (HAProxy: 1) whose "
            "X-Forwarded-For and X-Forwarded-Proto are believed; 0 trusts none"),
)
MODES = ("single", "cluster")


class SettingsError(ValueError):
    """Settings that cannot work together; the message names the variable and the fix."""


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


def retention(settings: dict) -> Retention:
    """The index retention of these settings (KEEP_GENERATIONS, KEEP_MINUTES; the defaults
    for those absent)."""
    defaults = from_environment({})
    return Retention(int(settings.get("KEEP_GENERATIONS", defaults["KEEP_GENERATIONS"])),
                     float(settings.get("KEEP_MINUTES", defaults["KEEP_MINUTES"])))


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


def check(values: dict) -> None:
    """SettingsError when the mode's requirements are not met (cluster: shared key, PostgreSQL).

    Why refuse rather than fall back: a per-node secret key signs HR out at random behind a
    balancer, and a per-node SQLite database splits throttling, history and the run queue.
    """
    mode = values.get("MODE") or "single"
    if mode not in MODES:
        raise SettingsError(f"JOBBOARD_MODE={mode!r} is not one of {', '.join(MODES)}")
    if int(values.get("TRUSTED_PROXIES") or 0) < 0:
        raise SettingsError("JOBBOARD_TRUSTED_PROXIES must be 0 or more (the number of proxies)")
    if mode != "cluster":
        return
    if not values.get("SECRET_KEY"):
        raise SettingsError("JOBBOARD_MODE=cluster needs JOBBOARD_SECRET_KEY, the same on every "
                            "node (otherwise each node signs its own sessions and HR is signed "
                            "out at random)")
    url = values.get("DATABASE_URL") or ""
    if not url.startswith(("postgres://", "postgresql://", "postgresql+")):
        raise SettingsError("JOBBOARD_MODE=cluster needs JOBBOARD_DATABASE_URL to name a "
                            "PostgreSQL database (postgresql://user@host/db), shared by every "
                            f"node and the indexer; got {url or 'none (SQLite)'}")


def clustered(values: dict) -> bool:
    """True in multi-node mode."""
    return values.get("MODE") == "cluster"
