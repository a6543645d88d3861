"""Locations, tenures and departments: language-neutral codes with EN/FR labels.

Facets count codes, so an English and a French posting in Ottawa land in the same bucket.
Values outside the vocabulary are kept: their code is a slug of the text, their label the text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

PROVINCES = {
    "ON": ("Ontario", "Ontario"), "QC": ("Quebec", "Québec"),
    "NS": ("Nova Scotia", "Nouvelle-Écosse"), "NB": ("New Brunswick", "Nouveau-Brunswick"),
    "MB": ("Manitoba", "Manitoba"), "BC": ("British Columbia", "Colombie-Britannique"),
    "PE": ("Prince Edward Island", "Île-du-Prince-Édouard"),
    "SK": ("Saskatchewan", "Saskatchewan"), "AB": ("Alberta", "Alberta"),
    "NL": ("Newfoundland and Labrador", "Terre-Neuve-et-Labrador"),
    "YT": ("Yukon", "Yukon"), "NT": ("Northwest Territories", "Territoires du Nord-Ouest"),
    "NU": ("Nunavut", "Nunavut"),
}

CITIES = {  # code: (city, province)
    "ottawa-on": ("Ottawa", "ON"), "gatineau-qc": ("Gatineau", "QC"),
    "toronto-on": ("Toronto", "ON"), "montreal-qc": ("Montréal", "QC"),
    "quebec-qc": ("Québec", "QC"), "halifax-ns": ("Halifax", "NS"),
    "vancouver-bc": ("Vancouver", "BC"), "victoria-bc": ("Victoria", "BC"),
    "winnipeg-mb": ("Winnipeg", "MB"), "moncton-nb": ("Moncton", "NB"),
    "fredericton-nb": ("Fredericton", "NB"), "edmonton-ab": ("Edmonton", "AB"),
    "calgary-ab": ("Calgary", "AB"), "regina-sk": ("Regina", "SK"),
    "saskatoon-sk": ("Saskatoon", "SK"), "st-johns-nl": ("St. John’s", "NL"),
    "charlottetown-pe": ("Charlottetown", "PE"), "whitehorse-yt": ("Whitehorse", "YT"),
    "yellowknife-nt": ("Yellowknife", "NT"), "iqaluit-nu": ("Iqaluit", "NU"),
}

REMOTE = "remote"
REMOTE_LABELS = {"en": "Remote (anywhere in Canada)", "fr": "Télétravail (partout au Canada)"}
_REMOTE_WORDS = re.compile(
    r"\b(remote|teletravail|distance|anywhere in canada|partout au canada)\b")

TENURES = {
    "indeterminate": ("Indeterminate (permanent)", "Durée indéterminée (permanent)"),
    "term": ("Term (specified period)", "Durée déterminée"),
    "casual": ("Casual", "Occasionnel"),
    "student": ("Student", "Étudiant"),
    "assignment_secondment": ("Assignment or secondment", "Affectation ou détachement"),
    "acting": ("Acting", "Intérim"),
    "deployment": ("Deployment", "Mutation"),
}
_TENURE_ALIASES = {
    "permanent": "indeterminate", "indetermine": "indeterminate",
    "duree indeterminee": "indeterminate",
    "specified period": "term", "duree determinee": "term", "determinee": "term",
    "occasionnel": "casual", "etudiant": "student", "assignment": "assignment_secondment",
    "secondment": "assignment_secondment", "affectation": "assignment_secondment",
    "detachement": "assignment_secondment", "interim": "acting", "mutation": "deployment",
}

DEPARTMENTS = {
    "cds": ("Canadian Digital Service", "Service numérique canadien"),
    "esdc": ("Employment and Social Development Canada", "Emploi et Développement social Canada"),
    "tbs": ("Treasury Board of Canada Secretariat", "Secrétariat du Conseil du Trésor du Canada"),
    "ssc": ("Shared Services Canada", "Services partagés Canada"),
    "psc": ("Public Service Commission of Canada", "Commission de la fonction publique du Canada"),
    "statcan": ("Statistics Canada", "Statistique Canada"),
    "ircc": ("Immigration, Refugees and Citizenship Canada",
             "Immigration, Réfugiés et Citoyenneté Canada"),
    "hc": ("Health Canada", "Santé Canada"),
    "cra": ("Canada Revenue Agency", "Agence du revenu du Canada"),
    "pspc": ("Public Services and Procurement Canada",
             "Services publics et Approvisionnement Canada"),
}


def slugify(text: str) -> str:
    """ASCII slug: "Montréal (Québec)" -> "montreal-quebec"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _folded_words(text: str) -> str:
    return " ".join(slugify(text).split("-"))


@functools.lru_cache(maxsize=4096)  # a regular expression per city; a few hundred places recur
def location_code(text: str) -> str:
    """Code for a written location: "Montréal (Québec)" -> "montreal-qc"; "Remote" -> "remote"."""
    words = _folded_words(text)
    if _REMOTE_WORDS.search(words):
        return REMOTE
    for code, (city, _province) in CITIES.items():
        if re.search(rf"\b{_folded_words(city)}\b", words):
            return code
    return slugify(text)


def location_label(code: str, lang: str, fallback: str | None = None) -> str:
    """Label of a location code: ("montreal-qc", "fr") -> "Montréal (Québec)"."""
    if code == REMOTE:
        return REMOTE_LABELS[lang]
    if code in CITIES:
        city, province = CITIES[code]
        en, fr = PROVINCES[province]
        return f"{city}, {province}" if lang == "en" else f"{city} ({fr})"
    return fallback or code


def tenure_code(text: str) -> str | None:
    """Code for a written tenure: "Durée indéterminée" -> "indeterminate"; unknown -> None."""
    words = _folded_words(text)
    key = words.replace(" ", "_")
    if key in TENURES:
        return key
    return _TENURE_ALIASES.get(words)


def tenure_label(code: str, lang: str) -> str:
    """Label of a tenure code: ("term", "en") -> "Term (specified period)"."""
    labels = TENURES.get(code)
    return labels[0 if lang == "en" else 1] if labels else code


def department_code(text: str) -> str:
    """Code for a department code or name: "Service numérique canadien" -> "cds"."""
    key = slugify(text)
    if key in DEPARTMENTS:
        return key
    for code, names in DEPARTMENTS.items():
        if key in (slugify(names[0]), slugify(names[1])):
            return code
    return key


def department_label(code: str, lang: str, fallback: str | None = None) -> str:
    """Label of a department code: ("cds", "fr") -> "Service numérique canadien"."""
    names = DEPARTMENTS.get(code)
    if names:
        return names[0 if lang == "en" else 1]
    return fallback or code
