"""jobboard/a11y/report.py: the three reports from a run, without a browser."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import pytest

from jobboard.a11y.baseline import criteria, page_of
from jobboard.a11y.crawl import PageResult
from jobboard.a11y.report import Run, to_dict, write_reports

RULE = {"id": "image-alt", "impact": "critical", "help": "Images must have alternative text",
        "helpUrl": "https://dequeuniversity.com/rules/axe/4.10/image-alt", "tags": ["wcag2a"],
        "nodes": [{"target": [["iframe", "img.logo"]], "html": '<img src="x" onerror="alert(1)">',
                   "failureSummary": "Fix any of the following:\n  Element has no alt attribute"}]}


def results(*violations, incomplete=()):
    return {"violations": list(violations), "incomplete": list(incomplete),
            "passes": [{"id": "document-title"}], "inapplicable": [],
            "testEngine": {"name": "axe-core", "version": "4.10.2"}}


def a_run() -> Run:
    return Run("http://board/", ("wcag2a",), "2026-11-29T09:00:00+00:00", 1.5, [
        PageResult("http://board/", "Home", "en", 200, 0.2, results()),
        PageResult("http://board/bad", "Bad <page>", "fr", 200, 0.3, results(RULE)),
        PageResult("http://board/framed", "Framed", "en", 200, 0.1, results(
            incomplete=[{"id": "frame-tested", "impact": "critical", "nodes": []},
                        {"id": "color-contrast", "impact": "serious", "nodes": []}])),
        PageResult("http://board/slow", error="timeout: page load"),
    ])


def test_json_report_counts_failures_and_keeps_review_items_apart():
    data = to_dict(a_run())
    assert (data["pages_scanned"], data["pages_failed"], data["failures"]) == (4, 3, 2)
    assert data["engine"] == "axe-core 4.10.2"
    bad, framed = data["pages"][1], data["pages"][2]
    assert bad["failures"][0]["nodes"][0]["selector"] == "iframe img.logo"
    assert [f["id"] for f in framed["failures"]] == ["frame-tested"]
    assert framed["incomplete"] == ["color-contrast", "frame-tested"]
    assert data["pages"][3] | {"ok": False, "error": "timeout: page load"} == data["pages"][3]


def test_three_files_are_written(tmp_path):
    paths = write_reports(a_run(), tmp_path / "out")
    assert [p.name for p in paths] == ["report.json", "report.html", "junit.xml"]
    assert json.loads(paths[0].read_text())["pages_failed"] == 3
    suite = ElementTree.parse(paths[2]).getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "2", "1")
    case = suite.find("testcase[@name='http://board/bad']")
    assert case.find("failure").get("message") == "1 rule(s) failed: image-alt"
    assert "https://dequeuniversity.com/rules/axe/4.10/image-alt" in case.find("failure").text


def test_html_report_is_escaped_and_structured(tmp_path):
    html = write_reports(a_run(), tmp_path)[1].read_text()
    assert '<img src="x"' not in html and "&lt;img src=&#34;x&#34; onerror" in html
    assert "Bad &lt;page&gt;" in html
    assert html.count("<h1>") == 1 and '<html lang="en">' in html
    assert '<th scope="col">Page</th>' in html and '<th scope="row">' in html
    assert "FAIL: 3 pages" in html and 'href="#page-2"' in html and 'id="page-2"' in html


@pytest.mark.parametrize("tags, expected", [
    (["wcag2a", "wcag131", "wcag1411", "best-practice"], ["1.3.1", "1.4.11"]),
    (["wcag21aa", "wcag2411"], ["2.4.11"]),
    (["best-practice"], []),
])
def test_success_criteria_come_from_axe_tags(tags, expected):
    assert criteria(tags) == expected


def test_a_violation_is_the_same_whatever_the_server_address():
    assert page_of("http://127.0.0.1:5123/en/jobs?q=x#top") == page_of(
        "https://jobs.example.ca/en/jobs?q=x") == "/en/jobs?q=x"
