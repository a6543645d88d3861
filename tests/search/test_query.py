import pytest

from jobboard.search.parse import QueryError
from jobboard.search.query import SearchRequest

ALL = {"status": ("all",)}


def slugs(index, today, **kwargs):
    results = index.search(SearchRequest(page_size=100, **kwargs), today=today)
    return [hit.slug for hit in results.hits]


def facet(results, name):
    group = next(g for g in results.facets if g.name == name)
    return {v.value: v.count for v in group.values}


@pytest.mark.parametrize(("accented", "plain"), [
    ("développeur", "developpeur"), ("données", "donnees"), ("sécurité", "securite"),
    ("équipe", "equipe"), ("employé", "employe"), ("télétravail", "teletravail"),
    ("développeuse", "developpeuse"), ("expérience utilisateur", "experience utilisateur"),
    ('"science des données"', '"science des donnees"'), ("économiste", "economiste"),
])
@pytest.mark.parametrize("fixture", ["sample_index", "corpus_index"])
def test_accentless_french_queries_equal_accented_ones(request, today, fixture, accented,
                                                       plain):
    index = request.getfixturevalue(fixture)
    with_accents = slugs(index, today, q=accented, ui_lang="fr", filters=ALL)
    assert with_accents == slugs(index, today, q=plain, ui_lang="fr", filters=ALL)
    if fixture == "sample_index" or accented in ("développeur", "équipe", "données"):
        assert with_accents, f"{accented} finds nothing"


def test_elisions_and_inclusive_forms_match(sample_index, today):
    found = slugs(sample_index, today, q="analyste", ui_lang="fr", filters=ALL)
    assert slugs(sample_index, today, q="l’analyste", ui_lang="fr", filters=ALL) == found
    assert "developpeur-euse-python-principal-e" in slugs(
        sample_index, today, q="développeuse", ui_lang="fr")


def test_each_posting_appears_once_in_the_ui_language(sample_index, today):
    for lang in ("en", "fr"):
        results = sample_index.search(SearchRequest(ui_lang=lang, filters=ALL, page_size=100),
                                      today=today)
        assert results.total == 25 == len({hit.key for hit in results.hits})
        others = [hit for hit in results.hits if hit.lang != lang]
        assert len(others) == 1 and others[0].translation is None
        assert all(hit.translation for hit in results.hits if hit.lang == lang
                   and hit.slug not in ("financial-analyst-cost-recovery",
                                        "analyste-financier-ere-principal-e"))


def test_french_query_finds_an_english_only_posting(sample_index, today):
    results = sample_index.search(SearchRequest(q="cost recovery", ui_lang="fr"), today=today)
    assert [(h.lang, h.slug) for h in results.hits] == [("en", "financial-analyst-cost-recovery")]


def test_english_ui_shows_the_english_version_of_a_french_match(sample_index, today):
    results = sample_index.search(SearchRequest(q="infonuagique", ui_lang="en"), today=today)
    assert (results.hits[0].lang, results.hits[0].slug) == ("en", "cloud-engineer")
    assert {hit.lang for hit in results.hits} == {"en"}
    assert results.hits[0].translation == ("fr", "ingenieur-e-infonuagique")


def test_query_syntax(sample_index, today):
    every = set(slugs(sample_index, today, q="data", filters=ALL))
    assert {"data-scientist", "student-junior-data-analyst"} <= every
    without = slugs(sample_index, today, q="data -student", filters=ALL)
    assert "student-junior-data-analyst" not in without and "data-scientist" in without
    either = set(slugs(sample_index, today, q="economist OR cloud", filters=ALL))
    assert {"senior-economist", "cloud-engineer"} <= either
    both = slugs(sample_index, today, q="economist cloud", filters=ALL)
    assert not set(both) >= {"senior-economist", "cloud-engineer"}
    prefix = set(slugs(sample_index, today, q="econom*", filters=ALL))
    assert {"senior-economist"} <= prefix
    phrase = slugs(sample_index, today, q='"service design"', filters=ALL)
    assert phrase and set(phrase) <= every | set(phrase)


def test_classification_in_the_query_matches_the_facet(sample_index, today):
    assert set(slugs(sample_index, today, q="IT-03")) == set(
        slugs(sample_index, today, filters={"classification": ("IT-03",)}))
    assert slugs(sample_index, today, q="cs 4", filters=ALL) == slugs(
        sample_index, today, q="IT-04", filters=ALL)


def test_status_defaults_to_open(sample_index, today):
    results = sample_index.search(SearchRequest(ui_lang="en"), today=today)
    assert results.total == 19
    status = facet(results, "status")
    assert status == {"open": 19, "closed": 3, "archived": 3}
    closed = slugs(sample_index, today, filters={"status": ("closed",)})
    assert sorted(closed) == ["citizen-services-officer", "product-manager", "senior-economist"]


def test_facets_are_disjunctive_or_within_and_across(sample_index, today):
    base = sample_index.search(SearchRequest(), today=today)
    chosen = sample_index.search(SearchRequest(filters={"classification": ("IT-03",)}),
                                 today=today)
    assert facet(chosen, "classification") == facet(base, "classification")
    assert facet(chosen, "classification")["IT-03"] == chosen.total == 5  # CS-03 counts
    both = sample_index.search(SearchRequest(filters={"classification": ("IT-03", "EC-05")}),
                               today=today)
    assert both.total == 6
    narrowed = sample_index.search(SearchRequest(filters={
        "classification": ("IT-03", "EC-05"), "tenure": ("term",)}), today=today)
    assert narrowed.total == facet(both, "tenure")["term"] == 2
    assert sum(facet(chosen, "language_requirement").values()) == chosen.total


def test_legacy_codes_facet_on_the_current_code_and_show_the_written_one(sample_index, today):
    results = sample_index.search(SearchRequest(filters={
        "classification": ("IT-04",), "status": ("all",)}), today=today)
    written = {hit.slug: dict(hit.classifications) for hit in results.hits}
    assert written["product-manager"]["IT-04"] == "CS-04"
    assert written["cloud-engineer"]["IT-04"] == "IT-04"
    group = next(g for g in results.facets if g.name == "classification")
    assert {v.group for v in group.values} >= {"IT", "CT-FIN", "EC"}
    assert not any(v.value.startswith(("CS", "FI-")) for v in group.values)


def test_facet_labels_follow_the_ui_language(sample_index, today):
    for lang, label in (("en", "Bilingual imperative"), ("fr", "Bilingue impératif")):
        results = sample_index.search(SearchRequest(ui_lang=lang), today=today)
        group = next(g for g in results.facets if g.name == "language_requirement")
        assert label in {v.label for v in group.values}
        assert any(v.value == "bilingual_imperative" for v in group.values)
        toggled = dict(results.request.toggled_params("language_requirement",
                                                      "bilingual_imperative"))
        assert toggled["language_requirement"] == "bilingual_imperative"


def test_sorts_and_pages(sample_index, today):
    newest = sample_index.search(SearchRequest(sort="newest", page_size=100), today=today)
    dates = [hit.date_posted for hit in newest.hits]
    assert dates == sorted(dates, reverse=True)
    closing = sample_index.search(SearchRequest(sort="closing", page_size=100), today=today)
    days = [hit.closing_date for hit in closing.hits if hit.closing_date]
    assert days == sorted(days) and closing.hits[-1].closing_date is None
    first = sample_index.search(SearchRequest(page_size=5), today=today)
    second = sample_index.search(SearchRequest(page_size=5, page=2), today=today)
    assert first.total == second.total and first.pages == 4
    assert not {h.uid for h in first.hits} & {h.uid for h in second.hits}


def test_relevance_puts_title_matches_first(sample_index, today):
    results = sample_index.search(SearchRequest(q="economist", filters=ALL), today=today)
    assert results.hits[0].slug == "senior-economist"
    assert "<mark>" in results.hits[0].snippet


def test_snippets_escape_html(sample_index, today):
    results = sample_index.search(SearchRequest(q="alert", filters=ALL), today=today)
    for hit in results.hits:
        assert "<script" not in hit.snippet and "<iframe" not in hit.snippet


def test_did_you_mean(sample_index, today):
    results = sample_index.search(SearchRequest(q="economits"), today=today)
    assert results.suggestion in ("economist", "economics")
    fixed = sample_index.search(SearchRequest(q=results.suggestion), today=today)
    assert fixed.total > 0 and results.total > 0  # the typo is tolerated
    assert sample_index.search(SearchRequest(q="economist"), today=today).suggestion is None


@pytest.mark.parametrize(("request_kwargs", "code"), [
    ({"q": "x" * 257}, "query_too_long"),
    ({"q": " ".join(f"w{i}" for i in range(33))}, "too_many_terms"),
    ({"q": '"((( ***'}, "no_terms"),
    ({"sort": "popularity"}, "bad_sort"),
    ({"page": 0}, "bad_page"),
    ({"page_size": 101}, "bad_page_size"),
    ({"filters": {"colour": ("red",)}}, "bad_filter"),
    ({"filters": {"status": ("deleted",)}}, "bad_filter"),
])
def test_bad_requests_raise_query_errors(sample_index, today, request_kwargs, code):
    with pytest.raises(QueryError) as error:
        sample_index.search(SearchRequest(**request_kwargs), today=today)
    assert error.value.code == code


@pytest.mark.parametrize("q", ["*", "-", "OR", "OR OR", '""', "a*", "-data", "(data)", "***x",
                               "\u200b", "l’", "'", "data OR", "\x00", "é" * 256])
def test_odd_queries_answer_without_exceptions(sample_index, today, q):
    try:
        sample_index.search(SearchRequest(q=q), today=today)
    except QueryError as error:
        assert error.code in ("no_terms",)


def test_unknown_filter_values_match_nothing(sample_index, today):
    assert sample_index.search(SearchRequest(filters={"classification": ("ZZ-99",)}),
                               today=today).total == 0


@pytest.mark.parametrize(("q", "lang", "expected"), [
    ("ingenieru", "fr", "ingénieur"),
    ("ingénieru", "fr", "ingénieur"),
    ("infonuagiqe données", "fr", "infonuagique données"),
])
def test_did_you_mean_ignores_accents_and_shows_them(sample_index, today, q, lang, expected):
    results = sample_index.search(SearchRequest(q=q, ui_lang=lang), today=today)
    assert results.suggestion == expected


@pytest.mark.parametrize("request_", [
    SearchRequest(),
    SearchRequest(q="data", sort="newest", page=3),
    SearchRequest(q="x", filters={"classification": ("IT-03", "AS-02"), "status": ("closed",),
                                  "location": ("ottawa",)}),
    SearchRequest(filters={"status": ("open", "archived"), "tenure": ("term",)}, page=2),
])
def test_facet_links_equal_the_toggled_requests(request_):
    for name in ("classification", "language_requirement", "location", "tenure", "department",
                 "status"):
        for value in ("IT-03", "AS-02", "open", "closed", "archived", "ottawa", "term", "new"):
            assert request_.toggled_params(name, value) == tuple(
                request_.toggled(name, value).params())
