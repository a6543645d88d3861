"""`jobboard a11y URL`: crawl a site, scan each page with axe-core, write three reports."""

from __future__ import annotations

import datetime as dt
import re
import sys
import tempfile
import time
from pathlib import Path

import click

from jobboard.a11y import TAGS

# Exit codes: 0 no failure, 1 failures found, 2 bad input, 3 cannot run (server or browser).
EXIT_FAILURES, EXIT_INPUT, EXIT_ENVIRONMENT = 1, 2, 3


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    """("en,fr", "x") -> ("en", "fr", "x")."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _show(number: int, limit: int, page) -> None:
    if page.error:
        outcome = f"ERROR {page.error}"
    elif page.failures:
        outcome = "FAIL " + ", ".join(sorted({rule["id"] for rule in page.failures}))
    else:
        outcome = "ok"
    click.echo(f"[{number}/{limit}] {page.url} ({page.lang or 'no lang'}, "
               f"{page.seconds:.1f} s): {outcome}", err=True)


def _publish(report_json: Path) -> None:
    """Put the run's summary where the accessibility statement reads it."""
    from jobboard import config
    from jobboard.a11y.published import BadAudit, publish

    instance = config.from_environment()["INSTANCE_DIR"]
    try:
        click.echo(f"  published: {publish(report_json, Path(instance))}")
    except (BadAudit, OSError) as error:
        _fail(f"cannot publish the audit: {error}", EXIT_ENVIRONMENT)


@click.command("a11y")
@click.argument("url")
@click.option("--lang", "langs", multiple=True, metavar="en,fr",
              help="Scan only pages whose <html lang> is one of these (default: all).")
@click.option("--max-pages", default=50, show_default=True, type=click.IntRange(min=1),
              help="Stop after scanning this many pages.")
@click.option("--include", multiple=True, metavar="PATTERN",
              help="Regular expression on path?query; only matching pages are followed and "
                   "scanned (repeatable; the start page is always scanned).")
@click.option("--report", "report_dir", type=click.Path(path_type=Path),
              default=Path("a11y-report"), show_default=True,
              help="Folder for report.json, report.html and junit.xml.")
@click.option("--tags", multiple=True, metavar="TAG,...",
              help=f"axe-core tags to run [default: {','.join(TAGS)}].")
@click.option("--no-sitemap", is_flag=True, help="Do not read /sitemap.xml.")
@click.option("--chromium", metavar="PATH", help="Chromium binary (default: found on PATH).")
@click.option("--chromedriver", metavar="PATH",
              help="chromedriver binary (default: found on PATH).")
@click.option("--publish", is_flag=True,
              help="Also publish a summary on the accessibility statement (written into "
                   "JOBBOARD_INSTANCE_DIR).")
def a11y_command(url, langs, max_pages, include, report_dir, tags, no_sitemap, chromium,
                 chromedriver, publish) -> None:
    """Crawl URL's site and check every page with axe-core in headless Chromium.

    Exit status: 0 no rule failed, 1 a rule failed on some page (or a page could not be
    scanned), 2 bad arguments, 3 the server or the browser is unavailable.
    """
    try:  # Selenium is a test dependency, not needed to serve the board.
        from jobboard.a11y.axe import AxeError
        from jobboard.a11y.browser import BrowserMissing, find_browser, start_chromium
        from jobboard.a11y.crawl import BadURL, Unreachable, check_reachable, crawl, start_url
        from jobboard.a11y.report import Run, write_reports
    except ImportError as error:
        _fail(f"{error}; install the test extra: pip install -e '.[test]'", EXIT_ENVIRONMENT)
    try:
        url = start_url(url)
        for pattern in include:
            re.compile(pattern)
    except BadURL as error:
        _fail(str(error), EXIT_INPUT)
    except re.error as error:
        _fail(f"bad --include pattern {error.pattern!r}: {error}", EXIT_INPUT)
    tags = _split(tags) or TAGS
    languages = tuple(lang.lower() for lang in _split(langs))
    try:
        paths = find_browser(chromium, chromedriver)
        status = check_reachable(url)
    except (BrowserMissing, Unreachable) as error:
        _fail(str(error), EXIT_ENVIRONMENT)
    click.echo(f"Scanning {url} (HTTP {status}), at most {max_pages} pages, tags "
               f"{', '.join(tags)}", err=True)
    run = Run(url, tags, dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"))
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="jobboard-a11y-") as profile:
        try:
            driver = start_chromium(Path(profile), paths)
        except BrowserMissing as error:
            _fail(str(error), EXIT_ENVIRONMENT)
        try:
            run.pages.extend(crawl(driver, url, langs=languages, max_pages=max_pages,
                                   include=include, tags=tags, use_sitemap=not no_sitemap,
                                   progress=_show))
        except AxeError as error:
            _fail(str(error), EXIT_INPUT)
        finally:
            driver.quit()
    run.duration_s = time.monotonic() - began
    if not run.pages:
        _fail(f"no page was scanned: nothing at {url} matched --lang "
              f"{','.join(languages) or '(any)'} and --include, or it is not HTML", EXIT_INPUT)
    written = write_reports(run, report_dir)
    click.echo(f"{len(run.pages)} pages scanned, {len(run.failed)} failed, "
               f"{run.failure_count} rule failures ({run.engine}, {run.duration_s:.1f} s)")
    for path in written:
        click.echo(f"  {path}")
    if publish:
        _publish(written[0])
    sys.exit(EXIT_FAILURES if run.failed else 0)
