"""schema.org JobPosting data for a posting page (read by search engines, never executed)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from markupsafe import Markup

from jobboard import vocabulary
from jobboard.i18n import CLOSING_TIME
from jobboard.postings import Posting

PACIFIC = ZoneInfo("America/Vancouver")
EMPLOYMENT_TYPES = {
    "indeterminate": "FULL_TIME", "term": "TEMPORARY", "casual": "PER_DIEM",
    "student": "INTERN", "assignment_secondment": "TEMPORARY", "acting": "TEMPORARY",
    "deployment": "FULL_TIME",
}


def _place(written: str) -> dict | None:
    code = vocabulary.location_code(written)
    if code not in vocabulary.CITIES:
        return None
    city, province = vocabulary.CITIES[code]
    return {"@type": "Place", "address": {
        "@type": "PostalAddress", "addressLocality": city, "addressRegion": province,
        "addressCountry": "CA"}}


def job_posting(posting: Posting, url: str, body_html: Markup,
                apply_url: str | None = None) -> dict:
    """The JobPosting object: Posting + its absolute URL + its sanitized body.

    With somewhere to apply, `directApply` is true (the page's Apply button leads straight to
    the application) and a `potentialAction` ApplyAction names the target."""
    lang = posting.lang
    data: dict = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": posting.title,
        "description": str(body_html) or posting.description,
        "url": url,
        "inLanguage": f"{lang}-CA",
        "identifier": {"@type": "PropertyValue", "name": "jobboard", "value": posting.uid},
        "directApply": apply_url is not None,
    }
    if apply_url:
        data["potentialAction"] = {"@type": "ApplyAction", "target": apply_url}
    if posting.date_posted:
        data["datePosted"] = posting.date_posted.isoformat()
    if posting.closing_date:
        closing = dt.datetime.combine(posting.closing_date, CLOSING_TIME, tzinfo=PACIFIC)
        data["validThrough"] = closing.isoformat()
    if posting.department:
        data["hiringOrganization"] = {
            "@type": "GovernmentOrganization",
            "name": vocabulary.department_label(posting.department, lang)}
    if posting.tenure in EMPLOYMENT_TYPES:
        data["employmentType"] = EMPLOYMENT_TYPES[posting.tenure]
    places = [place for place in map(_place, posting.locations) if place]
    if places:
        data["jobLocation"] = places
    if any(vocabulary.location_code(w) == vocabulary.REMOTE for w in posting.locations):
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "Canada"}
    if posting.salary_min or posting.salary_max:
        value = {"@type": "QuantitativeValue", "unitText": "YEAR"}
        if posting.salary_min:
            value["minValue"] = posting.salary_min
        if posting.salary_max:
            value["maxValue"] = posting.salary_max
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "CAD", "value": value}
    return data
