"""What the feedback pages say: error codes of `store` as sentences, and the status labels."""

from __future__ import annotations

from flask_babel import format_decimal

from jobboard.feedback.store import LIMITS
from jobboard.i18n import _, _l

STATUS_LABELS = {"received": _l("Received"), "acknowledged": _l("Acknowledged"),
                 "in_progress": _l("In progress"), "fixed": _l("Fixed"),
                 "wont_fix": _l("Won’t fix")}
REPLY_LABELS = {"email": _l("By email"), "phone": _l("By telephone"), "mail": _l("By mail"),
                "anonymous": _l("No reply (anonymous)")}

_MISSING = {
    "what_happened": _l("Describe the barrier you met"),
    "reply_by": _l("Choose how we should reply, or choose no reply"),
    "email": _l("Enter your email address, or choose another way to get a reply"),
    "phone": _l("Enter your telephone number, or choose another way to get a reply"),
    "mail": _l("Enter your mailing address, or choose another way to get a reply"),
    "reason": _l("Say why this barrier will not be fixed"),
    "status": _l("Choose a status"),
}
_INVALID = {
    "email": _l("Enter an email address in the form name@example.com"),
    "phone": _l("Enter a telephone number in the form 613-555-0100"),
}
_TOO_LONG = {
    "page": _l("The page address can have at most %(limit)s characters"),
    "what_happened": _l("The description can have at most %(limit)s characters"),
    "assistive_technology": _l("The assistive technology can have at most %(limit)s characters"),
    "email": _l("The email address can have at most %(limit)s characters"),
    "phone": _l("The telephone number can have at most %(limit)s characters"),
    "mail": _l("The mailing address can have at most %(limit)s characters"),
    "reason": _l("The reason can have at most %(limit)s characters"),
}


def message(field: str, code: str) -> str:
    """("email", "invalid") -> "Enter an email address in the form name@example.com"."""
    if code == "too_long":
        return str(_TOO_LONG[field]) % {"limit": format_decimal(LIMITS[field])}
    if code == "invalid":
        return str(_INVALID[field])
    if code == "too_many":
        return _("You have sent a lot of feedback in the last hour. Wait an hour, then try "
                 "again, or write to us directly.")
    return str(_MISSING[field])


def form_errors(errors: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """[(field, code)] -> [(id of the field to focus, message)], for error_summary."""
    return [(field if field != "reply_by" else "reply_by-email", message(field, code))
            for field, code in errors]
