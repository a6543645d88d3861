"""Find a posting's classification and language requirement in its body, as people wrote them.

Real postings state them in prose ("This position is classified as CS-03, CS-04 or CS-05",
"Ce poste est bilingue impératif CBC/CBC") next to boilerplate that lists OTHER positions'
profiles ("A pool … may be used to fill similar positions, with linguistic profiles (english
essential, bilingual imperative BBB/BBB …)"). Boilerplate sentences are dropped before matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobboard import taxonomy
from jobboard.langs import fold
from jobboard.taxonomy import GROUPS, Classification

_LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>]+>")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n\s*\n|\n(?=\s*[*\-•]|\s*#)")
# Written codes in prose: upper-case known group, optional dash, level ("IT-04", "CS-4", "EC07").
_GROUPS = "|".join(g for g in sorted(GROUPS, key=len, reverse=True))
_CODE = re.compile(
    rf"(?<![A-Za-z0-9=#])({_GROUPS})[-\u2010\u2011\u2012\u2013 ]?0?(\d{{1,2}})(?![\d])")
# "CS-03/04", "AS-02 ou 03": a bare level after a code, same group.
_MORE_LEVELS = re.compile(r"^\s*(?:/|,|-|or|ou|and|et|to|à)\s*0?(\d{1,2})(?![\d\-])")

_BOILERPLATE = re.compile(
    r"\b(pool|bassin|similar positions|postes similaires|may vary|peuvent varier|"
    r"pourrai\w* (?:etre )?utilis|may be used|could be used|linguistic profiles|"
    r"profils linguistiques)\b")


@dataclass(frozen=True)
class Extracted:
    """What the body says about the posting itself."""

    classifications: tuple[Classification, ...] = ()
    language_requirement: str | None = None
    language_profile: str | None = None


def _sentences(body: str) -> list[str]:
    text = _LINK_TARGET.sub("]", body).replace("**", "").replace("\u00a0", " ")
    return [s for s in _SENTENCE.split(text) if s and s.strip()]


def find_classifications(text: str) -> list[Classification]:
    """Codes as written in prose: "classified as CS-03, CS-04 or CS-05" -> IT-03, IT-04, IT-05."""
    found: list[Classification] = []

    def add(item: Classification) -> None:
        if all(item.code != seen.code for seen in found):
            found.append(item)

    for match in _CODE.finditer(text):
        group, level = match.group(1), int(match.group(2))
        if level == 0:
            continue
        add(taxonomy.classification(group, level))
        rest = text[match.end():]
        while (more := _MORE_LEVELS.match(rest)) is not None:
            add(taxonomy.classification(group, int(more.group(1))))
            rest = rest[more.end():]
    return found


# Wording that states a requirement without naming the category (tier 2, used only when no
# explicit category such as "bilingual imperative" or "English essential" is stated).
_BILINGUAL_REQUIRED = re.compile(
    r"bilingu\w*[^.]{0,60}\b(requi\w*|exige\w*|essenti\w*|obligatoire)"
    r"|\b(fluent in|couramment)[^.]{0,20}\b(french and english|english and french|"
    r"francais et l.anglais|anglais et (?:le )?francais)"
    r"|\b(communicat\w*|communiquer|work\w*|travailler|fluent|couramment)\b[^.]{0,30}"
    r"\b(both official languages|deux langues officielles)")
_QUOTES = "«\"“‘' \u00a0\u2009\u202f"
_ROLE_PROFILE = re.compile(
    rf"\b(positions?|r[oô]le|poste)\s+(is|est)\s+[{_QUOTES}]*(?-i:[ABCE]{{3}})\b|"
    rf"\b(government|gouvernement\w*)\s+(terms|speak|termes)\W+(?-i:[ABCE]{{3}})\b",
    re.IGNORECASE)
# Both languages named next to a bare profile: "(in government terms, … CBC)".
_BOTH_LANGUAGES = re.compile(r"\b(french and english|english and french|anglais et (?:en |le )?"
                             r"francais|francais et (?:en |l.)?anglais)\b")
_BARE_PROFILE = re.compile(r"(?<![A-Za-z])[ABCE]{3}(?![A-Za-z])")
_EITHER = re.compile(
    r"\b(?:either\s+)?english\s+or\s+french\b|\banglais\s+ou\s+(?:en\s+)?francais\b")
_VARIOUS = re.compile(
    r"various language requirements|exigences linguistiques variees|"
    r"\b(l.un des \d+ postes|one of the (?:\d+|two) (?:positions|roles))")
_ASSET = re.compile(r"\b(asset|atout|ideal\w*|preferred|prefere\w*|priority|priorite)\b")


def _explicit(folded: str) -> list[str]:
    found = []
    for code, pattern in taxonomy.REQUIREMENT_PATTERNS:
        if code != "various" and pattern.search(folded):
            found.append(code)
    if "bilingual_non_imperative" in found and "bilingual_imperative" in found:
        found.remove("bilingual_imperative")  # "non-imperative" contains "imperative"
    if "english_or_french_essential" in found:
        found = [c for c in found if c not in ("english_essential", "french_essential")]
    return found


def find_language_requirement(sentences: list[str]) -> tuple[str | None, str | None]:
    """Requirement and profile stated for this position, or (None, None).

    Tier 1: explicit categories ("bilingual imperative", "anglais essentiel"); two different
    ones -> "various". Tier 2, only without tier 1: "bilingualism is required", "this role is
    CBC", "either English or French".
    """
    explicit: list[str] = []
    inferred: list[str] = []
    profiles: list[str] = []
    for sentence in sentences:
        folded = fold(sentence)
        if _BOILERPLATE.search(folded):
            continue
        if _VARIOUS.search(folded):
            inferred.append("various")
        if _ASSET.search(folded) and not re.search(r"(english|french|anglais|francais)\s+"
                                                   r"essenti", folded):
            continue  # "bilingualism is an asset": not a requirement
        for code in _explicit(folded):
            if code not in explicit:
                explicit.append(code)
        profile = taxonomy.PROFILE_RE.search(sentence)
        short = _ROLE_PROFILE.search(sentence) or (
            _BOTH_LANGUAGES.search(folded) and _BARE_PROFILE.search(sentence))
        if profile or short or _BILINGUAL_REQUIRED.search(folded):
            inferred.append("bilingual")
            text = profile.group(0) if profile else (short.group(0)[-3:] if short else "")
            normal = taxonomy.parse_language_profile(text) if text else None
            if normal and normal not in profiles:
                profiles.append(normal)
        elif _EITHER.search(folded):
            inferred.append("english_or_french_essential")
    profile = profiles[0] if profiles else None
    if explicit:
        return (explicit[0] if len(explicit) == 1 else "various"), profile
    if "various" in inferred:
        return "various", profile
    if inferred:
        return inferred[0], profile
    return None, None


def extract(body: str, lang: str) -> Extracted:
    """Classification and language requirement stated in a body (boilerplate ignored)."""
    sentences = _sentences(body)
    kept = [s for s in sentences if not _BOILERPLATE.search(fold(s))]
    codes = find_classifications("\n".join(kept))
    requirement, profile = find_language_requirement(sentences)
    return Extracted(tuple(codes), requirement, profile)
