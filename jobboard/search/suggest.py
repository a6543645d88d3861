""""Did you mean": replace words the index does not know by the closest word it has."""

from __future__ import annotations

from jobboard.search import analyzers
from jobboard.search.parse import LANGS, ParsedQuery

MIN_WORD = 4


def _known(reader, word: str) -> bool:
    for lang in LANGS:
        for token in analyzers.tokens(lang, word):
            if reader.doc_frequency(f"body_{lang}", token) or reader.doc_frequency(
                    f"title_{lang}", token):
                return True
    return not any(analyzers.tokens(lang, word) for lang in LANGS)  # stop words are "known"


def suggest(searcher, q: str, parsed: ParsedQuery | None) -> str | None:
    """The query with unknown words corrected ("developper analist" -> "developper analyst")."""
    if parsed is None:
        return None
    reader = searcher.reader()
    corrector = searcher.corrector("spell")
    corrected = q
    for term in parsed.terms:
        if term.kind != "word" or len(term.text) < MIN_WORD or any(c.isdigit() for c in term.text):
            continue
        if _known(reader, term.text):
            continue
        options = corrector.suggest(term.text.lower(), limit=1, maxdist=2)
        if options:
            corrected = corrected.replace(term.text, options[0], 1)
    return corrected if corrected != q else None
