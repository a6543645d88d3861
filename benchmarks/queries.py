"""The fixed mix of searches every benchmark runs: (category, SearchRequest), 71 of them.

Categories cover what candidates do: English words, French with and without accents (and
feminine forms), quoted phrases, prefixes, OR/exclusion, typos (tolerated, corrected or
suggested), synonyms and abbreviations (equivalents searched too),
facet filters, sorts, browsing with no query, later pages, rare proper nouns.
"""

from __future__ import annotations

from urllib.parse import urlencode

from benchmarks.generate import NAMES
from jobboard.search.query import SearchRequest

COMMON_NAME, RARE_NAME = NAMES.items[0], NAMES.items[900]


def _r(q: str = "", lang: str = "en", sort: str = "", page: int = 1, **filters) -> SearchRequest:
    return SearchRequest(q=q, ui_lang=lang, sort=sort, page=page,
                         filters={name: tuple(v.split("|")) for name, v in filters.items()})


MIX: tuple[tuple[str, SearchRequest], ...] = (
    *(("en_word", _r(q)) for q in (
        "developer", "data", "security", "policy", "accessibility", "budget", "passport",
        "kubernetes", "economist", "research", "python sql", "cloud infrastructure")),
    *(("fr_accents", _r(q, "fr")) for q in (
        "développeur", "données", "sécurité", "économiste", "accessibilité", "prestations",
        "réglementation")),
    *(("fr_no_accents", _r(q, "fr")) for q in (
        "developpeur", "donnees", "securite", "economiste", "equite")),
    *(("fr_feminine", _r(q, "fr")) for q in ("développeuse", "conseillère", "analyste")),
    *(("phrase", _r(q, lang)) for q, lang in (
        ('"machine learning"', "en"), ('"plain language"', "en"), ('"langage clair"', "fr"),
        ('"service design"', "en"), ('"analyser des données"', "fr"),
        ('"santé publique"', "fr"))),
    *(("prefix", _r(q, lang)) for q, lang in (
        ("analy*", "en"), ("dévelop*", "fr"), ("secur*", "en"), ("inform*", "fr"),
        ("gest*", "fr"))),
    *(("boolean", _r(q)) for q in (
        "developer OR designer", "data -scientist", "IT-03", "analyst ottawa")),
    *(("typo", _r(q, lang)) for q, lang in (
        ("devloper", "en"), ("sécurtié", "fr"), ("analist", "en"), ("gestionaire", "fr"),
        ("infrastructre cloud", "en"))),
    *(("synonym", _r(q, lang)) for q, lang in (
        ("dev", "en"), ("RH", "fr"), ("chef de projet", "fr"), ("UX designer", "en"),
        ("chief of staff", "fr"))),
    ("filter", _r(classification="IT-03")),
    ("filter", _r("data", language_requirement="bilingual_imperative")),
    ("filter", _r("analyst", location="ottawa-on", tenure="indeterminate")),
    ("filter", _r("développeur", "fr", department="cds")),
    ("filter", _r(location="remote", tenure="term")),
    ("filter", _r("policy", classification="EC-04|EC-05")),
    ("filter", _r(status="all")),
    ("filter", _r("santé", "fr", status="closed|archived")),
    ("sort", _r("data", sort="newest")), ("sort", _r("sécurité", "fr", sort="closing")),
    ("sort", _r(sort="closing")),
    ("browse", _r()), ("browse", _r(lang="fr")),
    ("page", _r("data", page=2)), ("page", _r(lang="fr", page=2)), ("page", _r("analy*", page=3)),
    ("rare", _r(COMMON_NAME)), ("rare", _r(RARE_NAME, "fr")),
    ("en_word", _r("Statistics Canada")),
)


def query_string(request: SearchRequest) -> str:
    """The URL query string a browser would send for this search."""
    return urlencode(request.params())
