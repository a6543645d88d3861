"""Kept: the bounded cache behind every per-generation cache of the search."""

from jobboard.search.kept import Kept


def test_the_least_recently_used_value_goes_first():
    kept = Kept(lambda: 2)
    for key in "abc":
        assert kept.get(key, lambda k=key: k.upper()) == key.upper()
    assert list(kept) == ["b", "c"]
    kept.get("b", lambda: "never computed")
    kept.get("d", lambda: "D")
    assert list(kept) == ["b", "d"] and kept.get("b", lambda: "x") == "B"


def test_weights_bound_the_sum_and_the_newest_value_always_stays():
    kept = Kept(lambda: 10, weigh=len)
    kept.get("a", lambda: "aaaa")
    kept.get("b", lambda: "bbbbbb")
    assert list(kept) == ["a", "b"]
    kept.get("c", lambda: "c" * 50)  # heavier than the limit on its own
    assert list(kept) == ["c"]


def test_a_limit_of_zero_keeps_nothing_and_the_limit_is_read_at_each_insertion():
    limit = [0]
    kept = Kept(lambda: limit[0])
    assert kept.get("a", lambda: 1) == 1 and not kept
    limit[0] = 5
    kept.get("a", lambda: 1)
    assert "a" in kept and len(kept) == 1
    kept.clear()
    assert not kept


def test_compute_may_use_the_same_cache():
    kept = Kept(lambda: 10)
    assert kept.get("outer", lambda: kept.get("inner", lambda: 1) + 1) == 2
    assert list(kept) == ["inner", "outer"]
