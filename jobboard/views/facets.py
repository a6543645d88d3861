"""The filter sidebar as plain data: each facet value ready to print as a labelled checkbox.

The core's FacetValue knows codes, labels and counts; a page also needs an HTML id, the count
written for its language and the translated status names. Working them out here, once per
value, keeps the template's loop free of function calls (some 70 checkboxes on every page):

    fieldsets([FacetGroup("tenure", (FacetValue("term", "Term", 1234, False),))])  # in fr
    -> [Fieldset("tenure", "Durée de l’emploi", (Subgroup(None, None, (Checkbox(
           "f-tenure-term", "term", "Term", "1 234", False),)),))]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from jobboard import vocabulary
from jobboard.i18n import _, current_lang, force_lang, format_money, format_number
from jobboard.search.query import FacetGroup
from jobboard.views import labels


@dataclass(frozen=True)
class Checkbox:
    id: str  # "f-location-montreal-qc"
    value: str
    label: str
    count: str  # "1,234" (en) or "1 234" (fr)
    checked: bool


@dataclass(frozen=True)
class Subgroup:
    legend: str | None  # "Information Technology" for classifications, None elsewhere
    code: str | None  # "IT"
    checkboxes: tuple[Checkbox, ...]


@dataclass(frozen=True)
class Fieldset:
    name: str  # the query-string name: "classification"
    legend: str
    subgroups: tuple[Subgroup, ...]


def checkbox_id(name: str, value: str) -> str:
    """("location", "Montréal (Québec)") -> "f-location-montreal-quebec"."""
    return f"f-{name}-{vocabulary.slugify(value)}"


# The same values and counts come back search after search: most checkboxes are cache hits.
@lru_cache(maxsize=8192)
def _checkbox(name: str, value: str, label: str, count: int, checked: bool,
              lang: str) -> Checkbox:
    with force_lang(lang):  # statuses are translated: in lang, whatever the page's language
        shown = labels.facet_label(name, value, label)
    return Checkbox(checkbox_id(name, value), value, shown, format_number(count, lang), checked)


def _checkboxes(name: str, values, lang: str) -> tuple[Checkbox, ...]:
    return tuple(_checkbox(name, value.value, value.label, value.count, value.selected, lang)
                 for value in values)


def fieldset(group: FacetGroup, lang: str) -> Fieldset:
    """One facet; classifications come in one subgroup per occupational group (sorted)."""
    if group.name == "classification":
        by_group = sorted(group.values, key=lambda value: value.group or "")
        subgroups = []
        for code, values in groupby(by_group, key=lambda value: value.group or ""):
            values = list(values)
            subgroups.append(Subgroup(values[0].group_label, code,
                                      _checkboxes(group.name, values, lang)))
    else:
        subgroups = [Subgroup(None, None, _checkboxes(group.name, group.values, lang))]
    return Fieldset(group.name, str(labels.FACET_LEGENDS[group.name]), tuple(subgroups))


def fieldsets(groups: tuple[FacetGroup, ...]) -> list[Fieldset]:
    """The sidebar: a Fieldset for each facet that has values, in the core's order."""
    lang = current_lang()
    return [fieldset(group, lang) for group in groups if group.values]


@dataclass(frozen=True)
class Choice:
    """One choice of the minimum salary or date posted: value "" is "any"."""

    id: str  # "posted-7"
    value: str
    label: str  # "$80,000 or more"
    count: str
    selected: bool

    @property
    def option(self) -> tuple[str, str, bool]:
        """(value, "label (count)", selected) for a select."""
        return self.value, f"{self.label} ({self.count})", self.selected


@dataclass(frozen=True)
class Qualify:
    """The "jobs I qualify for" form: the language of the results, a select per skill."""

    results_lang: str
    languages: tuple[tuple[str, str, bool], ...]  # (code, "French", selected)
    selects: tuple[tuple[str, str, str, tuple[tuple[str, str, bool], ...]], ...]  # id, name,
    # label, options


def qualify_form(results: str, results_lang: str) -> Qualify:
    """The form as filled for results "BBC" (or "" for none) in results_lang."""
    return _qualify_form(results, results_lang, current_lang())


# The same few forms on every page (most searches give no results): a tenth of a page's
# rendering when built each time.
@lru_cache(maxsize=1024)
def _qualify_form(results: str, results_lang: str, lang: str) -> Qualify:
    with force_lang(lang):
        return _new_qualify_form(results, results_lang)


def _new_qualify_form(results: str, results_lang: str) -> Qualify:
    selects = []
    for number, (skill, label) in enumerate(labels.SLE_SKILLS.items()):
        letter = results[number] if results else ""
        options = (("", _("Not given"), not letter), *(
            (code, str(text), code == letter) for code, text in labels.SLE_LEVELS.items()))
        selects.append((f"sle-{skill}", f"sle_{skill}", str(label), options))
    languages = tuple((code, str(name), code == results_lang)
                      for code, name in labels.SLE_LANGS.items())
    return Qualify(results_lang, languages, tuple(selects))


def range_label(name: str, value: str) -> str:
    """("posted", "7") -> "Last 7 days"; ("salary_min", "90000") -> "$90,000 or more"."""
    if name == "posted":
        return str(labels.POSTED[value])
    if not value:
        return _("Any salary")
    return _("%(amount)s or more", amount=format_money(int(value)))


def range_choices(groups: tuple[FacetGroup, ...]) -> dict[str, list[Choice]]:
    """{"salary_min": [Choice, …], "posted": [Choice, …]} for the sidebar's select and radios."""
    lang = current_lang()
    return {group.name: [
        Choice(f"{group.name.replace('_', '-')}-{value.value or 'any'}", value.value,
               range_label(group.name, value.value), format_number(value.count, lang),
               value.selected)
        for value in group.values] for group in groups}
