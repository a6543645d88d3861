"""Classification and official-language vocabularies with EN/FR labels, and their parsers.

Flask-free: labels are plain data keyed by language code ("en", "fr").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobboard.langs import fold

# Occupational groups (TBS), EN/FR names. Legacy groups stay here so the written code can be shown.
GROUPS: dict[str, dict[str, str]] = {
    "AS": {"en": "Administrative Services", "fr": "Services administratifs"},
    "CR": {"en": "Clerical and Regulatory", "fr": "Commis aux écritures et aux règlements"},
    "PM": {"en": "Programme Administration", "fr": "Administration des programmes"},
    "EC": {"en": "Economics and Social Science Services",
           "fr": "Économique et services de sciences sociales"},
    "IT": {"en": "Information Technology", "fr": "Technologies de l’information"},
    "CS": {"en": "Computer Systems", "fr": "Systèmes d’ordinateurs"},
    "CT-FIN": {"en": "Comptrollership – Financial Management",
               "fr": "Fonction de contrôleur – Gestion financière"},
    "CT-IAU": {"en": "Comptrollership – Internal Audit",
               "fr": "Fonction de contrôleur – Audit interne"},
    "CT-EAV": {"en": "Comptrollership – External Audit",
               "fr": "Fonction de contrôleur – Vérification externe"},
    "FI": {"en": "Financial Management", "fr": "Gestion financière"},
    "AU": {"en": "Auditing", "fr": "Vérification"},
    "PE": {"en": "Personnel Administration", "fr": "Gestion du personnel"},
    "EX": {"en": "Executive", "fr": "Direction"},
    "IS": {"en": "Information Services", "fr": "Services d’information"},
    "CO": {"en": "Commerce", "fr": "Commerce"},
    "PG": {"en": "Purchasing and Supply", "fr": "Achat et approvisionnement"},
    "CM": {"en": "Communications", "fr": "Communications"},
    "FS": {"en": "Foreign Service", "fr": "Service extérieur"},
    "FB": {"en": "Border Services", "fr": "Services frontaliers"},
    "EG": {"en": "Engineering and Scientific Support",
           "fr": "Soutien technologique et scientifique"},
    "BI": {"en": "Biological Sciences", "fr": "Sciences biologiques"},
    "PC": {"en": "Physical Sciences", "fr": "Sciences physiques"},
    "LP": {"en": "Law Practitioner", "fr": "Praticiens du droit"},
    "LS": {"en": "Library Science", "fr": "Bibliothéconomie"},
    "MA": {"en": "Mathematics", "fr": "Mathématiques"},
    "PS": {"en": "Psychology", "fr": "Psychologie"},
    "SP": {"en": "Services and Programs", "fr": "Services et programmes"},
    "TR": {"en": "Translation", "fr": "Traduction"},
    "GT": {"en": "General Technical", "fr": "Techniciens divers"},
    "DS": {"en": "Defence Scientific Service", "fr": "Service scientifique de la défense"},
    "SG": {"en": "Scientific Regulation", "fr": "Réglementation scientifique"},
    "ED": {"en": "Education", "fr": "Enseignement"},
    "PA": {"en": "Program and Administrative Services",
           "fr": "Services des programmes et de l’administration"},
}

# Legacy group -> current group (CS became IT on 2021-12-09; FI and AU became CT-* on 2023-09-28).
LEGACY = {"CS": "IT", "FI": "CT-FIN", "AU": "CT-EAV"}

_DASH = "-\u2010\u2011\u2012\u2013\u2014"
_GROUP_ALT = "|".join(
    g.replace("-", f"[{_DASH} ]?") for g in sorted(GROUPS, key=len, reverse=True)
)
# Lenient: user input such as "IT-03", "IT03", "it 3", "IT-3", "ct fin 2".
_LENIENT = re.compile(
    rf"(?<![A-Za-z])({_GROUP_ALT})[{_DASH}\s]?0*(\d{{1,2}})(?!\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True, order=True)
class Classification:
    """A group and level; `code` is current ("IT-03"), `written` is as the posting wrote it."""

    group: str
    level: int
    written_group: str

    @property
    def code(self) -> str:
        return f"{self.group}-{self.level:02d}"

    @property
    def written(self) -> str:
        return f"{self.written_group}-{self.level:02d}"

    @property
    def is_legacy(self) -> bool:
        return self.group != self.written_group


def classification(group: str, level: int) -> Classification:
    """Build a classification from a written group, mapping legacy: CS, 3 -> IT-03 (CS-03)."""
    written = group.upper()
    return Classification(LEGACY.get(written, written), level, written)


def _canonical_group(raw: str) -> str:
    return re.sub(rf"[{_DASH} ]", "-", raw.upper())


def parse_classifications(text: str) -> list[Classification]:
    """Every code in text: "CS-03, CS-04 ou CS-05" -> [IT-03, IT-04, IT-05]; "it 3" -> [IT-03].

    Codes that map to one current code are kept once ("IT-04 (formerly CS-04)"), order kept;
    unknown groups are ignored.
    """
    found: list[Classification] = []
    for match in _LENIENT.finditer(text):
        item = classification(_canonical_group(match.group(1)), int(match.group(2)))
        if all(item.code != seen.code for seen in found):
            found.append(item)
    return found


_ANY_CODE = re.compile(
    r"^\s*([A-Za-z]{1,3}(?:[-\s][A-Za-z]{2,3})?)[\s\-\u2011\u2013]?(\d{1,2})\s*$")


def join_codes(text: str) -> str:
    """Write every code in text as one word: "cs 4 developer" -> "CS-04 developer"."""
    return _LENIENT.sub(
        lambda m: classification(_canonical_group(m.group(1)), int(m.group(2))).written, text)


def parse_classification_value(value: str) -> Classification:
    """Parse one front-matter value strictly: "IT03" -> IT-03; ValueError naming the problem."""
    found = parse_classifications(value)
    if len(found) == 1 and _ANY_CODE.match(value):
        return found[0]
    match = _ANY_CODE.match(value)
    if match and _canonical_group(match.group(1)) not in GROUPS:
        raise ValueError(f"unknown occupational group “{match.group(1).upper()}”")
    raise ValueError("a classification looks like IT-03: a group code, a hyphen, a level")


def group_label(group: str, lang: str) -> str:
    """Group name in a language: ("IT", "fr") -> "Technologies de l’information"."""
    return GROUPS.get(group, {}).get(lang, group)


# Official-language requirements.
LANGUAGE_REQUIREMENTS: dict[str, dict[str, str]] = {
    "english_essential": {"en": "English essential", "fr": "Anglais essentiel"},
    "french_essential": {"en": "French essential", "fr": "Français essentiel"},
    "english_or_french_essential": {"en": "English or French essential",
                                    "fr": "Anglais ou français essentiel"},
    "bilingual_imperative": {"en": "Bilingual imperative", "fr": "Bilingue impératif"},
    "bilingual_non_imperative": {"en": "Bilingual non-imperative", "fr": "Bilingue non impératif"},
    "various": {"en": "Various", "fr": "Divers"},
    # Bilingual text that says neither imperative nor non-imperative ("Bilingualism is required").
    "bilingual": {"en": "Bilingual (imperative or not, unspecified)",
                  "fr": "Bilingue (impératif ou non, non précisé)"},
}
BILINGUAL = ("bilingual_imperative", "bilingual_non_imperative", "bilingual")

# Patterns on folded text, most specific first.
REQUIREMENT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Either staffing option ("Bilingual imperative/non-imperative CBC/CBC"): bilingual, but
    # neither imperative nor non-imperative can be said.
    ("bilingual", re.compile(
        r"(?<!non)(?<!non )(?<!non-)imperati\w*\s*(?:/|or|ou|and/or|et/ou|,)\s*"
        r"(?:-\s*)?non[\s-]*imperati|non[\s-]*imperati\w*\s*(?:/|or|ou|and/or|et/ou|,)\s*"
        r"imperati")),
    ("bilingual_non_imperative", re.compile(
        r"bilingu\w*\W{1,3}(?:-\s*)?non[\s-]*imperati\w*|non[\s-]*imperati\w+\W+bilingu")),
    ("bilingual_imperative", re.compile(
        r"bilingu\w*\W{1,3}(?:-\s*)?imperati\w*|imperati\w+\W+bilingu")),
    ("english_or_french_essential", re.compile(
        r"(?:english|anglais)\s+(?:or|ou)\s+(?:french|francais)\s+essenti\w*")),
    ("english_essential", re.compile(r"(?:english\s+essential|anglais\s+essentiel)")),
    ("french_essential", re.compile(r"(?:french\s+essential|francais\s+essentiel)")),
    ("various", re.compile(r"^(?:various|divers|variees?|varies)$")),
]


def parse_language_requirement(text: str) -> str | None:
    """Map a code or EN/FR wording to a code: "Bilingue - Impératif" -> "bilingual_imperative".

    Plain "bilingual"/"bilingue" -> "bilingual" (imperative or not, unspecified).
    """
    folded = fold(text).strip()
    code = folded.replace("-", "_").replace(" ", "_")
    if code in LANGUAGE_REQUIREMENTS:
        return code
    for code, pattern in REQUIREMENT_PATTERNS:
        if pattern.search(folded):
            return code
    return _SHORT_FORMS.get(re.sub(r"[^a-z ]+", " ", folded).strip())


_SHORT_FORMS = {
    "english or french": "english_or_french_essential",
    "anglais ou francais": "english_or_french_essential",
    "bilingual": "bilingual", "bilingue": "bilingual",
}


def language_requirement_label(code: str, lang: str) -> str:
    """Label of a requirement code: ("various", "fr") -> "Divers"."""
    return LANGUAGE_REQUIREMENTS.get(code, {}).get(lang, code)


# Second-language profiles: reading, writing, oral. Levels A < B < C; E exempt (above C); X, P, -.
LEVEL_ORDER = {"X": 0, "A": 1, "B": 2, "C": 3, "E": 4}
PROFILE_RE = re.compile(r"(?<![A-Za-z])([ABCEXP-]{3})\s*/\s*([ABCEXP-]{3})(?![A-Za-z])")
_SHORT_PROFILE_RE = re.compile(r"^\s*([ABCEXP-]{3})\s*$")


def parse_language_profile(text: str) -> str | None:
    """Normalise a profile: "cbc / cbc" -> "CBC/CBC", "CBC" -> "CBC/CBC", "nonsense" -> None."""
    upper = text.upper()
    match = PROFILE_RE.search(upper)
    if match:
        return f"{match.group(1)}/{match.group(2)}"
    match = _SHORT_PROFILE_RE.match(upper)
    if match:
        return f"{match.group(1)}/{match.group(1)}"
    return None


def profile_meets(have: str, need: str, lang: str = "en") -> bool:
    """Does a person's results meet a profile? ("CBC", "BBB/BBB") -> True; E beats C.

    A profile is written English/French ("CBC/BBB"): results in French (lang "fr") are held
    against the second half."""
    half = 0 if lang == "en" else 1
    have_levels = (parse_language_profile(have) or "").split("/")[0]
    need_levels = (parse_language_profile(need) or "/").split("/")[half]
    if len(have_levels) != 3 or len(need_levels) != 3:
        return False
    return all(
        need_level in "-P" or LEVEL_ORDER.get(h, 0) >= LEVEL_ORDER.get(need_level, 9)
        for h, need_level in zip(have_levels, need_levels, strict=True)
    )
