"""How alerts reach the mail server: the board's one SMTP sender, `jobboard.mail.send`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from email.message import EmailMessage


def deliverer(settings: Mapping) -> Callable[[EmailMessage], None]:
    """A function sending one message with the JOBBOARD_SMTP_* settings."""
    from jobboard import mail

    settings = dict(settings)
    return lambda message: mail.send(settings, message)
