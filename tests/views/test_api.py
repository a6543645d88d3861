"""The JSON API (jobboard/views/api.py): contract, combinations, limits, errors per language."""

from __future__ import annotations

import pytest

RESULT_KEYS = {"id", "translation_key", "lang", "title", "url", "classifications",
               "language_requirement", "language_profile", "snippet", "archived",
               "salary_min", "salary_max", "closing_date", "status"}
FACETS = {"classification", "language_requirement", "location", "tenure", "department",
          "who_can_apply", "status"}


def test_search_document_shape(client):
    response = client.get("/api/v1/search", query_string={"q": "developer", "lang": "en"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.json
    assert {"total", "page", "page_size", "results", "facets", "suggestion"} <= set(data)
    assert data["page"] == 1 and data["page_size"] == 5  # the app's PAGE_SIZE
    assert data["total"] >= len(data["results"]) > 0
    for hit in data["results"]:
        assert set(hit) >= RESULT_KEYS
        assert hit["url"].startswith(f"http://localhost/{hit['lang']}/")
        assert isinstance(hit["classifications"], list) and isinstance(hit["archived"], bool)
    assert set(data["facets"]) == FACETS
    for values in data["facets"].values():
        for value in values:
            assert set(value) >= {"value", "label", "count", "selected"}


def test_search_document_says_what_was_also_searched_and_corrected(client):
    data = client.get("/api/v1/search", query_string={"q": "dev", "lang": "fr"}).json
    assert "développeur" in data["also_searched"] and data["corrected_from"] is None
    data = client.get("/api/v1/search", query_string={"q": "pyhton", "status": "all"}).json
    assert (data["query"], data["corrected_from"]) == ("python", "pyhton") and data["total"]
    data = client.get("/api/v1/search", query_string={"q": "pyhton", "as_typed": "1"}).json
    assert (data["total"], data["corrected_from"], data["suggestion"]) == (0, None, "python")


@pytest.mark.parametrize("lang, label", [("en", "Bilingual imperative"),
                                         ("fr", "Bilingue impératif")])
def test_labels_follow_lang(client, lang, label):
    data = client.get("/api/v1/search", query_string={"lang": lang}).json
    labels = {v["value"]: v["label"] for v in data["facets"]["language_requirement"]}
    assert labels["bilingual_imperative"] == label


def test_every_url_in_results_resolves(client):
    data = client.get("/api/v1/search", query_string={"status": "all", "page_size": 100}).json
    assert data["total"] == len(data["results"]) > 20
    for hit in data["results"]:
        assert client.get(hit["url"].removeprefix("http://localhost")).status_code == 200


def test_repeated_parameters_or_within_and_across(client):
    def total(*pairs):
        return client.get("/api/v1/search", query_string=[*pairs, ("status", "all")]).json[
            "total"]

    a = total(("language_requirement", "english_essential"))
    b = total(("language_requirement", "french_essential"))
    assert total(("language_requirement", "english_essential"),
                 ("language_requirement", "french_essential")) == a + b
    across = client.get("/api/v1/search", query_string=[
        ("language_requirement", "bilingual_imperative"), ("tenure", "term"),
        ("status", "all"), ("page_size", 100)]).json
    assert across["results"]
    for hit in across["results"]:
        assert hit["language_requirement"] == "bilingual_imperative"
        assert client.get(f"/api/v1/postings/{hit['id']}").json["tenure"] == "term"


def test_status_defaults_to_open(client):
    default = client.get("/api/v1/search", query_string={"page_size": 100}).json
    explicit = client.get("/api/v1/search", query_string={"page_size": 100,
                                                          "status": "open"}).json
    assert default["total"] == explicit["total"]
    assert all(hit["status"] == "open" for hit in default["results"])
    archived = client.get("/api/v1/search", query_string={"status": "archived"}).json
    assert archived["total"] >= 1 and all(hit["archived"] for hit in archived["results"])
    everything = client.get("/api/v1/search", query_string={"status": "all"}).json
    assert everything["total"] > default["total"]


def test_page_size_and_pages(client):
    first = client.get("/api/v1/search", query_string={"page_size": 3, "status": "all"}).json
    second = client.get("/api/v1/search", query_string={"page_size": 3, "page": 2,
                                                        "status": "all"}).json
    assert len(first["results"]) == len(second["results"]) == 3
    assert not {h["id"] for h in first["results"]} & {h["id"] for h in second["results"]}
    biggest = client.get("/api/v1/search", query_string={"page_size": 100}).json
    assert biggest["page_size"] == 100


@pytest.mark.parametrize("query, code", [
    ({"page_size": 101}, "bad_page_size"),
    ({"page_size": 0}, "bad_page_size"),
    ({"page_size": "lots"}, "bad_page_size"),
    ({"page": 0}, "bad_page"),
    ({"page": "two"}, "bad_page"),
    ({"sort": "popularity"}, "bad_sort"),
    ({"q": "x" * 257}, "query_too_long"),
    ({"status": "pending"}, "bad_filter"),
    ({"lang": "de"}, "bad_lang"),
    ({"sle": "ZZZ"}, "bad_sle"),
    ({"sle": "BB"}, "bad_sle"),
    ({"sle": "BBB", "sle_lang": "de"}, "bad_sle_lang"),
    ({"salary_min": "lots"}, "bad_salary_min"),
    ({"salary_min": "-5"}, "bad_salary_min"),
    ({"posted": "3"}, "bad_posted"),
    ({"posted": "week"}, "bad_posted"),
])
def test_bad_input_is_a_400_error_document(client, query, code):
    response = client.get("/api/v1/search", query_string=query)
    assert response.status_code == 400 and response.mimetype == "application/json"
    assert response.json["error"]["code"] == code
    assert response.json["error"]["message"]


@pytest.mark.parametrize("lang, message", [
    ("en", "The page size must be a whole number from 1 to 100."),
    ("fr", "La taille de page doit être un nombre entier de 1 à 100."),
])
def test_error_message_is_in_the_requested_language(client, lang, message):
    response = client.get("/api/v1/search", query_string={"lang": lang, "page_size": 500})
    assert response.json["error"]["message"] == message


def test_error_language_falls_back_to_accept_language(client):
    response = client.get("/api/v1/search", query_string={"sort": "x"},
                          headers={"Accept-Language": "fr-CA,fr;q=0.9"})
    assert response.json["error"]["message"].startswith("L’ordre de tri")


def test_unknown_filter_values_match_nothing(client):
    data = client.get("/api/v1/search", query_string={"classification": "ZZ-99"}).json
    assert data["total"] == 0 and data["results"] == []


def test_posting_document(client):
    data = client.get("/api/v1/postings/en-senior-python-developer").json
    assert data["id"] == "en-senior-python-developer"
    assert data["title"] == "Senior Python Developer"
    assert data["classifications"] == ["IT-03"]
    assert data["salary_min"] == 88000 and data["closing_date"] == "2027-01-15"
    assert data["url"] == "http://localhost/en/jobs/senior-python-developer"
    assert data["translation"] == {
        "id": "fr-developpeur-euse-python-principal-e",
        "url": "http://localhost/fr/emplois/developpeur-euse-python-principal-e"}
    hostile = client.get("/api/v1/postings/en-front-end-developer").json
    assert "<script" in hostile["body_markdown"] and "<script" not in hostile["body_html"]


@pytest.mark.parametrize("lang, message", [("en", "There is no posting with this id."),
                                           ("fr", "Aucune offre ne porte cet identifiant.")])
def test_unknown_posting_is_a_404_error_document(client, lang, message):
    response = client.get("/api/v1/postings/en-nothing-here", query_string={"lang": lang})
    assert response.status_code == 404
    assert response.json == {"error": {"code": "not_found", "message": message}}


def test_unknown_api_path_is_json(client):
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404 and response.json["error"]["code"] == "not_found"


def test_api_is_readable_from_other_sites(client):
    assert client.get("/api/v1/search").headers["Access-Control-Allow-Origin"] == "*"
