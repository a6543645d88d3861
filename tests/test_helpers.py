"""The shared page check (tests/helpers.py) must catch what it claims to catch."""

from __future__ import annotations

import pytest
from flask import Response
from helpers import assert_page

GOOD = "<html lang='fr'><title>Trouver un emploi – Emplois</title><h1>Trouver un  emploi</h1>"


def page(html: str, status: int = 200) -> Response:
    return Response(html, status=status, mimetype="text/html")


def test_a_good_page_passes():
    assert assert_page(page(GOOD), lang="fr").h1s == ["Trouver un emploi"]


@pytest.mark.parametrize("html, status, lang", [
    (GOOD, 404, None),  # wrong status
    (GOOD.replace("<h1>", "<h1>x</h1><h1>"), 200, None),  # two h1
    (GOOD.replace("<h1>Trouver un  emploi</h1>", ""), 200, None),  # no h1
    (GOOD.replace("<title>Trouver", "<title>Emplois – Trouver"), 200, None),  # title order
    (GOOD.replace(" lang='fr'", ""), 200, None),  # no lang
    (GOOD, 200, "en"),  # other lang
])
def test_a_bad_page_fails(html, status, lang):
    with pytest.raises(AssertionError):
        assert_page(page(html), status, lang)
