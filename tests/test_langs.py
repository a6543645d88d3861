"""jobboard/langs.py: the languages, and accent folding written once."""

import pytest

from jobboard import i18n, postings
from jobboard.langs import LANGS, fold, fold_accents
from jobboard.search import analyzers


@pytest.mark.parametrize(("text", "expected"), [
    ("Bilingue Impératif", "bilingue imperatif"),
    ("L’équipe\u00a0à Montréal", "l'equipe a montreal"),
    ("Non\u2011impératif", "non-imperatif"),
    ("ŒUVRE Ça", "œuvre ca"),
    ("plain ascii", "plain ascii"),
])
def test_fold(text, expected):
    assert fold(text) == expected


def test_the_analyzers_fold_accents_as_the_rest_of_the_board():
    assert fold_accents("Été égal") == "ete egal"
    assert analyzers.tokens("fr", "Égalité") == analyzers.tokens("fr", fold("Égalité"))


def test_one_list_of_languages():
    assert LANGS == ("en", "fr") and i18n.LANGS is LANGS and postings.LANGS is LANGS


def _reference_fold(text: str) -> str:
    """fold as first written: every character looked up (slow on whole bodies)."""
    from whoosh.support.charset import accent_map
    punctuation = str.maketrans({"\u2019": "'", "\u00a0": " ", "\u2011": "-"})
    return text.translate(punctuation).lower().translate(accent_map)


def test_fold_equals_a_lookup_of_every_character_on_every_code_point_and_real_bodies():
    from pathlib import Path

    from whoosh.support.charset import accent_map
    every = "".join(chr(c) for c in range(0x20, 0x30000) if not 0xD800 <= c < 0xE000)
    chunks = [every[i:i + 97] + " mixed ASCII text " for i in range(0, len(every), 97)]
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "cds"
    bodies = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*/*.md"))[:200]]
    assert len(bodies) == 200
    for text in chunks + bodies:
        assert fold(text) == _reference_fold(text)
        # Analyzers fold lower-cased words. (Whoosh's map also lower-cases nine ASCII capitals,
        # H I J N P S T W Y, which fold_accents never did for ASCII-only words: it leaves
        # every ASCII letter alone.)
        lowered = text.lower()
        assert fold_accents(lowered) == lowered.translate(accent_map)
