"""The memoised analyzers give exactly the tokens of their plain chains: texts and positions."""

import pickle
from pathlib import Path

import pytest
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.formats import Positions

from jobboard.search import analyzers
from jobboard.search.analyzers import ANALYZERS, MemoAnalyzer
from jobboard.search.schema import WordPositions, build_schema

SAMPLE = Path(__file__).resolve().parents[2] / "content"

TEXTS = {
    "fr": [
        "L’équipe d’analyse des données, qu’elle soit à Ottawa\u00a0(Ontario) ou jusqu’à Gatineau.",
        "Le développeur·euse, la conceptrice et les conseillères : développeuse, adjoint·e.",
        "la le les de du des",  # stop words only
        "de la sécu\u00adrité, de\u0301veloppeur, sécu\u200brité, peut\u2011être l'analyste",
        "Employé·e·s employées EMPLOYÉES — candidat·e·s d’expérience « bilingue ».",
    ],
    "en": [
        "The developers' data-driven services, and the analyst’s café résumé.",
        "the and of to",  # stop words only
        "a sécu\u00adrity team of\u00a0five; CDS’s developer·euse a I the",
        "Developing, development and DEVELOPERS in the Government of Canada.",
    ],
}


def plain(lang: str):
    """The same chain without memoisation."""
    return CompositeAnalyzer(*ANALYZERS[lang]().items)


def stream(analyzer, text: str, **options) -> list[dict]:
    """Every attribute of every token: text, position, characters, boost, original..."""
    return [dict(vars(token)) for token in analyzer(text, **options)]


def sample_texts() -> list[tuple[str, str]]:
    return [(path.parent.name, path.read_text(encoding="utf-8"))
            for path in sorted(SAMPLE.glob("*/*.md"))]


OPTIONS = [{}, {"positions": True}, {"positions": True, "chars": True, "mode": "index"},
           {"positions": True, "boosts": True, "keeporiginal": True, "start_char": 3},
           {"positions": True, "removestops": False}, {"no_morph": True, "positions": True},
           {"tokenize": False}, {"mode": "query", "start_pos": 5, "positions": True}]


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_memoised_tokens_equal_the_plain_chain(lang, options):
    memoised, reference = ANALYZERS[lang](), plain(lang)
    assert isinstance(memoised, MemoAnalyzer)
    texts = TEXTS[lang] + TEXTS["fr" if lang == "en" else "en"]
    for _ in range(2):  # the second pass answers from the cache
        for text in texts:
            assert stream(memoised, text, **options) == stream(reference, text, **options)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_memoised_tokens_equal_the_plain_chain_on_the_sample_postings(lang):
    memoised, reference = ANALYZERS[lang](), plain(lang)
    for _folder, text in sample_texts():
        assert stream(memoised, text, positions=True) == stream(reference, text, positions=True)


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(analyzers, "MEMO_SIZE", 3)
    memoised, reference = ANALYZERS["fr"](), plain("fr")
    text = "un deux trois quatre cinq six sept huit neuf dix onze douze"
    assert stream(memoised, text, positions=True) == stream(reference, text, positions=True)
    assert len(memoised._memo) <= 3


def test_the_cache_is_not_pickled_with_the_schema():
    memoised = ANALYZERS["en"]()
    list(memoised("data analysts"))
    assert memoised._memo
    copy = pickle.loads(pickle.dumps(memoised))
    assert copy._memo == {} and copy == memoised
    assert [t.text for t in copy("data analysts")] == ["data", "analyst"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_positions_by_word_equal_the_token_stream(lang):
    memoised, reference = ANALYZERS[lang](), plain(lang)
    texts = TEXTS[lang] + [text for folder, text in sample_texts() if folder == lang] + ["", "."]
    for text in texts:
        expected: dict[str, list[int]] = {}
        for token in reference(text, positions=True):
            expected.setdefault(token.text, []).append(token.pos)
        assert memoised.positions(text) == expected


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_word_positions_format_writes_the_postings_of_whoosh_positions(lang):
    field = build_schema()[f"body_{lang}"]
    assert isinstance(field.format, WordPositions)
    reference = Positions(field_boost=field.format.field_boost)
    for text in TEXTS[lang] + [text for _, text in sample_texts()]:
        assert list(field.format.word_values(text, field.analyzer, mode="index")) == list(
            reference.word_values(text, plain(lang), mode="index"))
    title = build_schema()[f"title_{lang}"]
    assert list(title.format.word_values("The Data of DATA", title.analyzer, mode="index")) == list(
        Positions(field_boost=3.0).word_values("The Data of DATA", plain(lang), mode="index"))
