"""The synthetic postings: deterministic, paired, valid for the loader, French typography."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import MAX_WORDS, MIN_WORDS, BodyWords, generate
from jobboard.postings import load_all
from jobboard.taxonomy import LANGUAGE_REQUIREMENTS

DOCUMENTS = 120
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("bench"), DOCUMENTS, seed=7).content_dir


def _files(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in content.rglob("*.md")}


def test_same_seed_same_bytes_and_other_seed_other_bytes(corpus, tmp_path):
    # another process with another string-hash seed: set order must not change the draws
    subprocess.run([sys.executable, "-m", "benchmarks.generate", str(tmp_path / "again"),
                    "--documents", str(DOCUMENTS), "--seed", "7"], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONHASHSEED": "12345"}, capture_output=True)
    again = tmp_path / "again" / "content"
    other = generate(tmp_path / "other", DOCUMENTS, seed=8).content_dir
    assert _files(again) == _files(corpus)
    assert _files(other) != _files(corpus)


def test_a_smaller_corpus_is_the_start_of_a_larger_one(corpus, tmp_path):
    small = _files(generate(tmp_path / "small", 40, seed=7).content_dir)
    assert len(small) == 40
    assert all(_files(corpus)[name] == data for name, data in small.items())


def test_n_counts_documents_mostly_in_pairs_sharing_translation_key(corpus):
    langs_of: dict[str, set[str]] = {}
    loaded = load_all(corpus)
    for posting in loaded.postings:
        langs_of.setdefault(posting.key, set()).add(posting.lang)
    assert len(loaded.postings) == DOCUMENTS
    numbers = {key: int(key.rsplit("-", 1)[1]) for key in langs_of}
    singles = sorted(numbers[key] for key, langs in langs_of.items() if len(langs) == 1)
    # one posting in 50 has one language; the last may be cut to make N exact
    last = max(numbers.values())
    assert singles == [*range(49, last, 50), last]
    assert langs_of["bench-000049"] == {"en"}


def test_front_matter_loads_without_problems_with_every_structured_field(corpus):
    loaded = load_all(corpus)
    assert loaded.problems == [] and loaded.failed_paths == set()
    for posting in loaded.postings:
        assert posting.classifications and posting.classification_source == "front matter"
        assert posting.language_requirement in LANGUAGE_REQUIREMENTS
        assert posting.locations and posting.tenure and posting.department
        assert posting.salary_min < posting.salary_max
        assert isinstance(posting.closing_date, dt.date)
        assert posting.date_posted <= posting.closing_date
        if posting.language_requirement.startswith("bilingual"):
            assert re.fullmatch(r"[ABC]{3}/[ABC]{3}", posting.language_profile)
    french = [p for p in loaded.postings if p.lang == "fr"]
    assert any("(Ontario)" in place for p in french for place in p.locations)
    assert {p.tenure for p in loaded.postings} >= {"indeterminate", "term"}


def test_bodies_have_the_right_length_and_french_typography(corpus):
    loaded = load_all(corpus)
    for posting in loaded.postings:
        assert MIN_WORDS <= len(posting.body.split()) <= MAX_WORDS, posting.path
    french = " ".join(p.body for p in loaded.postings if p.lang == "fr")
    for form in ("l’", "d’", "qu’", "·e", "é", "è", "à", "ç"):
        assert form in french, form
    assert re.search(r"\w+·\w+", french)  # inclusive forms such as candidat·e·s
    english = " ".join(p.body for p in loaded.postings if p.lang == "en")
    assert "l’" not in english and "·" not in english


def test_body_words_median_gives_real_postings_spread_and_long_tail(tmp_path):
    content = generate(tmp_path, 400, seed=3, body_words=BodyWords.parse("750")).content_dir
    lengths = sorted(len(path.read_text(encoding="utf-8").split("---", 2)[2].split())
                     for path in content.rglob("*.md"))
    median = lengths[len(lengths) // 2]
    assert 600 <= median <= 900
    assert lengths[-1] >= 5000  # the long tail real postings have


@pytest.mark.parametrize("text", ["750x", "50", "800-300", "300-350", ""])
def test_body_words_rejects_what_it_cannot_draw(text):
    with pytest.raises(ValueError, match="body words"):
        BodyWords.parse(text)


def test_body_words_range_is_the_default():
    assert BodyWords.parse("300-800") == BodyWords()
