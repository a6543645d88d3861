""""Did you mean": replace words the index does not know by the closest word it has.

Correction runs on accent-folded words, so "ingenieru" finds "ingénieur" (one transposition
away once folded); the suggestion is shown in its most frequent written form, accents included.
"""

from __future__ import annotations

from whoosh.spelling import ListCorrector

from jobboard.search import analyzers
from jobboard.search.parse import LANGS, ParsedQuery
from jobboard.taxonomy import fold

MIN_WORD = 4
MAX_DISTANCE = 2


class Speller:
    """Folded vocabulary of one index generation -> best written form, with a corrector."""

    def __init__(self, reader):
        best: dict[str, tuple[int, str]] = {}
        for raw, info in reader.iter_field("spell"):
            word = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            key, frequency = fold(word), info.doc_frequency()
            if frequency > best.get(key, (0, ""))[0]:
                best[key] = (frequency, word)
        self.best = best
        self.corrector = ListCorrector(sorted(best))

    def correct(self, word: str) -> str | None:
        """Closest known word (most frequent at the least distance): "analist" -> "analyst"."""
        key = fold(word)
        tier, found = None, []
        for score, candidate in self.corrector._suggestions(key, MAX_DISTANCE, 0):
            if tier is not None and score != tier:
                break
            tier = score
            found.append(candidate)
        if not found:
            return None
        return self.best[max(found, key=lambda c: (self.best[c][0], c))][1]


def _known(reader, word: str) -> bool:
    for lang in LANGS:
        for token in analyzers.tokens(lang, word):
            if reader.doc_frequency(f"body_{lang}", token) or reader.doc_frequency(
                    f"title_{lang}", token):
                return True
    return not any(analyzers.tokens(lang, word) for lang in LANGS)  # stop words are "known"


def suggest(reader, speller: Speller, q: str, parsed: ParsedQuery | None) -> str | None:
    """The query with unknown words corrected ("devlopper analist" -> "developer analyst")."""
    if parsed is None:
        return None
    corrected = q
    for term in parsed.terms:
        if term.kind != "word" or len(term.text) < MIN_WORD or any(c.isdigit() for c in term.text):
            continue
        if _known(reader, term.text):
            continue
        option = speller.correct(term.text)
        if option:
            corrected = corrected.replace(term.text, option, 1)
    return corrected if corrected != q else None
