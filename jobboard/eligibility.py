"""Who can apply (area of selection) and where to apply: vocabularies and parsers, Flask-free.

Who can apply comes from the front matter (`who_can_apply`, a code or its EN/FR wording, or a
list) or else from a body line that states it ("Who can apply: Persons residing in Canada",
"Qui est admissible : les fonctionnaires fédéraux", "This process is open to students").
Only such lines are read: "we help public servants" in a team's description says nothing
about who may apply.

    areas_in_text("Who can apply: employees of the federal public service") -> ("public_service",)
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from jobboard.taxonomy import fold

AREAS = {
    "public": ("Open to the public", "Ouvert au public"),
    "public_service": ("Federal public servants", "Fonctionnaires fédéraux"),
    "students": ("Students", "Étudiants"),
    "region": ("People living in a given region", "Personnes résidant dans une région donnée"),
}

# On folded text (lower case, no accents). Order: most specific first.
_WORDINGS = (
    ("students", re.compile(r"\b(students?|etudiant\w*|co-?op|stagiaires?)\b")),
    ("public_service", re.compile(
        r"\b(public servants?|employees? of the (?:federal )?public service|federal employees?"
        r"|public service employees?|fonctionnaires?|employe\w* de la fonction publique"
        r"|internal|interne)\b")),
    ("region", re.compile(
        r"\b(?:residing|living|who live|residant\w*|habitant\w*|vivant)\s+"
        r"(?:in|within|dans|a|au|en)\s+(?!canada\b)(?:the |la |le |l'|les )?(?!canada\b)\w")),
    ("public", re.compile(
        r"\b(public(?! serv)|everyone|all canadians|canadian citizens|persons residing in canada"
        r"|personnes residant au canada|tous|toutes|grand public|external|externe)\b")),
)
_LABELS = re.compile(
    r"^\W*(?:who can apply|who may apply|area of selection|open to"
    r"|qui (?:est|sont) admissibles?|qui peut postuler|zone de selection"
    r"|ouvert\w* a)\W*[:\-]?\s*(.+)$", re.MULTILINE)
# "This process is open to …": only about the process, not "you are open to feedback".
_OPEN_TO = re.compile(
    r"\b(?:process|position|opportunity|job|competition|posting)s? (?:is|are) open to ([^.\n]+)"
    r"|\b(?:processus|poste|offre|concours)s? (?:est|sont) ouvert\w* (?:a|aux|au) ([^.\n]+)")


def areas_in_text(text: str) -> tuple[str, ...]:
    """Codes named in a wording: "Persons residing in the NCR and students" -> both codes."""
    folded = fold(text).replace("*", " ")
    codes = [code for code, pattern in _WORDINGS if pattern.search(folded)]
    if "region" in codes and "public" in codes:  # "the public residing in the NCR"
        codes.remove("public")
    return tuple(codes)


def parse_area(value: str) -> tuple[str, ...]:
    """A front-matter value: a code ("public_service") or a wording; () when unknown."""
    code = fold(value).strip().replace(" ", "_").replace("-", "_")
    return (code,) if code in AREAS else areas_in_text(value)


def areas_in_body(body: str) -> tuple[str, ...]:
    """Who can apply, as a body states it on a labelled line or an "is open to" sentence."""
    folded = fold(body).replace("**", "")
    found: list[str] = []
    for match in _LABELS.finditer(folded):
        found.extend(areas_in_text(match.group(1)))
    if not found and ("open to " in folded or " ouvert" in folded):  # cheap, then the pattern
        for match in _OPEN_TO.finditer(folded):
            found.extend(areas_in_text(match.group(1) or match.group(2)))
    return tuple(dict.fromkeys(found))


def area_label(code: str, lang: str) -> str:
    """("students", "fr") -> "Étudiants"; unknown codes as they are."""
    labels = AREAS.get(code)
    return labels[0 if lang == "en" else 1] if labels else code


# An id fit for a URL: 6+ URL-safe characters, not a placeholder ("test-lever-id", "aaaa", 0).
_SOURCE_ID = re.compile(r"^(?!.*test)[A-Za-z0-9][A-Za-z0-9._~-]{5,}$", re.I)


def is_web_address(value: str) -> bool:
    """An absolute http(s) URL with a host: what an Apply button may link to."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def apply_url(own: str | None, source_id: str | None, template: str | None) -> str | None:
    """Where to apply: the posting's own `apply_url`, else the template with its `{leverId}`
    filled with the posting's id (`leverId` or `id`) when it looks real (the corpus also holds
    "test-lever-id", "aaaa", 0 and URLs), else None.

        apply_url(None, "0b4e…", "https://jobs.lever.co/cds/{leverId}/apply")
        -> "https://jobs.lever.co/cds/0b4e…/apply"
    """
    if own:
        return own
    if template and "{leverId}" in template and source_id and _SOURCE_ID.match(source_id):
        return template.replace("{leverId}", quote(source_id, safe=""))
    return None
