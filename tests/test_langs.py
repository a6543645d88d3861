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
