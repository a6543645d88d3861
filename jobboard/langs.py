"""The board's languages and accent folding, written once for every module that needs them.

    LANGS == ("en", "fr")
    fold("Bilingue Impératif’s") -> "bilingue imperatif's"   (matching written text)
    fold_accents("Été") -> "ete"                                (inside an analyzer chain)
"""

from __future__ import annotations

from whoosh.support.charset import accent_map

LANGS = ("en", "fr")

# Typography that French text carries and that patterns and comparisons should not see.
_PUNCTUATION = str.maketrans({"\u2019": "'", "\u00a0": " ", "\u2011": "-"})


def fold_accents(text: str) -> str:
    """Accents off with Whoosh's Unicode accent map ("É" -> "e", "ç" -> "c"; it maps accented
    capitals to small letters and keeps "œ"); ASCII text is returned as is."""
    return text if text.isascii() else text.translate(accent_map)


def fold(text: str) -> str:
    """Lower-cased, accents off, typographic apostrophe and spaces made plain: "Bilingue
    Impératif" -> "bilingue imperatif"."""
    return fold_accents(text.translate(_PUNCTUATION).lower())
