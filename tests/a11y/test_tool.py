"""`jobboard a11y`: exit codes, messages and the three reports (it starts its own Chromium)."""

from __future__ import annotations

import json
import socket
import xml.etree.ElementTree as ElementTree

import pytest
from click.testing import CliRunner

from jobboard.a11y.axe import failed_rules, scan
from jobboard.a11y.published import AUDIT_FILE, latest
from jobboard.cli import cli


def run(*args):
    return CliRunner().invoke(cli, ["a11y", *map(str, args)])


def test_broken_site_fails_with_three_reports(fixture_site, tmp_path, page):
    result = run(fixture_site, "--report", tmp_path)
    assert result.exit_code == 1, result.output
    assert "6 pages scanned, 2 failed" in result.stdout
    assert f"[1/50] {fixture_site}/ (en" in result.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["engine"] == "axe-core 4.10.2"
    assert report["pages_scanned"] == 6 and report["pages_failed"] == 2
    bad = next(p for p in report["pages"] if p["url"].endswith("/bad"))
    assert {"image-alt", "label", "html-has-lang"} <= {f["id"] for f in bad["failures"]}
    assert bad["failures"][0]["help_url"].startswith("https://dequeuniversity.com/")
    suite = ElementTree.parse(tmp_path / "junit.xml").getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("6", "2", "0")
    failure = suite.find(f"testcase[@name='{fixture_site}/bad']/failure")
    assert "image-alt" in failure.get("message") and "- img" in failure.text
    # The HTML report must itself pass the checks it reports.
    page.get((tmp_path / "report.html").as_uri())
    assert page.find_element("css selector", "h1").text == "Accessibility report"
    assert failed_rules(scan(page)) == []


@pytest.mark.parametrize("args, code, message", [
    (["127.0.0.1:8000"], 2, "not an http(s) URL"),
    (["http://127.0.0.1:1/", "--include", "("], 2, "bad --include pattern"),
    (["http://127.0.0.1:1/", "--chromium", "/nonexistent/chromium"], 3,
     "Chromium not found at /nonexistent/chromium"),
    (["http://127.0.0.1:1/", "--chromedriver", "/nonexistent/chromedriver"], 3,
     "chromedriver not found"),
])
def test_bad_input_gives_a_message_not_a_traceback(args, code, message):
    result = run(*args)
    assert result.exit_code == code
    assert f"error: {message}" in result.stderr
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit


def test_unreachable_server(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run(f"http://127.0.0.1:{port}/", "--report", tmp_path)
    assert result.exit_code == 3
    assert f"error: cannot reach http://127.0.0.1:{port}/" in result.stderr
    assert not (tmp_path / "report.json").exists()


@pytest.mark.parametrize("args, message", [
    (["--tags", "wcag2a,wcag2x"], "unknown axe tag(s): wcag2x"),
    (["--lang", "de", "--max-pages", "1"], "no page was scanned"),
], ids=["misspelt-tag", "no-page-matches"])
def test_arguments_that_check_nothing_are_rejected(fixture_site, tmp_path, args, message):
    result = run(fixture_site, *args, "--report", tmp_path)
    assert result.exit_code == 2
    assert f"error: {message}" in result.stderr
    assert not (tmp_path / "report.json").exists()


def test_the_board_itself_passes(live_server, tmp_path):
    """What the README promises: `jobboard a11y` on a running board finds nothing."""
    result = run(live_server, "--lang", "en,fr", "--include", "^/(en/jobs|fr/emplois)",
                 "--max-pages", 4, "--report", tmp_path)
    assert result.exit_code == 0, result.output + (tmp_path / "junit.xml").read_text()
    assert "4 pages scanned, 0 failed" in result.stdout
    report = json.loads((tmp_path / "report.json").read_text())
    assert {page["lang"] for page in report["pages"]} == {"en", "fr"}
    assert report["pages"][0]["url"] == f"{live_server}/"  # the start page is always scanned
    assert all(page["url"].startswith((f"{live_server}/en/jobs", f"{live_server}/fr/emplois"))
               for page in report["pages"][1:])


def test_publish_puts_the_summary_where_the_statement_reads_it(fixture_site, tmp_path):
    instance = tmp_path / "instance"
    result = CliRunner().invoke(cli, ["a11y", fixture_site, "--report", str(tmp_path / "r"),
                                      "--publish"], env={"JOBBOARD_INSTANCE_DIR": str(instance)})
    assert result.exit_code == 1, result.output  # the broken site fails, and is published
    assert f"published: {instance / AUDIT_FILE}" in result.stdout
    audit = latest(instance)
    assert (audit.engine, audit.pages_scanned, audit.pages_failed) == ("axe-core", 6, 2)
    assert {"image-alt", "label", "html-has-lang"} <= {rule.id for rule in audit.rules}
    assert {"image-alt", "label"} <= set(audit.findings_for("/bad")[0].rules)


def test_without_publish_nothing_is_published(fixture_site, tmp_path):
    instance = tmp_path / "instance"
    result = CliRunner().invoke(cli, ["a11y", fixture_site, "--report", str(tmp_path / "r"),
                                      "--max-pages", 1],
                                env={"JOBBOARD_INSTANCE_DIR": str(instance)})
    assert result.exit_code in (0, 1) and "published" not in result.stdout
    assert latest(instance) is None
