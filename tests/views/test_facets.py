"""The filter sidebar as data (jobboard/views/facets.py)."""

from __future__ import annotations

import pytest

from jobboard.search.query import FacetGroup, FacetValue
from jobboard.views.facets import Checkbox, Subgroup, checkbox_id, fieldset, fieldsets

TENURE = FacetGroup("tenure", (FacetValue("term", "Term", 1234, True),
                               FacetValue("casual", "Casual", 5, False)))
STATUS = FacetGroup("status", (FacetValue("archived", "archived", 2, False),))
CLASSIFICATION = FacetGroup("classification", (
    FacetValue("IT-03", "IT-03", 7, False, group="IT", group_label="Information Technology"),
    FacetValue("AS-02", "AS-02", 1, False, group="AS", group_label="Administrative Services"),
    FacetValue("IT-01", "IT-01", 3, False, group="IT", group_label="Information Technology"),
))


@pytest.mark.parametrize("name, value, expected", [
    ("classification", "IT-03", "f-classification-it-03"),
    ("location", "Montréal (Québec)", "f-location-montreal-quebec"),
])
def test_checkbox_id(name, value, expected):
    assert checkbox_id(name, value) == expected


@pytest.mark.parametrize("lang, legend, count, archived", [
    ("en", "Employment tenure", "1,234", "Archived"),
    ("fr", "Durée de l’emploi", "1\u00a0234", "Archivé"),
])
def test_fieldsets_word_counts_and_labels_for_the_page(app, lang, legend, count, archived):
    with app.test_request_context(f"/{lang}/"):
        tenure, status = fieldsets((TENURE, FacetGroup("location", ()), STATUS))
    assert (tenure.name, tenure.legend) == ("tenure", legend)
    assert tenure.subgroups == (Subgroup(None, None, (
        Checkbox("f-tenure-term", "term", "Term", count, True),
        Checkbox("f-tenure-casual", "casual", "Casual", "5", False))),)
    assert status.subgroups[0].checkboxes[0].label == archived


def test_classifications_come_in_sorted_occupational_groups(app):
    with app.test_request_context("/en/"):
        [classification] = fieldsets((CLASSIFICATION,))
    assert [(sub.legend, sub.code, [box.value for box in sub.checkboxes])
            for sub in classification.subgroups] == [
        ("Administrative Services", "AS", ["AS-02"]),
        ("Information Technology", "IT", ["IT-03", "IT-01"]),
    ]


def test_checkboxes_are_worded_in_the_language_asked_for(app):
    with app.test_request_context("/en/"):
        [status] = fieldsets((STATUS,))
        french = fieldset(STATUS, "fr")
    assert status.subgroups[0].checkboxes[0].label == "Archived"
    assert french.subgroups[0].checkboxes[0].label == "Archivé"
