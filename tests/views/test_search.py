"""The search page (jobboard/views/search.py): parsing, states, facets, toggle, errors."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from helpers import assert_page
from werkzeug.datastructures import MultiDict

from jobboard.langs import LANGS
from jobboard.search.parse import QueryError
from jobboard.search.query import SearchRequest
from jobboard.views.search import page_numbers, parse_search

SEARCH = {"en": "/en/jobs", "fr": "/fr/emplois"}


@pytest.mark.parametrize("pairs, expected", [
    ([], SearchRequest(ui_lang="en", page_size=5)),
    ([("q", " python ")], SearchRequest(q="python", ui_lang="en", page_size=5)),
    ([("classification", "IT-03"), ("classification", "IT-04"), ("tenure", "term")],
     SearchRequest(ui_lang="en", page_size=5,
                   filters={"classification": ("IT-03", "IT-04"), "tenure": ("term",)})),
    ([("classification", ""), ("status", "all")],
     SearchRequest(ui_lang="en", page_size=5, filters={"status": ("all",)})),
    ([("sort", "closing"), ("page", "3")],
     SearchRequest(ui_lang="en", sort="closing", page=3, page_size=5)),
    ([("utm_source", "x"), ("page_size", "50")], SearchRequest(ui_lang="en", page_size=5)),
    ([("q", "a\x00b\x1fc")], SearchRequest(q="abc", ui_lang="en", page_size=5)),
])
def test_parse_search(pairs, expected):
    assert parse_search(MultiDict(pairs), "en", 5) == expected


def test_parse_search_reads_page_size_only_when_allowed():
    args = MultiDict([("page_size", "50")])
    assert parse_search(args, "fr", 20, allow_page_size=True).page_size == 50
    assert parse_search(args, "fr", 20).page_size == 20


@pytest.mark.parametrize("pairs, code", [
    ([("page", "two")], "bad_page"),
    ([("page", "1.5")], "bad_page"),
    ([("page", "-1")], "bad_page"),
    ([("page", "9" * 30)], "bad_page"),
    ([("page_size", "ten")], "bad_page_size"),
    ([("q", "x" * 257)], "query_too_long"),
])
def test_parse_search_rejects_malformed_values(pairs, code):
    with pytest.raises(QueryError) as caught:
        parse_search(MultiDict(pairs), "en", 20, allow_page_size=True)
    assert caught.value.code == code


@pytest.mark.parametrize("current, last, expected", [
    (1, 1, [1]),
    (1, 3, [1, 2, 3]),
    (1, 12, [1, 2, 3, None, 12]),
    (6, 12, [1, None, 4, 5, 6, 7, 8, None, 12]),
    (4, 12, [1, 2, 3, 4, 5, 6, None, 12]),
    (12, 12, [1, None, 10, 11, 12]),
])
def test_page_numbers(current, last, expected):
    assert page_numbers(current, last) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_empty_search_lists_open_jobs(client, lang):
    page = assert_page(client.get(SEARCH[lang]), lang=lang)
    assert 'role="status"' in page.html and 'id="result-count"' in page.html
    assert '<label for="q">' in page.html
    assert page.html.count("<fieldset") >= 5  # facets (and classification groups)
    for legend in ("Classification", "Status") if lang == "en" else ("Classification", "Statut"):
        assert f"<legend>{legend}</legend>" in page.html


@pytest.mark.parametrize("lang, query", [("en", "developer"), ("fr", "développeur")])
def test_search_highlights_matches(client, lang, query):
    page = assert_page(client.get(SEARCH[lang], query_string={"q": query}), lang=lang)
    assert "<mark>" in page.html
    assert 'class="result"' in page.html


def test_classification_facet_is_grouped_by_occupational_group(client):
    html = client.get("/en/jobs", query_string={"status": "all"}).get_data(as_text=True)
    assert "<legend>Information Technology (IT)</legend>" in html
    assert 'name="classification" value="IT-03"' in html
    html = client.get("/fr/emplois", query_string={"status": "all"}).get_data(as_text=True)
    assert "<legend>Technologies de l’information (IT)</legend>" in html


@pytest.mark.parametrize("lang, text", [("en", "Remove filter: "),
                                        ("fr", "Retirer le filtre\u00a0: ")])
def test_selected_filters_become_removable_chips(client, lang, text):
    response = client.get(SEARCH[lang], query_string=[("classification", "IT-03"),
                                                      ("classification", "IT-04")])
    page = assert_page(response, lang=lang)
    assert 'value="IT-03" form="search" checked' in page.html
    chips = [link for link in page.links if link.get("class") == "chip"]
    assert len(chips) == 2
    assert f'<span class="visually-hidden">{text}</span>IT-03' in page.html
    removed = dict(parse_qsl(urlsplit(chips[0]["href"]).query))
    assert removed == {"classification": "IT-04"}
    clear = next(link for link in page.links if link.get("class") == "clear-all")
    assert clear["href"] == SEARCH[lang]


def test_filters_combine_or_within_and_across(client):
    def ids(pairs):
        found = client.get("/api/v1/search", query_string=[
            *pairs, ("status", "all"), ("page_size", "100")]).json["results"]
        return {hit["id"]: hit for hit in found}

    it01, it02 = ids([("classification", "IT-01")]), ids([("classification", "IT-02")])
    either = ids([("classification", "IT-01"), ("classification", "IT-02")])
    assert it01 and it02 and set(either) == set(it01) | set(it02)
    narrowed = ids([("classification", "IT-01"), ("classification", "IT-02"),
                    ("tenure", "indeterminate")])
    assert set(narrowed) == {uid for uid in either
                             if client.get(f"/api/v1/postings/{uid}").json["tenure"]
                             == "indeterminate"}
    assert narrowed and len(narrowed) < len(either)


def test_closed_and_archived_are_hidden_unless_asked(client):
    default = client.get("/api/v1/search", query_string={"page_size": 100}).json
    assert {hit["status"] for hit in default["results"]} == {"open"}
    everything = client.get("/api/v1/search", query_string={"status": "all",
                                                            "page_size": 100}).json
    assert {"open", "closed", "archived"} <= {hit["status"] for hit in everything["results"]}
    html = client.get("/en/jobs", query_string={"status": "archived"}).get_data(as_text=True)
    assert 'class="badge badge--archived">Archived' in html


@pytest.mark.parametrize("lang, label", [("en", "French only"),
                                         ("fr", "En anglais seulement")])
def test_posting_in_the_other_language_is_labelled(client, lang, label):
    query = "analyste financier" if lang == "en" else "cost recovery"
    page = assert_page(client.get(SEARCH[lang], query_string={"q": query}), lang=lang)
    other = "fr" if lang == "en" else "en"
    assert label in page.html
    assert any(link.get("lang") == other and link.get("hreflang") == other
               and link["href"].startswith(f"/{other}/") for link in page.links)


@pytest.mark.parametrize("lang, query, tip", [
    ("en", "zzyzx qwv", "Check the spelling"),
    ("fr", "zzyzx qwv", "Vérifiez l’orthographe"),
])
def test_zero_results_page_helps(client, lang, query, tip):
    page = assert_page(client.get(SEARCH[lang], query_string={
        "q": query, "classification": "IT-03"}), lang=lang)
    assert tip in page.html
    assert "0 jobs found" in page.html or "0 emploi trouvé" in page.html
    other = "fr" if lang == "en" else "en"
    other_search = [link for link in page.links if link.get("hreflang") == other
                    and link["href"].startswith(SEARCH[other])]
    assert any("q=zzyzx" in link["href"] for link in other_search)
    assert any("status=all" in link["href"] for link in page.links)


@pytest.mark.parametrize("lang, typo, fixed", [("en", "pithon", "python"),
                                               ("fr", "econimiste", "économiste")])
def test_did_you_mean_links_to_the_corrected_search(client, lang, typo, fixed):
    response = client.get(SEARCH[lang], query_string={"q": typo, "tenure": "indeterminate"})
    page = assert_page(response, lang=lang)
    words = "Did you mean" if lang == "en" else "Vouliez-vous dire"
    assert words in page.html
    link = next(link for link in page.links if f">{fixed}</a>" in page.html
                and dict(parse_qsl(urlsplit(link.get("href", "")).query)).get("q") == fixed)
    assert dict(parse_qsl(urlsplit(link["href"]).query)) == {"q": fixed, "tenure": "indeterminate"}


def test_sort_menu_submits_the_default_as_empty(client):
    html = client.get("/en/jobs", query_string={"q": "analyst"}).get_data(as_text=True)
    assert '<option value="" selected>Best match</option>' in html
    assert '<option value="newest">Newest</option>' in html
    html = client.get("/en/jobs", query_string={"sort": "closing"}).get_data(as_text=True)
    assert '<option value="">Newest</option>' in html
    assert '<option value="closing" selected>Closing soonest</option>' in html
    assert "Best match" not in html  # meaningless without words


def test_sort_changes_the_order(client):
    newest = client.get("/api/v1/search", query_string={"sort": "newest"}).json["results"]
    closing = client.get("/api/v1/search", query_string={"sort": "closing"}).json["results"]
    dates = [hit["closing_date"] for hit in closing if hit["closing_date"]]
    assert dates == sorted(dates)
    assert [h["id"] for h in newest] != [h["id"] for h in closing]


@pytest.mark.parametrize("lang", LANGS)
def test_pagination_marks_the_current_page(client, lang):
    page = assert_page(client.get(SEARCH[lang], query_string={"page": 2}), lang=lang)
    assert '<nav class="pagination" aria-label=' in page.html
    current = [link for link in page.links if link.get("aria-current") == "page"]
    assert len(current) == 1 and "page=2" in current[0]["href"]
    assert any(link.get("rel") == "prev" for link in page.links)


def test_page_past_the_end_offers_the_first_page(client):
    page = assert_page(client.get("/en/jobs", query_string={"page": 999}))
    assert "There are no results on this page." in page.html


@pytest.mark.parametrize("lang", LANGS)
def test_language_toggle_keeps_the_whole_search(client, lang):
    other = "fr" if lang == "en" else "en"
    state = [("q", "analyste"), ("classification", "EC-04"), ("classification", "EC-05"),
             ("location", "ottawa-on"), ("sort", "closing"), ("page", "2")]
    page = assert_page(client.get(SEARCH[lang], query_string=state), lang=lang)
    toggle = next(link for link in page.links if link.get("hreflang") == other
                  and link.get("lang") == other)
    target = urlsplit(toggle["href"])
    assert target.path == SEARCH[other]
    assert parse_qsl(target.query) == state
    back = assert_page(client.get(toggle["href"]), lang=other)
    toggle_back = next(link for link in back.links if link.get("hreflang") == lang
                       and link.get("lang") == lang)
    assert urlsplit(toggle_back["href"]).path == SEARCH[lang]
    assert parse_qsl(urlsplit(toggle_back["href"]).query) == state


@pytest.mark.parametrize("lang", LANGS)
def test_query_is_escaped_everywhere(client, lang):
    hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    html = client.get(SEARCH[lang], query_string={"q": hostile}).get_data(as_text=True)
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("lang, message", [
    ("en", "Your search is longer than 256 characters."),
    ("fr", "Votre recherche dépasse 256 caractères."),
])
def test_too_long_query_is_shown_next_to_the_box(client, lang, message):
    page = assert_page(client.get(SEARCH[lang], query_string={"q": "word " * 60}), 400, lang)
    assert message in page.html
    assert 'aria-invalid="true"' in page.html and 'aria-describedby="q-hint q-error"' in page.html
    assert '<a href="#q">' in page.html  # the error summary links to the field


@pytest.mark.parametrize("query", [
    {"page": "abc"}, {"page": "0"}, {"page": "1001"}, {"page": "1e3"}, {"sort": "cheapest"},
    {"status": "pending"}, {"classification": "x" * 100}, {"q": "!!! ???"},
    {"classification": [f"IT-{n:02d}" for n in range(60)]}, {"q": "-"}, {"q": "x" * 5000},
])
@pytest.mark.parametrize("lang", LANGS)
def test_bad_parameters_give_400_never_500(client, lang, query):
    assert_page(client.get(SEARCH[lang], query_string=query), 400, lang)


def test_bad_request_page_says_what_was_wrong_in_french(client):
    page = assert_page(client.get("/fr/emplois", query_string={"page": "deux"}), 400, "fr")
    assert "La page doit être un nombre entier de 1 à 1000." in page.html


def test_unknown_filter_values_match_nothing(client):
    page = assert_page(client.get("/en/jobs", query_string={"department": "nowhere"}))
    assert "0 jobs found" in page.html


def test_feed_link_is_advertised(client):
    html = client.get("/en/jobs", query_string={"q": "python", "page": 2}).get_data(True)
    assert ('<link rel="alternate" type="application/atom+xml" '
            'href="/en/jobs/feed.atom?q=python"') in html
