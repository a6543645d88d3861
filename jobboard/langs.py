"""The board's languages and accent folding, written once for every module that needs them.

    LANGS == ("en", "fr")
    fold("Bilingue Impératif’s") -> "bilingue imperatif's"   (matching written text)
    fold_accents("Été") -> "ete"                                (inside an analyzer chain)
"""

from __future__ import annotations

import re

from whoosh.support.charset import accent_map

LANGS = ("en", "fr")

# Typography that French text carries and that patterns and comparisons should not see.
_PUNCTUATION = str.maketrans({"\u2019": "'", "\u00a0": " ", "\u2011": "-"})


# Only runs of non-ASCII characters are looked up in the maps: `str.translate` looks every
# character up, 0.3 ms for a posting's body, the most of loading 10,000 postings.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_FOLD = {**accent_map, **_PUNCTUATION}  # punctuation first, as `fold` translates it first


def _accents_off(run: re.Match) -> str:
    return run.group().translate(accent_map)


def _folded(run: re.Match) -> str:
    return run.group().translate(_FOLD)


def fold_accents(text: str) -> str:
    """Accents off with Whoosh's Unicode accent map ("É" -> "e", "ç" -> "c"; it maps accented
    capitals to small letters and keeps "œ"); ASCII letters are left as they are."""
    return text if text.isascii() else _NON_ASCII.sub(_accents_off, text)


def fold(text: str) -> str:
    """Lower-cased, accents off, typographic apostrophe and spaces made plain: "Bilingue
    Impératif" -> "bilingue imperatif"."""
    lowered = text.lower()
    return lowered if lowered.isascii() else _NON_ASCII.sub(_folded, lowered)
