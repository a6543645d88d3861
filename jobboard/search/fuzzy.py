"""Typo tolerance at query time: a typed word the index does not know also searches the known
words within a small edit distance, as the well-known engines do by default.

    "analist" (7 letters, unknown) -> also "analyst", "analysts" (one edit away)
    "devlopper" (9 letters) -> also words two edits away; "data" (4 letters) -> nothing

Only unknown words are widened, so a query whose words all exist keeps exactly its matches
(no near-misses flooding them); the alternatives weigh half a typed word. Distances are
counted on accent-folded words; the vocabulary is the generation's spelling vocabulary
(`suggest.Speller`), each word's alternatives remembered, so the cost is bounded per word.
"""

from __future__ import annotations

from jobboard.search import analyzers
from jobboard.search.parse import LANGS, Expansion, ParsedQuery, code_query
from jobboard.search.suggest import Speller, known
from jobboard.taxonomy import fold

ONE_EDIT = 5  # letters from which one edit is tolerated
TWO_EDITS = 9  # letters from which two are
LIMIT = 5  # alternatives per word, the most frequent first
WEIGHT = 0.5


def distance_for(word: str) -> int:
    """Edits tolerated in a typed word: "data" -> 0, "analist" -> 1, "devlopper" -> 2."""
    size = len(fold(word))
    return 2 if size >= TWO_EDITS else 1 if size >= ONE_EDIT else 0


def expansions(parsed: ParsedQuery, reader, speller, skip: set[int]) -> list[Expansion]:
    """Alternatives for each plain-word clause (not in skip) the index does not know; speller
    is called (and the vocabulary read) only when there is such a word."""
    found: list[Expansion] = []
    vocabulary: Speller | None = None
    for index in range(len(parsed.clauses)):
        word = parsed.single_word(index)
        if (index in skip or word is None or any(c.isdigit() for c in word)
                or code_query(parsed.clauses[index][0]) is not None):
            continue
        distance = distance_for(word)
        if not distance or known(reader, word):
            continue
        vocabulary = vocabulary or speller()
        alternatives = _distinct(vocabulary.near(word, distance, LIMIT * 3))[:LIMIT]
        if alternatives:
            found.append(Expansion(index, index, alternatives, WEIGHT, "typo"))
    return found


def _distinct(words: tuple[str, ...]) -> tuple[str, ...]:
    """One word per search meaning, the first (most frequent) kept: ("developers",
    "développeurs", "developer") -> ("developers", "développeurs"): "developer" searches what
    "developers" does in both languages."""
    seen, kept = set(), []
    for word in words:
        key = tuple(tuple(analyzers.tokens(lang, word)) for lang in LANGS)
        if key not in seen:
            seen.add(key)
            kept.append(word)
    return tuple(kept)
