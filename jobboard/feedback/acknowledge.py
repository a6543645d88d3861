"""The acknowledgement email: feedback given with an email address is acknowledged by email,
in the language of the form. Anonymous feedback, and feedback to answer by telephone or mail,
gets none from the board (HR acknowledges those the way they came)."""

from __future__ import annotations

import logging
from email.message import EmailMessage

from flask import render_template
from sqlalchemy.orm import Session

from jobboard import mail
from jobboard.feedback import store
from jobboard.feedback.models import Feedback
from jobboard.i18n import _, force_lang

log = logging.getLogger(__name__)


def message(item: Feedback, settings: dict) -> EmailMessage:
    """The acknowledgement of item, addressed to the email it gave."""
    with force_lang(item.lang):
        email = EmailMessage()
        email["To"] = item.contact
        email["Subject"] = _("We received your accessibility feedback (reference %(number)s)",
                             number=item.id)
        email.set_content(render_template(
            "feedback_acknowledgement.txt", item=item,
            position=settings[f"FEEDBACK_POSITION_{item.lang.upper()}"],
            contact={means: settings.get(f"FEEDBACK_{means.upper()}")
                     for means in ("email", "phone", "address")}))
    return email


def by_email(session: Session, item: Feedback, settings: dict) -> bool:
    """Send the acknowledgement and mark item acknowledged; False (logged) when it failed,
    so that HR sees it still waits for an acknowledgement. The feedback is kept either way."""
    try:
        mail.send(settings, message(item, settings))
    except mail.MailError as error:
        log.error("feedback %s: acknowledgement not sent: %s", item.id, error)
        return False
    store.acknowledged(item)
    session.commit()
    return True
