"""Email out, over SMTP, configured from the environment (alerts, feedback acknowledgements).

    JOBBOARD_SMTP_URL=smtp://user@mail.example.ca:587?starttls=1   (smtps://… for TLS at once)
    send(settings, message)   From/Reply-To filled in from the settings when the message has none

The password is in the URL (`smtp://user:pw@host`) or, better, in JOBBOARD_SMTP_PASSWORD.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
TIMEOUT_S = 30


class MailError(RuntimeError):
    """Mail cannot be sent: settings missing or wrong, or the server refused; says which."""


@dataclass(frozen=True)
class SmtpServer:
    scheme: str
    host: str
    port: int
    username: str | None
    password: str | None
    starttls: bool


def smtp_server(settings: dict) -> SmtpServer:
    """JOBBOARD_SMTP_URL parsed; MailError naming the setting when it is missing or wrong.

    smtp://mail.example.ca -> SmtpServer("smtp", "mail.example.ca", 25, None, None, False)
    """
    url = settings.get("SMTP_URL")
    if not url:
        raise MailError("JOBBOARD_SMTP_URL is not set: no email can be sent")
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise MailError(f"JOBBOARD_SMTP_URL must look like smtp://host:port or smtps://host:port"
                        f", not {parts.scheme or '(no scheme)'}://…")
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError as error:
        raise MailError(f"JOBBOARD_SMTP_URL: {error}") from None
    options = parse_qs(parts.query)
    password = settings.get("SMTP_PASSWORD") or (unquote(parts.password) if parts.password
                                                  else None)
    return SmtpServer(parts.scheme, parts.hostname, port,
                      unquote(parts.username) if parts.username else None, password,
                      options.get("starttls", ["0"])[0].lower() in ("1", "true", "yes"))


def send(settings: dict, message: EmailMessage) -> None:
    """Send message through the configured server; MailError when it cannot."""
    sender = settings.get("MAIL_FROM")
    if "From" not in message:
        if not sender:
            raise MailError("JOBBOARD_MAIL_FROM is not set: emails need a sender address")
        message["From"] = sender
    if "Reply-To" not in message and settings.get("MAIL_REPLY_TO"):
        message["Reply-To"] = settings["MAIL_REPLY_TO"]
    server = smtp_server(settings)
    try:
        if server.scheme == "smtps":
            client = smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT_S,
                                      context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_S)
        with client:
            if server.starttls:
                client.starttls(context=ssl.create_default_context())
            if server.username:
                client.login(server.username, server.password or "")
            client.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(f"sending to {message['To']} through {server.host}:{server.port} "
                        f"failed: {error}") from error
