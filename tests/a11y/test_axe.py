"""jobboard/a11y/axe.py against the fixture site: the suite must be able to fail."""

from __future__ import annotations

import time

import pytest

from jobboard.a11y.axe import (
    AXE_CORE_VERSION,
    BUNDLED_SCRIPT,
    TAGS,
    AxeError,
    StrictAxe,
    describe,
    failed_rules,
    scan,
)

from .fixture_site import BROKEN_RULES


def test_bundled_axe_core_is_the_pinned_version():
    assert f"axe v{AXE_CORE_VERSION}" in BUNDLED_SCRIPT.read_text(encoding="utf8")[:200]


def test_broken_page_reports_each_planted_fault(page, fixture_site):
    page.get(f"{fixture_site}/bad")
    results = scan(page)
    assert results["testEngine"] == {"name": "axe-core", "version": AXE_CORE_VERSION}
    assert failed_rules(results) == BROKEN_RULES
    report = describe(results)
    assert "[critical] image-alt" in report
    assert "https://dequeuniversity.com/rules/axe/" in report
    assert "- img" in report


def test_clean_page_passes_and_rules_ran(page, fixture_site):
    page.get(f"{fixture_site}/good")
    results = scan(page)
    assert failed_rules(results) == []
    assert results["passes"] and results["inapplicable"]


def test_violation_inside_an_iframe_is_found(page, fixture_site):
    page.get(f"{fixture_site}/framed")
    results = scan(page)
    assert failed_rules(results) == ["image-alt"]
    assert "iframe >>> img" in describe(results)


def test_frame_without_axe_counts_as_a_failure(page, fixture_site):
    page.get(f"{fixture_site}/framed")
    axe = StrictAxe(page)
    # Inject into the top document only, as the plain package does.
    page.execute_script(BUNDLED_SCRIPT.read_text(encoding="utf8"))
    results = axe.run(options={"runOnly": {"type": "tag", "values": list(TAGS)},
                               "frameWaitTime": 500})
    assert "frame-tested" in failed_rules(results)


def test_misspelt_tag_is_an_error_not_a_vacuous_pass(page, fixture_site):
    page.get(f"{fixture_site}/bad")
    with pytest.raises(AxeError, match="unknown axe tag.*wcag2x"):
        scan(page, tags=("wcag2a", "wcag2x"))


def test_rejected_run_raises_at_once(page, fixture_site):
    page.get(f"{fixture_site}/good")
    axe = StrictAxe(page)
    axe.inject()
    started = time.monotonic()
    with pytest.raises(AxeError, match="No elements found for include"):
        axe.run(context="#no-such-element", options={"resultTypes": ["violations"]})
    assert time.monotonic() - started < 5


def test_options_are_real_json(page, fixture_site):
    """Python booleans reach axe as JavaScript booleans (the package pastes reprs)."""
    page.get(f"{fixture_site}/bad")
    axe = StrictAxe(page)
    axe.inject()
    results = axe.run(options={"rules": {"image-alt": {"enabled": False}},
                               "runOnly": {"type": "tag", "values": ["wcag2a"]}})
    assert "image-alt" not in failed_rules(results)
    assert "html-has-lang" in failed_rules(results)
