"""Translated words the pages need beyond the core's vocabularies: facet names, statuses, errors."""

from __future__ import annotations

from functools import lru_cache

from jobboard import eligibility, taxonomy, vocabulary
from jobboard.i18n import _l, current_lang, format_number
from jobboard.search.parse import MAX_QUERY_CHARS, MAX_TERMS, QueryError
from jobboard.search.query import MAX_PAGE, MAX_PAGE_SIZE, MAX_SALARY

FACET_LEGENDS = {
    "classification": _l("Classification"),
    "language_requirement": _l("Language requirement"),
    "location": _l("Location"),
    "tenure": _l("Employment tenure"),
    "department": _l("Department"),
    "who_can_apply": _l("Who can apply"),
    "status": _l("Status"),
}

STATUSES = {
    "open": _l("Open"),
    "closed": _l("Closed"),
    "archived": _l("Archived"),
}

SORTS = {
    "relevance": _l("Best match"),
    "newest": _l("Newest"),
    "closing": _l("Closing soonest"),
    "salary": _l("Highest salary"),
}

ONLY_IN = {
    "en": _l("English only"),
    "fr": _l("French only"),
}

# Each in its own language: a link to the translation is written in the language it leads to.
READ_IN = {
    "en": "Read this posting in English",
    "fr": "Lire cette offre en français",
}

# QueryError codes (core) and ours -> messages for people, in their language.
ERRORS = {
    "bad_lang": _l("The language must be en or fr."),
    "bad_sort": _l("The sort order must be relevance, newest, closing or salary."),
    "bad_page": _l("The page must be a whole number from 1 to %(max)s."),
    "bad_page_size": _l("The page size must be a whole number from 1 to %(max)s."),
    "bad_filter": _l("A filter has too many values, a value that is too long, or an unknown "
                     "status."),
    "query_too_long": _l("Your search is longer than %(max)s characters. Use fewer words."),
    "too_many_terms": _l("Your search has more than %(max)s words. Use fewer words."),
    "no_terms": _l("Enter words or a classification such as IT-03 to search for."),
    "not_found": _l("There is no posting with this id."),
    "bad_sle": _l("Your reading, writing and oral results must each be A, B, C, E (exempt) "
                  "or X (none)."),
    "sle_incomplete": _l("Choose your result for each of reading, writing and oral, or none "
                         "of them."),
    "bad_sle_lang": _l("The language of your results must be en or fr."),
    "bad_salary_min": _l("The minimum salary must be a whole number of dollars from 0 to "
                         "%(max)s."),
    "bad_posted": _l("The date posted must be 1, 7 or 30 days."),
}
# Errors about one of the search's own fields: (the form field to link to, the parameters
# to leave out so that the rest of the search still runs).
FIELD_ERRORS = {
    "bad_sle": ("sle-reading", ("sle", "sle_reading", "sle_writing", "sle_oral")),
    "sle_incomplete": ("sle-reading", ("sle", "sle_reading", "sle_writing", "sle_oral")),
    "bad_sle_lang": ("sle-lang", ("sle_lang",)),
    "bad_salary_min": ("salary-min", ("salary_min",)),
    "bad_posted": ("posted", ("posted",)),
}
# What a candidate sees for each choice of the SLE form.
SLE_LEVELS = {
    "A": _l("A"), "B": _l("B"), "C": _l("C"), "E": _l("E (exempt)"), "X": _l("X (none)"),
}
SLE_SKILLS = {"reading": _l("Reading"), "writing": _l("Writing"), "oral": _l("Oral")}
SLE_LANGS = {"fr": _l("French"), "en": _l("English")}
POSTED = {"": _l("Any time"), "1": _l("Last 24 hours"), "7": _l("Last 7 days"),
          "30": _l("Last 30 days")}
_LIMITS = {"bad_page": MAX_PAGE, "bad_page_size": MAX_PAGE_SIZE, "bad_salary_min": MAX_SALARY,
           "query_too_long": MAX_QUERY_CHARS, "too_many_terms": MAX_TERMS}
# Errors about what was typed in the search box (shown next to it, not on an error page).
QUERY_ERRORS = ("query_too_long", "too_many_terms", "no_terms")


def error_message(error: QueryError | str) -> str:
    """The message for a QueryError (or a code) in the current language."""
    code = error if isinstance(error, str) else error.code
    message = ERRORS.get(code)
    if message is None:
        return str(error)
    if code not in _LIMITS:
        return str(message)
    limit = _LIMITS[code]
    return str(message) % {"max": format_number(limit) if code == "bad_salary_min" else limit}


def facet_label(name: str, value: str, label: str) -> str:
    """The label to show for a facet value (statuses are translated here, the rest by the core)."""
    return str(STATUSES[value]) if name == "status" and value in STATUSES else label


def sle_chip(results: str, lang: str) -> str:
    """("BBC", "fr") -> "Second-language results: BBC (French)"."""
    return str(_l("Second-language results: %(results)s (%(language)s)")) % {
        "results": results, "language": SLE_LANGS[lang]}


def group_label(group: str) -> str:
    """Occupational group name in the current language: "IT" -> "Information Technology"."""
    return taxonomy.group_label(group, current_lang())


def requirement_label(code: str, lang: str | None = None) -> str:
    """Language requirement label in lang (default: the current language)."""
    return taxonomy.language_requirement_label(code, lang or current_lang())


def tenure_label(code: str) -> str:
    """Tenure label in the current language."""
    return vocabulary.tenure_label(code, current_lang())


def area_label(code: str) -> str:
    """Who can apply, in the current language: "students" -> "Students"."""
    return eligibility.area_label(code, current_lang())


def department_label(code: str) -> str:
    """Department name in the current language."""
    return vocabulary.department_label(code, current_lang())


@lru_cache(maxsize=4096)
def _location_label(written: str, lang: str) -> str:
    code = vocabulary.location_code(written)  # a regular expression per city: worth caching
    label = vocabulary.location_label(code, lang)
    return written if label == code else label


def location_label(written: str, lang: str | None = None) -> str:
    """A written location in lang (default: the current language).

        "Montréal (Québec)" -> "Montréal, QC" (en)
    """
    return _location_label(written, lang or current_lang())


TEMPLATE_GLOBALS = {
    "facet_legends": FACET_LEGENDS, "sort_labels": SORTS, "status_labels": STATUSES,
    "only_in_labels": ONLY_IN, "read_in_labels": READ_IN, "facet_label": facet_label,
    "group_label": group_label,
    "requirement_label": requirement_label, "tenure_label": tenure_label,
    "department_label": department_label, "location_label": location_label,
    "area_label": area_label, "sle_langs": SLE_LANGS,
}
