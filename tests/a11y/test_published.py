"""Published audits (jobboard/a11y/published.py): summary of a report, atomic file, damage."""

import datetime as dt

import pytest
from audits import report, rule, write_report

from jobboard.a11y.published import AUDIT_FILE, BadAudit, latest, publish

NOW = dt.datetime(2026, 12, 4, 17, 0, tzinfo=dt.UTC)


def test_nothing_published_is_none(tmp_path):
    assert latest(tmp_path) is None


def test_summary_counts_pages_and_elements_by_rule(tmp_path):
    data = report([("http://127.0.0.1:8000/en/jobs?q=x", [rule("label", 2), rule("region", 1)]),
                   ("http://127.0.0.1:8000/fr/emplois", [rule("label", 3)]),
                   ("http://127.0.0.1:8000/en/jobs/a", [])])
    target = publish(write_report(tmp_path, data), tmp_path / "instance", NOW)
    assert target == tmp_path / "instance" / AUDIT_FILE
    audit = latest(tmp_path / "instance")
    assert (audit.engine, audit.engine_version) == ("axe-core", "4.10.2")
    assert (audit.pages_scanned, audit.pages_failed, audit.failures) == (3, 2, 6)
    assert [(r.id, r.pages, r.elements) for r in audit.rules] == [("label", 2, 5),
                                                                 ("region", 1, 1)]
    assert audit.started_at == dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC)
    assert audit.published_at == NOW
    assert [p.rules for p in audit.findings_for("/en/jobs")] == [("label", "region")]
    assert audit.findings_for("/en/jobs/b") == []


def test_a_new_publication_replaces_the_old(tmp_path):
    first = report([("http://h/en/jobs", [rule("label", 1)])])
    publish(write_report(tmp_path, first), tmp_path, NOW)
    second = report([("http://h/en/jobs", [])], "axe-core 4.11.0")
    publish(write_report(tmp_path, second), tmp_path, NOW)
    audit = latest(tmp_path)
    assert audit.rules == () and audit.engine_version == "4.11.0"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_file_that_is_not_a_report_is_refused_and_nothing_published(tmp_path):
    bad = tmp_path / "report.json"
    bad.write_text('{"pages": 3}', encoding="utf-8")
    with pytest.raises(BadAudit, match="report.json: not a report of jobboard a11y"):
        publish(bad, tmp_path / "instance", NOW)
    assert latest(tmp_path / "instance") is None


@pytest.mark.parametrize("text, message", [("{", "cannot be read"),
                                           ('{"format": 1}', "is missing or malformed")])
def test_a_damaged_summary_names_the_file(tmp_path, text, message):
    (tmp_path / AUDIT_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(BadAudit, match=message) as error:
        latest(tmp_path)
    assert AUDIT_FILE in str(error.value)
