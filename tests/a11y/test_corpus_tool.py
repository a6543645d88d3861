"""Done when: `jobboard a11y` over every page of a board serving the real postings finds
nothing (every posting of the sitemap in both languages, and the pages found by links).
Measured on a loaded 2-core machine: 185 pages in 334 s."""

from __future__ import annotations

import json
import urllib.request
import xml.etree.ElementTree as ElementTree

import pytest
from click.testing import CliRunner

from jobboard.cli import cli

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def test_every_page_of_the_real_corpus_has_no_violation(corpus_server, tmp_path):
    with urllib.request.urlopen(f"{corpus_server}/sitemap.xml") as response:
        listed = {el.text for el in ElementTree.fromstring(response.read()).iter()
                  if el.tag.endswith("loc")}
    result = CliRunner().invoke(cli, ["a11y", corpus_server, "--report", str(tmp_path)])
    report = json.loads((tmp_path / "report.json").read_text())
    assert result.exit_code == 0, json.dumps(report["by_rule"], indent=1)[:4000]
    assert report["violations"] == [] and report["pages_failed"] == 0
    assert report["pages_in_sitemap"] == len(listed) > 150
    scanned = {page["url"] for page in report["pages"]}
    assert listed <= scanned  # every posting, in both languages
    assert {page["lang"] for page in report["pages"]} == {"en", "fr"}
    assert {f"{corpus_server}/en/jobs", f"{corpus_server}/fr/emplois"} <= scanned
