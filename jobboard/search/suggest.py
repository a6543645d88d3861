""""Did you mean": replace words the index does not know by the closest word it has.

Correction runs on accent-folded words, so "ingenieru" finds "ingénieur" (one transposition
away once folded); the suggestion is shown in its most frequent written form, accents included.

The vocabulary is not a Whoosh field (indexing it cost a fifth of a full reindex): the indexer
writes each written word's document frequency to `spelling.json` in the generation folder,
and `Speller` reads it from there.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from whoosh.spelling import ListCorrector

from jobboard.langs import LANGS, fold
from jobboard.search import analyzers, whoosh_io
from jobboard.search.parse import ParsedQuery
from jobboard.search.store import SPELLING_FILE

MIN_WORD = 4
MAX_DISTANCE = 2
MEMO_WORDS = 10_000  # corrections remembered per generation


def read_frequencies(generation: Path) -> Counter:
    """Written word -> number of documents using it, as saved with a generation (empty if none)."""
    path = Path(generation) / SPELLING_FILE
    return Counter(json.loads(path.read_text(encoding="utf-8")) if path.exists() else {})


def write_frequencies(generation: Path, frequencies: Counter) -> None:
    """Save the vocabulary with a generation being built (like its build.json: the generation
    is not searched before the swap, and the file is never a hard link to an older one)."""
    words = {word: count for word, count in sorted(frequencies.items()) if count > 0}
    (Path(generation) / SPELLING_FILE).write_text(
        json.dumps(words, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


class Speller:
    """Folded vocabulary of one index generation -> best written form, with a corrector.

    `Speller.from_generation(path)` reads the vocabulary saved in a generation folder.
    """

    def __init__(self, frequencies: Counter):
        best: dict[str, tuple[int, str]] = {}
        for word, frequency in frequencies.items():
            key = fold(word)
            if frequency > best.get(key, (0, ""))[0]:
                best[key] = (frequency, word)
        self.best = best
        self.corrector = ListCorrector(sorted(best))
        self._corrections: dict[str, str | None] = {}  # folded word -> correct(word)

    @classmethod
    def from_generation(cls, path: Path | str) -> Speller:
        """The speller of the generation in folder path."""
        return cls(frequencies=read_frequencies(Path(path)))

    def correct(self, word: str) -> str | None:
        """Closest known word (most frequent at the least distance): "analist" -> "analyst".

        Remembered per word (a few milliseconds each with Whoosh's automaton)."""
        key = fold(word)
        if key not in self._corrections:
            if len(self._corrections) >= MEMO_WORDS:
                self._corrections.clear()
            self._corrections[key] = self._correct(key)
        return self._corrections[key]

    def _correct(self, key: str) -> str | None:
        tier, found = None, []
        for score, candidate in whoosh_io.corrections(self.corrector, key, MAX_DISTANCE):
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
