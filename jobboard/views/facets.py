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
from jobboard.i18n import current_lang, force_lang, format_number
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
