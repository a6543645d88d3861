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
from jobboard.search import equivalents
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


def checked_settings() -> dict:
    """The JOBBOARD_* settings, or exit 2 with the reason they cannot work together."""
    values = config.from_environment()
    try:
        config.check(values)
    except config.SettingsError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    return values


def print_report(report) -> None:
    """Human summary of a ReindexReport."""
    if report.outcome == "failed":
        click.echo(f"Reindex FAILED: {report.error}", err=True)
        if report.previous:
            click.echo(f"The live index was not changed (generation {report.previous}).",
                       err=True)
        else:
            click.echo("There is no live index yet: search is unavailable until a reindex "
                       "succeeds.", err=True)
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
@click.option("--force", is_flag=True, help="Accept a load that removes or re-languages more "
              "than a fifth of the indexed documents.")
def reindex_command(content_dir: Path, index_dir: Path, full: bool, procs: int,
                    force: bool) -> None:
    """Index the content folder; exit 0 all valid, 1 indexed with problems, 2 failed."""
    settings = checked_settings()
    if config.clustered(settings):  # only the indexer builds; a local build would be undone
        from jobboard.cluster import queue
        from jobboard.hr.history import _login_name

        run = queue.start(settings, _login_name(), "cli", queue=True, full=full)
        click.echo(f"Cluster mode: run {run.id} is queued for the indexer "
                   "(`jobboard indexer`); the nodes fetch what it publishes.")
        sys.exit(0)
    try:
        report = reindex(content_dir, index_dir, full=full, procs=procs, force=force,
                         retention=config.retention(config.from_environment()),
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
    warnings = len(result.problems) - errors
    for problem in equivalents.check(content_dir):  # HR's own search equivalents
        click.echo(f"error: {problem}")
        errors += 1
    click.echo(f"{len(result.postings)} postings, {errors} invalid files, {warnings} warnings")
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
        settings = config.from_environment()
        # the content folder, for HR's own equivalents
        results = SearchIndex(index_dir, open_days=settings["OPEN_WITHOUT_CLOSING_DAYS"],
                              content_dir=settings["CONTENT_DIR"]).search(request)
    except (QueryError, IndexMissing) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(results_json(results, url_prefix=""), ensure_ascii=False, indent=2))
        return
    if results.typed:
        click.echo(f"showing results for: {results.request.q} (nothing for {results.typed})")
    if results.also_searched:
        click.echo(f"also searched: {', '.join(results.also_searched)}")
    click.echo(f"{results.total} results" + (f" — did you mean: {results.suggestion}?"
                                            if results.suggestion else ""))
    for hit in results.hits:
        codes = ", ".join(code for code, _ in hit.classifications)
        click.echo(f"- [{hit.lang}] {hit.title} ({codes or '—'}; {hit.status}) "
                   f"{posting_path(hit.lang, hit.slug)}")


def build_index(content_dir: Path, index_dir: Path) -> bool:
    """Build the index before serving, recorded in the HR history like any reindex (the first
    build is a build too); False when it failed."""
    try:
        report = reindex(content_dir, index_dir,
                         retention=config.retention(config.from_environment()))
    except ReindexRunning as error:
        click.echo(f"note: {error}; serving anyway (503 until it finishes).", err=True)
        return True
    print_report(report)
    record_cli_run(report)
    return report.outcome != "failed"


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

    settings = checked_settings()
    compile_catalogs()
    # A cluster node never builds: its agent fetches the published generation (503 till then).
    problem = None if config.clustered(settings) else index_problem(index_dir)
    if problem:
        click.echo(f"The search index in {index_dir} is {problem}: building it from "
                   f"{content_dir}.")
        if not build_index(content_dir, index_dir):
            sys.exit(2)
    click.echo(f"Serving on http://{host}:{port}/ (/en/jobs, /fr/emplois)")
    serve({"CONTENT_DIR": str(content_dir), "INDEX_DIR": str(index_dir)}, host, port, workers)


@cli.command("indexer")
@content_option
@index_option
@click.option("--transfer-host", default="127.0.0.1", show_default=True,
              help="Address of the read-only file server nodes fetch generations from.")
@click.option("--transfer-port", default=8873, show_default=True, type=click.IntRange(1, 65535))
@click.option("--advertise", metavar="URL",
              help="URL nodes use to reach the file server (default http://HOST:PORT).")
@click.option("--procs", default=DEFAULT_PROCS, show_default=True,
              help="Writer processes for a full build.")
def indexer_command(content_dir, index_dir, transfer_host, transfer_port, advertise,
                    procs) -> None:
    """Cluster mode: lead (or stand by), build each queued run, publish it to the nodes."""
    import threading

    from jobboard.cluster.leader import Indexer, start_transfer

    settings = checked_settings()
    if not config.clustered(settings):
        click.echo("error: `jobboard indexer` needs JOBBOARD_MODE=cluster (with "
                   "JOBBOARD_SECRET_KEY and a PostgreSQL JOBBOARD_DATABASE_URL)", err=True)
        sys.exit(2)
    files = start_transfer(index_dir, transfer_host, transfer_port)
    try:
        indexer = Indexer(settings, content_dir, index_dir,
                          advertise or f"http://{transfer_host}:{transfer_port}", procs=procs,
                          log=lambda line: click.echo(line, err=True))
        indexer.serve(threading.Event())
        indexer.close()
    finally:
        files.terminate()
        files.wait()


@cli.command("publish")
@index_option
@click.option("--rollback", is_flag=True,
              help="Publish a new number whose files are an earlier generation's.")
@click.option("--to", "to", type=int, metavar="N",
              help="The generation to go back to (default: the one before the current).")
def publish_command(index_dir: Path, rollback: bool, to: int | None) -> None:
    """Cluster mode, on the indexer's host: roll the nodes back to an earlier generation."""
    from jobboard.cluster.publish import PublishError
    from jobboard.cluster.publish import rollback as roll_back

    settings = checked_settings()
    if not rollback:
        click.echo("error: say what to publish: --rollback (indexer runs publish the rest)",
                   err=True)
        sys.exit(2)
    try:
        generation = roll_back(settings, index_dir, to)
    except (PublishError, ReindexRunning) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    click.echo(f"Published generation {generation.number} with the files of generation "
               f"{generation.rollback_of}.")


cli.add_command(a11y_command)
cli.add_command(hr_cli)
cli.add_command(alerts_cli)


def main() -> None:
    cli()
