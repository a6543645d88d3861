"""What a query also searches beyond the words typed: equivalents and typo alternatives.

    "dev python" -> "dev" OR (developer, développeur, … weighted 0.5), AND "python"
    "analist" (unknown) -> "analist" OR (analyst, analysts weighted 0.5)

Equivalents come first (a span they cover is not also widened for typos); both are applied at
query time, so neither needs a reindex.
"""

from __future__ import annotations

from dataclasses import replace

from jobboard.search import fuzzy
from jobboard.search.equivalents import Equivalents
from jobboard.search.parse import ParsedQuery

MAX_SHOWN = 8  # alternatives listed under "Also searched"


def understood(parsed: ParsedQuery, reader, speller, equivalents: Equivalents | None,
               typos: bool = True) -> ParsedQuery:
    """The parsed query with its expansions (equivalents, then typo alternatives)."""
    found = equivalents.expansions(parsed) if equivalents else []
    covered = {i for e in found for i in range(e.first, e.last + 1)}
    if typos:
        found += fuzzy.expansions(parsed, reader, speller, covered)
    return replace(parsed, expansions=sorted(found, key=lambda e: e.first))


def also_searched(parsed: ParsedQuery | None) -> tuple[str, ...]:
    """The alternatives a query searched, to show people: ("développeur", "developer")."""
    if parsed is None:
        return ()
    texts = [text for expansion in parsed.expansions for text in expansion.texts]
    return tuple(dict.fromkeys(texts))[:MAX_SHOWN]
