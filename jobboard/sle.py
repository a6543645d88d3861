""""Jobs I qualify for": a candidate's second-language evaluation (SLE) results held against a
posting's official-language requirement and profile. Flask-free.

Results are three letters — reading, writing, oral — each A, B, C, E (exempt) or X (none),
obtained in one official language (`results_lang`); the candidate's first official language is
the other one (SLE tests only a second language). A posting is:

- kept ("meets") when it asks for the other language at a profile the results meet
  (bilingual imperative, non-imperative or unspecified, or "various", with a profile; the
  profile is written English/French, "CBC/BBB", and the results are held against their half);
- kept when it is English or French essential in the candidate's first official language, or
  in the language of the results when they are E (exempt) in all three skills — the PSC exempts
  results at that level from testing again; an essential posting in the second language below
  that is not kept (essential means working in that language every day);
- kept when it is "English or French essential" (the candidate's first language will do);
- in a separate group ("unstated") when it states no requirement, or a bilingual or various
  requirement without a profile: the candidate has to read it to know;
- otherwise not kept (a profile the results do not meet).

    verdict("BBC", "fr", "bilingual_imperative", "BBB/BBB") -> "meets"
    verdict("BBC", "fr", "french_essential", None) -> None
    verdict("BBC", "fr", "bilingual", None) -> "unstated"
"""

from __future__ import annotations

import re

from jobboard import taxonomy

LEVELS = ("A", "B", "C", "E", "X")
SKILLS = ("reading", "writing", "oral")
MEETS, UNSTATED = "meets", "unstated"
_RESULTS = re.compile(r"^[ABCEX]{3}$")
_ESSENTIAL = {"english_essential": "en", "french_essential": "fr"}


def parse_results(text: str) -> str | None:
    """Normalise results: " bbc " -> "BBC"; "ZZZ", "BB" -> None."""
    upper = text.strip().upper()
    return upper if _RESULTS.match(upper) else None


def first_language(results_lang: str) -> str:
    """The candidate's first official language: results in French -> "en"."""
    return "en" if results_lang == "fr" else "fr"


def verdict(results: str, results_lang: str, requirement: str | None,
            profile: str | None) -> str | None:
    """"meets", "unstated" or None (not kept) for one posting; see the module's rule."""
    if requirement in _ESSENTIAL:
        language = _ESSENTIAL[requirement]
        fluent = language == first_language(results_lang) or (
            language == results_lang and results == "EEE")
        return MEETS if fluent else None
    if requirement == "english_or_french_essential":
        return MEETS
    if not profile:
        return UNSTATED
    return MEETS if taxonomy.profile_meets(results, profile, results_lang) else None
