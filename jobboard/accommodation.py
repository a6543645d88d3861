"""Who candidates ask for accommodation measures in a selection process (no Flask here).

A posting names its own contact in front matter, as an email address or as both means:

    accommodation_contact: adaptation@example.gc.ca
    accommodation_contact: {email: adaptation@example.gc.ca, phone: "613-555-0100 ext. 12"}

Otherwise the board's ACCOMMODATION_EMAIL / ACCOMMODATION_PHONE settings (then FEEDBACK_EMAIL)
apply. The board only shows the contact: the request goes from the candidate to that contact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobboard.problems import Problem

FIELD = "accommodation_contact"
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
# Digits, spaces and the usual separators, then an optional extension: "+1 613-555-0100 x12".
_PHONE = re.compile(r"^\+?[\d\s().-]{7,25}(?:\s*(?:ext\.?|x|poste)\s*\d{1,6})?$", re.I)
_EXTENSION = re.compile(r"(?:ext\.?|x|poste)\s*(\d{1,6})$", re.I)


@dataclass(frozen=True)
class Contact:
    email: str | None
    phone: str | None

    @property
    def tel(self) -> str | None:
        """The phone as a tel: URI: "613-555-0100 ext. 12" -> "tel:6135550100;ext=12"."""
        if not self.phone:
            return None
        extension = _EXTENSION.search(self.phone)
        number = _EXTENSION.sub("", self.phone)
        digits = ("+" if number.strip().startswith("+") else "") + re.sub(r"\D", "", number)
        return f"tel:{digits}" + (f";ext={extension.group(1)}" if extension else "")


def valid_email(text: str) -> bool:
    return bool(_EMAIL.match(text)) and len(text) <= 254


def valid_phone(text: str) -> bool:
    return bool(_PHONE.match(text)) and sum(c.isdigit() for c in text) >= 7


def parse(meta: dict, rel: str, problems: list[Problem]) -> dict:
    """Front matter -> {"accommodation_email": …, "accommodation_phone": …}; bad parts warn."""
    value = meta.get(FIELD)
    email = phone = None
    if isinstance(value, dict):
        email, phone = value.get("email"), value.get("phone")
        unknown = sorted(set(map(str, value)) - {"email", "phone"})
        if unknown:
            problems.append(Problem(rel, None, FIELD, f"unknown key(s) {', '.join(unknown)}",
                                    "use email: and phone: only", "warning"))
    elif value not in (None, ""):
        email = value
    email = str(email).strip() if email not in (None, "") else None
    phone = str(phone).strip() if phone not in (None, "") else None
    if email and not valid_email(email):
        problems.append(Problem(rel, None, FIELD, f"“{email}” is not an email address",
                                f"write {FIELD}: name@example.gc.ca", "warning"))
        email = None
    if phone and not valid_phone(phone):
        problems.append(Problem(rel, None, FIELD, f"“{phone}” is not a telephone number",
                                "write phone: \"613-555-0100\" (an extension may follow: "
                                "ext. 12)", "warning"))
        phone = None
    return {"accommodation_email": email, "accommodation_phone": phone}


def contact_for(email: str | None, phone: str | None, settings: dict) -> Contact | None:
    """The posting's own contact, else the board's default; None when there is no email.

    A posting's phone is shown only with its own email: mixing a posting's phone with the
    board's email would send the two halves of one request to different people."""
    if email:
        return Contact(email, phone)
    default = settings.get("ACCOMMODATION_EMAIL") or settings.get("FEEDBACK_EMAIL")
    if default:
        return Contact(default, settings.get("ACCOMMODATION_PHONE"))
    return None
