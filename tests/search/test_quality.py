"""Search quality on the labelled real-posting queries (tests/data/search_queries.yaml)."""

import pytest

from benchmarks import quality

# The figures measured when the floors were last raised (README "Search quality"), less a margin
# for ties that move when the corpus index changes; a change that loses queries fails here.
KINDS = ("title", "synonym", "crosslang", "abbreviation", "typo", "gender", "code", "filter")
FLOORS = {"tuning": (0.90, 0.88), "heldout": (0.90, 0.88)}


@pytest.fixture(scope="module")
def outcomes(corpus_index):
    return quality.run(corpus_index, quality.load())


def test_the_set_is_large_bilingual_and_split_before_tuning():
    queries = quality.load()
    assert len(queries) >= 80
    assert {q.lang for q in queries} == {"en", "fr"}
    assert len({q.id for q in queries}) == len(queries)
    for part in quality.PARTS:
        categories = {q.category for q in queries if q.part == part}
        assert set(KINDS) <= categories


@pytest.mark.parametrize("part", quality.PARTS)
def test_success_and_ndcg_stay_above_their_floors(outcomes, part):
    count, success, ndcg = quality.summary(outcomes)[part]
    floor_success, floor_ndcg = FLOORS[part]
    assert success >= floor_success, (part, success)
    assert ndcg >= floor_ndcg, (part, ndcg)


def test_outcome_scores_follow_the_definitions():
    query = quality.Labelled(0, "tuning", "title", "en", "x", {}, ("a", "b"), ("z",))
    assert quality.Outcome(query, ("a", "b")).success
    assert quality.Outcome(query, ("a", "b")).ndcg == pytest.approx(1.0)
    assert not quality.Outcome(query, ("a", "z", "b")).success
    assert quality.Outcome(query, ("c", "a")).ndcg < quality.Outcome(query, ("a", "c")).ndcg
    assert quality.Outcome(query, ()).ndcg == 0.0
