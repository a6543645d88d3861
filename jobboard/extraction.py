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
from jobboard.taxonomy import GROUPS, Classification

_LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>]+>")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n\s*\n|\n(?=\s*[*\-•]|\s*#)")
# Written codes in prose: upper-case known group, optional dash, level ("IT-04", "CS-4", "EC07").
_GROUPS = "|".join(g for g in sorted(GROUPS, key=len, reverse=True))
_CODE = re.compile(rf"(?<![A-Za-z0-9/=#])({_GROUPS})[-\u2010\u2011\u2012\u2013]?0?(\d{{1,2}})(?![\d])")
# "CS-03/04", "AS-02 ou 03": a bare level after a code, same group.
_MORE_LEVELS = re.compile(r"^\s*(?:/|,|or|ou|and|et|to|à)\s*0?(\d{1,2})(?![\d\-])")

_BOILERPLATE = re.compile(
    r"\b(pool|bassin|similar positions|postes similaires|may vary|peuvent varier|"
    r"pourrai\w* (?:etre )?utilis|may be used|could be used|linguistic profiles|profils linguistiques)\b")


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


def find_language_requirement(sentences: list[str]) -> tuple[str | None, str | None]:
    """Requirement and profile stated for this position, or (None, None)."""
    requirements: list[str] = []
    profiles: list[str] = []
    for sentence in sentences:
        folded = taxonomy.fold(sentence)
        if _BOILERPLATE.search(folded):
            continue
        code = taxonomy.parse_language_requirement(sentence)
        profile = taxonomy.parse_language_profile(sentence) if taxonomy.PROFILE_RE.search(
            sentence) else None
        if code is None and (profile or re.search(r"\bbilingu\w*\b.{0,40}\b(position|poste|"
                                                  r"role|requirement|exigence)", folded)):
            code = "bilingual_imperative" if profile else None
        if code and code not in requirements:
            requirements.append(code)
        if profile and profile not in profiles:
            profiles.append(profile)
    if not requirements:
        return None, profiles[0] if profiles else None
    requirement = requirements[0] if len(requirements) == 1 else "various"
    return requirement, profiles[0] if profiles else None


def extract(body: str, lang: str) -> Extracted:
    """Classification and language requirement stated in a body (boilerplate ignored)."""
    sentences = _sentences(body)
    kept = [s for s in sentences if not _BOILERPLATE.search(taxonomy.fold(s))]
    codes = find_classifications("\n".join(kept))
    requirement, profile = find_language_requirement(sentences)
    return Extracted(tuple(codes), requirement, profile)
