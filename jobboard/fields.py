"""Structured front-matter fields HR may set; each bad value becomes a warning, never a crash."""

from __future__ import annotations

import datetime as dt

from jobboard import eligibility, taxonomy, vocabulary
from jobboard.problems import Problem, problem
from jobboard.taxonomy import Classification

ALIASES = {
    "classifications": ("classification", "classifications"),
    "language_requirement": ("language_requirement", "languageRequirement"),
    "language_profile": ("language_profile", "languageProfile"),
    "locations": ("locations", "location"),
    "tenure": ("tenure",),
    "department": ("department",),
    "salary_min": ("salary_min", "salaryMin"),
    "salary_max": ("salary_max", "salaryMax"),
    "closing_date": ("closing_date", "closingDate"),
    "date_posted": ("date", "date_posted", "datePosted"),
    "who_can_apply": ("who_can_apply", "whoCanApply", "area_of_selection", "areaOfSelection"),
    "apply_url": ("apply_url", "applyUrl"),
}


def _get(meta: dict, name: str) -> tuple[str, object]:
    for alias in ALIASES[name]:
        if meta.get(alias) not in (None, "", []):
            return alias, meta[alias]
    return ALIASES[name][0], None


def _as_list(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value).strip()] if str(value).strip() else []


def parse_bool(meta: dict, name: str, rel: str, problems: list[Problem]) -> bool:
    """true/false, yes/no, on/off, oui/non; anything else -> False with a warning."""
    value = meta.get(name)
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().lower()
    if text in ("true", "yes", "y", "on", "oui", "vrai", "1"):
        return True
    if text in ("false", "no", "n", "off", "non", "faux", "0", ""):
        return False
    problems.append(problem(rel, None, name, "not_boolean", "warning", value=str(value)))
    return False


def _date(meta: dict, name: str, rel: str, problems: list[Problem]) -> dt.date | None:
    alias, value = _get(meta, name)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        problems.append(problem(rel, None, alias, "not_date", "warning", value=str(value)))
        return None


def _money(meta: dict, name: str, rel: str, problems: list[Problem]) -> int | None:
    alias, value = _get(meta, name)
    if value is None:
        return None
    try:
        amount = int(float(str(value).replace(",", "").replace("$", "").replace(" ", "")))
    except ValueError:
        amount = -1
    if amount < 0:
        problems.append(problem(rel, None, alias, "not_amount", "warning", value=str(value)))
        return None
    return amount


def _classifications(meta: dict, rel: str, problems: list[Problem]) -> list[Classification]:
    alias, value = _get(meta, "classifications")
    found: list[Classification] = []
    for item in _as_list(value) if value is not None else []:
        for part in item.replace(";", ",").split(","):
            if not part.strip():
                continue
            try:
                code = taxonomy.parse_classification_value(part)
            except ValueError as error:
                problems.append(problem(rel, None, alias, "bad_classification", "warning",
                                        value=part.strip(), detail=str(error)))
                continue
            if code not in found:
                found.append(code)
    return found


def _who_can_apply(meta: dict, rel: str, problems: list[Problem]) -> tuple[str, ...]:
    alias, value = _get(meta, "who_can_apply")
    found: list[str] = []
    for item in _as_list(value) if value is not None else []:
        codes = eligibility.parse_area(item)
        if not codes:
            problems.append(Problem(rel, None, alias, f"“{item}” is not a known area of selection",
                                    f"use one of: {', '.join(eligibility.AREAS)}", "warning"))
        found.extend(code for code in codes if code not in found)
    return tuple(found)


def _apply_url(meta: dict, rel: str, problems: list[Problem]) -> str | None:
    alias, value = _get(meta, "apply_url")
    if value is None:
        return None
    text = str(value).strip()
    if not eligibility.is_web_address(text):
        problems.append(Problem(rel, None, alias, f"“{text}” is not a web address",
                                f"write {alias}: https://… (the page where candidates apply)",
                                "warning"))
        return None
    return text


def parse_structured(meta: dict, rel: str, problems: list[Problem]) -> dict:
    """Front matter -> the Posting keyword arguments for structured fields."""
    alias, requirement_text = _get(meta, "language_requirement")
    requirement = None
    if requirement_text is not None:
        requirement = taxonomy.parse_language_requirement(str(requirement_text))
        if requirement is None:
            known = ", ".join(taxonomy.LANGUAGE_REQUIREMENTS)
            problems.append(problem(rel, None, alias, "bad_requirement", "warning",
                                    value=str(requirement_text), known=known))
    alias, profile_text = _get(meta, "language_profile")
    profile = None
    if profile_text is not None:
        profile = taxonomy.parse_language_profile(str(profile_text))
        if profile is None:
            problems.append(problem(rel, None, alias, "bad_profile", "warning",
                                    value=str(profile_text)))
    tenure = None
    alias, tenure_text = _get(meta, "tenure")
    if tenure_text is not None:
        tenure = vocabulary.tenure_code(str(tenure_text))
        if tenure is None:
            problems.append(problem(rel, None, alias, "bad_tenure", "warning",
                                    value=str(tenure_text), known=", ".join(vocabulary.TENURES)))
    _, department = _get(meta, "department")
    _, locations = _get(meta, "locations")
    values = {
        "classifications": _classifications(meta, rel, problems),
        "language_requirement": requirement,
        "language_profile": profile,
        "locations": tuple(_as_list(locations)) if locations is not None else (),
        "tenure": tenure,
        "department": vocabulary.department_code(str(department)) if department else None,
        "salary_min": _money(meta, "salary_min", rel, problems),
        "salary_max": _money(meta, "salary_max", rel, problems),
        "closing_date": _date(meta, "closing_date", rel, problems),
        "date_posted": _date(meta, "date_posted", rel, problems),
        "who_can_apply": _who_can_apply(meta, rel, problems),
        "apply_url": _apply_url(meta, rel, problems),
    }
    low, high = values["salary_min"], values["salary_max"]
    if low is not None and high is not None and low > high:
        problems.append(problem(rel, None, "salary_max", "salary_order", "warning", high=high,
                                low=low))
    return values
