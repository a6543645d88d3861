import pytest

from jobboard import sle


@pytest.mark.parametrize(("text", "results"), [
    ("BBC", "BBC"), (" cbc ", "CBC"), ("EEX", "EEX"), ("ZZZ", None), ("BB", None),
    ("BBBB", None), ("B-B", None), ("", None),
])
def test_parse_results(text, results):
    assert sle.parse_results(text) == results


@pytest.mark.parametrize(("results", "lang", "requirement", "profile", "verdict"), [
    # results in French: an English speaker
    ("BBB", "fr", "bilingual_imperative", "BBB/BBB", sle.MEETS),
    ("BBB", "fr", "bilingual_imperative", "CBC/CBC", None),
    ("CBC", "fr", "bilingual_non_imperative", "CBC/CBC", sle.MEETS),
    ("CBC", "fr", "bilingual_imperative", "CBC/BBB", sle.MEETS),  # the French half counts
    ("BBB", "fr", "bilingual_imperative", "BBB/CBC", None),
    ("CCC", "fr", "english_essential", None, sle.MEETS),
    ("CCC", "fr", "french_essential", None, None),
    ("EEE", "fr", "french_essential", None, sle.MEETS),  # exempt: first-language level
    ("XXX", "fr", "english_or_french_essential", None, sle.MEETS),
    ("CCC", "fr", "bilingual", None, sle.UNSTATED),
    ("CCC", "fr", "various", None, sle.UNSTATED),
    ("CCC", "fr", None, None, sle.UNSTATED),
    ("CCC", "fr", None, "BBB/BBB", sle.MEETS),
    ("XXX", "fr", "various", "AAA/AAA", None),
    # results in English: a French speaker
    ("CCC", "en", "french_essential", None, sle.MEETS),
    ("CCC", "en", "english_essential", None, None),
    ("BBB", "en", "bilingual_imperative", "CBC/BBB", None),  # the English half counts
    ("CBC", "en", "bilingual_imperative", "CBC/BBB", sle.MEETS),
])
def test_verdict_follows_the_documented_rule(results, lang, requirement, profile, verdict):
    assert sle.verdict(results, lang, requirement, profile) == verdict
