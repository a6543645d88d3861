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
CARRY_CHECKS = 200_000  # (remembered word, changed word) pairs checked to carry corrections over
ALL = ""  # the scope of every language


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
    """Folded vocabulary of one index generation, per language -> best written form, with
    correctors. Entries are "lang:word" (a word of postings in that language).

    `Speller.from_generation(path)` reads the vocabulary saved in a generation folder.
    """

    def __init__(self, frequencies: Counter):
        best: dict[str, dict[str, tuple[int, str]]] = {ALL: {}, **{lang: {} for lang in LANGS}}
        for entry, frequency in frequencies.items():
            lang, _, word = entry.rpartition(":")
            key = fold(word)
            for scope in {ALL, lang} & best.keys():
                if frequency > best[scope].get(key, (0, ""))[0]:
                    best[scope][key] = (frequency, word)
        self.best = best
        self.correctors = {scope: ListCorrector(sorted(words)) for scope, words in best.items()}
        self._memo: dict[tuple, object] = {}  # (kind, scope, folded word) -> answer

    @classmethod
    def from_generation(cls, path: Path | str, previous: Speller | None = None) -> Speller:
        """The speller of the generation in folder path; with the corrections `previous` (an
        earlier generation's) remembered that this one answers the same (`carry_over`)."""
        speller = cls(frequencies=read_frequencies(Path(path)))
        if previous is not None:
            speller.carry_over(previous)
        return speller

    def carry_over(self, previous: Speller) -> int:
        """Remember the answers of `previous` that this vocabulary gives too; how many.

        An answer depends only on the vocabulary's words within its edit distance of the
        word asked (and their frequencies): it is kept when no word whose best written form
        or frequency differs between the two vocabularies, in its scope, is that close. An
        incremental reindex changes few words, so a new generation answers the typos its
        predecessor saw without the edit-distance automaton. Nothing is carried when the
        check would cost more than CARRY_CHECKS comparisons."""
        changed = {scope: [key for key in self.best[scope].keys() | previous.best[scope].keys()
                           if self.best[scope].get(key) != previous.best[scope].get(key)]
                   for scope in self.best}
        remembered = dict(previous._memo)  # a copy: its generation may still be answering
        if len(remembered) * max(map(len, changed.values())) > CARRY_CHECKS:
            return 0
        for key, answer in remembered.items():
            scope, distance = ((key[1], MAX_DISTANCE) if key[0] == "correct" else
                               (ALL, key[1]))
            if all(_apart(key[-1], word, distance) for word in changed[scope]):
                self._memo[key] = answer
        return len(self._memo)

    def _remembered(self, key: tuple, compute):
        if key not in self._memo:
            if len(self._memo) >= MEMO_WORDS:
                self._memo.clear()
            self._memo[key] = compute()
        return self._memo[key]

    def correct(self, word: str, lang: str | None = None) -> str | None:
        """Closest known word (most frequent at the least distance), in the vocabulary of lang
        unless another language has a strictly closer one: "analist" -> "analyst";
        ("developeur", "fr") -> "développeur" (not "developer", as close). Remembered per
        word (a few milliseconds each)."""
        key = fold(word)
        found = [self._remembered(("correct", scope, key), lambda s=scope: self._correct(s, key))
                 for scope in ((lang, ALL) if lang in LANGS else (ALL,))]
        found = [option for option in found if option]
        return min(found, key=lambda option: option[0])[1] if found else None

    def _correct(self, scope: str, key: str) -> tuple[int, str] | None:
        """(distance, best written form) of the closest words of a scope, or None."""
        tier, found = None, []
        for score, candidate in whoosh_io.corrections(self.correctors[scope], key,
                                                      MAX_DISTANCE):
            if tier is not None and score != tier:
                break
            tier = score
            found.append(candidate)
        if not found:
            return None
        best = self.best[scope]
        return -tier, best[max(found, key=lambda c: (best[c][0], c))][1]

    def near(self, word: str, distance: int, limit: int) -> tuple[str, ...]:
        """Known written words within an edit distance of word (accent-folded), the most
        frequent first, at most limit: ("analist", 1) -> ("analyst", "analysts")."""
        key = fold(word)

        def compute():
            found = [c for _, c in whoosh_io.corrections(self.correctors[ALL], key, distance)
                     if c != key]
            best = self.best[ALL]
            found.sort(key=lambda c: (-best[c][0], c))
            return tuple(best[c][1] for c in found[:limit])
        return self._remembered(("near", distance, limit, key), compute)


def _apart(word: str, other: str, distance: int) -> bool:
    """True when more than `distance` edits (insertions, deletions, substitutions,
    transpositions) separate the words, by a lower bound of their edit distance: an edit
    changes the length by at most 1 and the letter counts by at most 2.
    ("analist", "analyst", 1) -> False; ("analist", "budget", 2) -> True."""
    if abs(len(word) - len(other)) > distance:
        return True
    counts = Counter(word)
    counts.subtract(other)
    return sum(map(abs, counts.values())) > 2 * distance


def known(reader, word: str) -> bool:
    """Does the index hold this word (as analyzed) in either language? Stop words count."""
    for lang in LANGS:
        for token in analyzers.tokens(lang, word):
            if reader.doc_frequency(f"body_{lang}", token) or reader.doc_frequency(
                    f"title_{lang}", token):
                return True
    return not any(analyzers.tokens(lang, word) for lang in LANGS)  # stop words are "known"


def suggest(reader, speller: Speller, q: str, parsed: ParsedQuery | None,
            lang: str | None = None) -> str | None:
    """The query with unknown words corrected ("devlopper analist" -> "developer analyst"),
    in the page's language first."""
    if parsed is None:
        return None
    corrected = q
    for term in parsed.terms:
        if term.kind != "word" or len(term.text) < MIN_WORD or any(c.isdigit() for c in term.text):
            continue
        if known(reader, term.text):
            continue
        option = speller.correct(term.text, lang)
        if option:
            corrected = corrected.replace(term.text, option, 1)
    return corrected if corrected != q else None
