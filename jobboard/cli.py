"""The `jobboard` command: each command is a thin wrapper around a core function."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from jobboard import config
from jobboard.a11y.cli import a11y_command
from jobboard.alerts.cli import alerts_cli
from jobboard.hr.cli import hr_cli
from jobboard.hr.history import record_cli_run
from jobboard.postings import load_all
from jobboard.search.engine import IndexMissing, SearchIndex
from jobboard.search.export import posting_path, results_json
from jobboard.search.indexer import DEFAULT_PROCS, ReindexRunning, problems_of, reindex
from jobboard.search.parse import QueryError
from jobboard.search.query import FILTERS, SORTS, SearchRequest


def _setting(name: str):
    """An option's default: the setting as `config.from_environment` resolves it."""
    return lambda: config.from_environment()[name]


content_option = click.option(
    "--content", "content_dir", type=click.Path(path_type=Path), default=_setting("CONTENT_DIR"),
    show_default="$JOBBOARD_CONTENT_DIR or content/", help="Folder of postings.")
index_option = click.option(
    "--index", "index_dir", type=click.Path(path_type=Path), default=_setting("INDEX_DIR"),
    show_default="$JOBBOARD_INDEX_DIR or index/", help="Folder of the search index.")


@click.group()
def cli() -> None:
    """jobboard: a bilingual job board."""


def _progress_bar(label: str):
    bar = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)
        if done == total:
            bar.__exit__(None, None, None)

    return update


def print_report(report) -> None:
    """Human summary of a ReindexReport."""
    if report.outcome == "failed":
        click.echo(f"Reindex FAILED: {report.error}", err=True)
        click.echo("The live index was not changed.", err=True)
    else:
        click.echo(f"Generation {report.generation} ({'full' if report.full else 'incremental'}"
                   f", {report.duration_s:.1f} s): {report.documents} documents "
                   f"({', '.join(f'{k} {v}' for k, v in sorted(report.per_language.items()))}), "
                   f"{report.pairs} EN/FR pairs")
        if report.full_reason:
            click.echo(f"  {report.full_reason}")
        click.echo(f"  added {report.added}, updated {report.updated}, unchanged "
                   f"{report.unchanged}, removed {report.removed}, collapsed copies "
                   f"{sum(len(c['dropped']) for c in report.collapsed)}")
    if report.stale:
        click.echo(f"  stale (kept last good version): {len(report.stale)}")
        for path in report.stale:
            click.echo(f"    {path}")
    errors = [p for p in problems_of(report) if p.severity == "error"]
    if errors:
        click.echo(f"  invalid files: {len(errors)}")
        for problem in errors:
            click.echo(f"    {problem}")


@cli.command("reindex")
@content_option
@index_option
@click.option("--full", is_flag=True, help="Rebuild everything instead of updating changes.")
@click.option("--procs", default=DEFAULT_PROCS, show_default=True,
              help="Writer processes for a full build.")
def reindex_command(content_dir: Path, index_dir: Path, full: bool, procs: int) -> None:
    """Index the content folder; exit 0 all valid, 1 indexed with problems, 2 failed."""
    try:
        report = reindex(content_dir, index_dir, full=full, procs=procs,
                         progress=_progress_bar("Indexing") if sys.stderr.isatty() else None)
    except ReindexRunning as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    print_report(report)
    record_cli_run(report)  # HR history; a failure to record only warns
    sys.exit(report.exit_code)


@cli.command("check-content")
@click.argument("content_dir", type=click.Path(path_type=Path), required=False,
                default=_setting("CONTENT_DIR"))
def check_content(content_dir: Path) -> None:
    """Validate postings without indexing; exit 1 when a file is invalid."""
    try:
        result = load_all(content_dir)
    except OSError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    for problem in result.problems:
        click.echo(f"{problem.severity}: {problem}")
    errors = sum(1 for p in result.problems if p.severity == "error")
    click.echo(f"{len(result.postings)} postings, {errors} invalid files, "
               f"{len(result.problems) - errors} warnings")
    sys.exit(1 if errors else 0)


@cli.command("search")
@click.argument("query", default="")
@index_option
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True)
@click.option("--filter", "filters", multiple=True, metavar="NAME=VALUE",
              help=f"Repeatable; NAME is one of {', '.join(FILTERS)}.")
@click.option("--sort", type=click.Choice(SORTS))
@click.option("--page", default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON API document.")
def search_command(query, index_dir, lang, filters, sort, page, as_json) -> None:
    """Search the index from the terminal."""
    selected: dict[str, tuple[str, ...]] = {}
    for item in filters:
        name, _, value = item.partition("=")
        selected[name] = (*selected.get(name, ()), value)
    request = SearchRequest(q=query, ui_lang=lang, filters=selected, sort=sort or "", page=page)
    try:
        results = SearchIndex(index_dir).search(request)
    except (QueryError, IndexMissing) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(results_json(results, url_prefix=""), ensure_ascii=False, indent=2))
        return
    click.echo(f"{results.total} results" + (f" — did you mean: {results.suggestion}?"
                                            if results.suggestion else ""))
    for hit in results.hits:
        codes = ", ".join(code for code, _ in hit.classifications)
        click.echo(f"- [{hit.lang}] {hit.title} ({codes or '—'}; {hit.status}) "
                   f"{posting_path(hit.lang, hit.slug)}")


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="gunicorn worker processes.")
@content_option
@index_option
def serve_command(host: str, port: int, workers: int, content_dir: Path, index_dir: Path) -> None:
    """Run the web app with gunicorn; build the search index first when missing or outdated."""
    from jobboard.i18n import compile_catalogs
    from jobboard.server import index_problem, serve

    compile_catalogs()
    problem = index_problem(index_dir)
    if problem:
        click.echo(f"The search index in {index_dir} is {problem}: building it from "
                   f"{content_dir}.")
        try:
            report = reindex(content_dir, index_dir)
        except ReindexRunning as error:
            click.echo(f"note: {error}; serving anyway (503 until it finishes).", err=True)
        else:
            print_report(report)
            if report.outcome == "failed":
                sys.exit(2)
    click.echo(f"Serving on http://{host}:{port}/ (/en/jobs, /fr/emplois)")
    serve({"CONTENT_DIR": str(content_dir), "INDEX_DIR": str(index_dir)}, host, port, workers)


cli.add_command(a11y_command)
cli.add_command(hr_cli)
cli.add_command(alerts_cli)


def main() -> None:
    cli()
