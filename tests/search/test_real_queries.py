"""Real postings: codes in the query are exact; feminine titles find masculine ones."""

import pytest

from jobboard.search.query import SearchRequest

ALL = {"status": ("all",)}


def found(index, today, q, lang="en"):
    results = index.search(SearchRequest(q=q, ui_lang=lang, filters=ALL, page_size=100),
                           today=today)
    return results.hits


@pytest.mark.parametrize(("q", "code"), [("AS-02", "AS-02"), ("IT-02", "IT-02"),
                                          ("cs 2", "IT-02"), ("is4", "IS-04"), ("EC-07", "EC-07")])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_code_finds_that_group_and_level_only(corpus_index, today, q, code, lang):
    hits = found(corpus_index, today, q, lang)
    assert hits
    assert all(code in {current for current, _written in hit.classifications} for hit in hits)


def test_a_code_does_not_match_its_level_as_a_bare_number(corpus_index, today):
    keys = {hit.key for hit in found(corpus_index, today, "AS-02")}
    assert "2022-aug-tech-ops-analyst" not in keys  # IT-02
    assert "visual-storytelling-advisor-apr-2022" not in keys  # IS-02
    assert "people-ops-coordinator" in keys


EC = {"2022-dec-research-ops", "partnerships-advisor", "policy-advisor", "policy-delivery-lead",
      "research-evaluation-partnerships-service-design-insight", "senior-design-researcher",
      "senior-policy-advisor", "Senior-Policy-Advisor-winter2022",
      "sr-stakeholder-relations-advisor-april-2022"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_bare_group_means_the_occupational_group(corpus_index, today, lang):
    assert {hit.key for hit in found(corpus_index, today, "EC", lang)} == EC
    legacy = found(corpus_index, today, "CS", "en")
    assert legacy and all(any(current.startswith("IT-") for current, _ in hit.classifications)
                          for hit in legacy)


def test_ex_does_not_match_the_french_abbreviation_p_ex(corpus_index, today):
    # "p. ex." is in the French temporary developer postings; no posting is EX.
    assert found(corpus_index, today, "EX", "fr") == ()
    assert found(corpus_index, today, "EX", "en") == ()


def test_a_group_typed_in_lower_case_inside_words_stays_a_word(corpus_index, today):
    # "it" is an English stop word: "IT strategist" with the group would find nothing (the
    # strategist posting has no classification); in lower case it is the words.
    keys = {hit.key for hit in found(corpus_index, today, "it strategist")}
    assert "it-senior-strategist-feb-2022" in keys


def test_feminine_titles_find_the_postings_written_in_the_masculine(corpus_index, today):
    # The corpus writes "Chef de cabinet" and, in one body, "la cheffe de la gestion de
    # portefeuille": each form finds the other.
    assert "chef-de-cabinet" in {h.key for h in found(corpus_index, today, "cheffe de cabinet",
                                                      "fr")}
    assert "research-evaluation-partnerships-service-design-insight" in {
        h.key for h in found(corpus_index, today, '"chef de la gestion de portefeuille"', "fr")}
