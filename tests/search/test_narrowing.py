"""SLE results, minimum salary, date posted and the salary sort, checked against the postings
themselves (read with load_all, not through the index)."""

import datetime as dt
from pathlib import Path

import pytest

from jobboard import sle
from jobboard.postings import load_all
from jobboard.search.parse import QueryError
from jobboard.search.query import SearchRequest

SAMPLE = Path(__file__).resolve().parents[2] / "content"
ALL = {"status": ("all",)}


@pytest.fixture(scope="module")
def shown():
    """The sample's postings as the English page shows them: one per key, English first."""
    by_key = {}
    for posting in sorted(load_all(SAMPLE).postings, key=lambda p: p.lang != "en"):
        by_key.setdefault(posting.key, posting)
    return by_key


def search(index, today, **kwargs):
    kwargs.setdefault("filters", ALL)
    return index.search(SearchRequest(page_size=100, **kwargs), today=today)


@pytest.mark.parametrize(("results", "lang"), [("BBB", "fr"), ("CBC", "fr"), ("CCC", "en"),
                                              ("XXX", "fr"), ("EEE", "en")])
def test_sle_keeps_what_the_rule_keeps_and_groups_unstated_last(
        sample_index, today, shown, results, lang):
    found = search(sample_index, today, sle=results, sle_lang=lang)
    expected = {key: sle.verdict(results, lang, p.language_requirement, p.language_profile)
                for key, p in shown.items()}
    assert {hit.key: hit.sle_group for hit in found.hits} == {
        key: verdict for key, verdict in expected.items() if verdict}
    groups = [hit.sle_group for hit in found.hits]
    assert groups == sorted(groups, key=[sle.MEETS, sle.UNSTATED].index)
    assert found.unstated == groups.count(sle.UNSTATED)
    assert found.total == len(found.hits)


def test_sle_facet_counts_count_what_is_listed(sample_index, today):
    found = search(sample_index, today, sle="BBB")
    for group in found.facets:
        if group.name == "status":
            continue
        for value in group.values:
            listed = search(sample_index, today, sle="BBB",
                            filters={**ALL, group.name: (value.value,)})
            assert value.count == listed.total, (group.name, value.value)


def test_sle_language_defaults_to_the_other_one_than_the_page(sample_index, today):
    english_page = search(sample_index, today, sle="CCC", ui_lang="en")
    assert english_page.request.sle_lang == "fr"
    assert ("sle_lang", "fr") in english_page.request.params()
    french_page = search(sample_index, today, sle="CCC", ui_lang="fr")
    assert french_page.request.sle_lang == "en"
    assert {h.key for h in english_page.hits} != {h.key for h in french_page.hits}


@pytest.mark.parametrize("amount", [0, 90000, 100000, 150000, 10**6])
def test_salary_min_keeps_postings_whose_top_salary_reaches_it(
        sample_index, today, shown, amount):
    found = search(sample_index, today, salary_min=amount)
    assert {hit.key for hit in found.hits} == {
        key for key, p in shown.items() if (p.salary_max or 0) >= amount}
    assert all((hit.salary_max or 0) >= amount for hit in found.hits)


@pytest.mark.parametrize("days", [1, 7, 30])
def test_posted_keeps_postings_posted_that_many_days_ago_or_less(
        sample_index, today, shown, days):
    found = search(sample_index, today, posted=days)
    expected = {key for key, p in shown.items()
                if p.date_posted and (today - p.date_posted).days <= days}
    assert expected and {hit.key for hit in found.hits} == expected


def test_range_choices_count_like_facets(sample_index, today):
    found = search(sample_index, today, salary_min=100000)
    salary, posted = found.ranges
    assert [v.value for v in salary.values if v.selected] == ["100000"]
    for value in salary.values:
        amount = int(value.value) if value.value else None
        assert value.count == search(sample_index, today, salary_min=amount).total
    for value in posted.values:
        days = int(value.value) if value.value else None
        assert value.count == search(sample_index, today, salary_min=100000,
                                     posted=days).total


def test_salary_steps_come_from_the_postings(sample_index, today, shown):
    salary = search(sample_index, today).ranges[0]
    amounts = [int(v.value) for v in salary.values if v.value]
    tops = [p.salary_max for p in shown.values() if p.salary_max and p.salary_max >= 10000]
    assert amounts[0] <= min(tops) < amounts[0] + (amounts[1] - amounts[0])
    assert amounts[-1] <= max(tops)
    assert 2 <= len(amounts) <= 11


def test_salary_sort_is_highest_first_and_unstated_last(sample_index, today):
    hits = search(sample_index, today, sort="salary").hits
    pay = [max(h.salary_max or 0, h.salary_min or 0) for h in hits]
    assert pay == sorted(pay, reverse=True) and pay[0] > pay[-1]


def test_new_and_closes_in(sample_index, shown):
    day = dt.date(2026, 12, 15)
    hits = {hit.key: hit for hit in search(sample_index, day).hits}
    for key, hit in hits.items():
        posting = shown[key]
        age = (day - posting.date_posted).days if posting.date_posted else None
        left = (posting.closing_date - day).days if posting.closing_date else None
        assert hit.new == (age is not None and 0 <= age <= 7)
        assert hit.closes_in == (left if hit.status == "open" and left is not None
                                 and left <= 7 else None)
    assert any(hit.closes_in is not None for hit in hits.values())


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"sle": "ZZZ"}, "bad_sle"), ({"sle": "BB"}, "bad_sle"),
    ({"sle": "BBB", "sle_lang": "de"}, "bad_sle_lang"),
    ({"salary_min": -1}, "bad_salary_min"), ({"posted": 3}, "bad_posted"),
])
def test_bad_values_raise_query_errors(sample_index, today, kwargs, code):
    with pytest.raises(QueryError) as raised:
        sample_index.search(SearchRequest(**kwargs), today=today)
    assert raised.value.code == code
