"""Reindex: load content, write a new generation, swap it in. The only way the index changes.

`reindex()` is called by `jobboard reindex`, by HR's web action and by the webhook; all get
the same `ReindexReport`. The live index is never modified: a full rebuild writes a fresh
generation, an incremental one hard-links the live generation and updates the copy. Either
way, nothing is visible until the atomic swap, so a crash or a failure leaves search intact.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from jobboard.langs import LANGS
from jobboard.postings import LoadResult, Posting, load_all
from jobboard.problems import Problem
from jobboard.records import Entry, FileRecord, parser_fingerprint, trusted
from jobboard.search import schema, store, suggest
from jobboard.search.fingerprint import fingerprint
from jobboard.search.store import Generation, ReindexRunning

BULK_LIMIT_MB = 512
Progress = Callable[[int, int], None]

__all__ = ["ReindexReport", "ReindexRunning", "reindex"]


@dataclass
class ReindexReport:
    """What a reindex did; `exit_code` is 0 (all valid), 1 (indexed with problems), 2 (failed)."""

    started_at: str
    content_dir: str
    full: bool = False
    previous: str | None = None  # the live generation when the reindex started
    full_reason: str | None = None  # why a full build ran: "analysis changed: full rebuild"…
    outcome: str = "running"
    error: str | None = None
    generation: str | None = None
    duration_s: float = 0.0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    documents: int = 0
    per_language: dict[str, int] = field(default_factory=dict)
    pairs: int = 0
    only_in: dict[str, list[str]] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    collapsed: list[dict] = field(default_factory=list)
    missing_classification: list[str] = field(default_factory=list)
    missing_language_requirement: list[str] = field(default_factory=list)
    # path -> [title, lang, slug] of every file kept or hidden (for titles and links)
    postings: dict[str, list] = field(default_factory=dict)
    hidden: list[dict] = field(default_factory=list)  # drafts and placeholders, not indexed

    @property
    def errors(self) -> list[dict]:
        return [p for p in self.problems if p["severity"] == "error"]

    @property
    def exit_code(self) -> int:
        if self.outcome == "failed":
            return 2
        return 1 if self.errors else 0

    def to_dict(self) -> dict:
        """JSON-ready; shares its lists and dicts with the report (read, never changed)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    def facts(self) -> dict:
        """Its counts and outcome, without the lists of files (a generation's build.json)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__
                if name not in _FILE_LISTS}


# The report's fields that list files: report.json only (build.json is read at each opening).
_FILE_LISTS = frozenset({"only_in", "stale", "problems", "collapsed", "missing_classification",
                         "missing_language_requirement", "postings", "hidden"})


def _now() -> str:
    return dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")


# Why the live generation cannot be updated incrementally (the full build's reason). An
# outdated generation's files hold, and Whoosh would reopen, the analysis of the code that
# built it.
_FULL_BECAUSE = {"missing": "no index yet: full build",
                 "incomplete": "live generation incomplete: full rebuild",
                 "outdated": "analysis changed: full rebuild"}


def _manifest(live: Path | None, strict: bool) -> dict | None:
    """The live generation's files.json (None when there is none, or when it cannot be read
    and not strict)."""
    if live is None:
        return None
    try:
        return json.loads(Generation(live).manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        if strict:
            raise
        return None


def _older_manifest(index_dir: Path, live: Path | None) -> dict | None:
    """The newest readable files.json of a generation before live: a reindex that stopped
    between its swap and writing files.json leaves a live generation without one, and the
    dates postings were first published must survive it (job alerts send what is new)."""
    for path in sorted((Path(index_dir) / "generations").glob("g*"), reverse=True):
        if path != live and (live is None or path.name < live.name):
            saved = _manifest(path, strict=False)
            if saved is not None:
                return saved
    return None


def _previous(saved: dict, records: bool) -> tuple[dict[str, dict], dict[str, FileRecord]]:
    """A usable live generation's documents (uid -> path, hash, stale, lang, published) and,
    when asked for, the file records they were loaded from (none if the parsing code changed
    since); `saved`: its manifest."""
    documents = {uid: dict(zip(("path", "hash", "stale", "lang", "published"), facts,
                               strict=True))
                 for uid, facts in saved["documents"].items()}
    if not records or saved["parser"] != parser_fingerprint():
        return documents, {}
    return documents, {rel: FileRecord.from_list(rel, data)
                       for rel, data in saved["files"].items()}


def _published_before(saved: dict | None) -> dict[str, int]:
    """uid -> the day (ordinal) an earlier generation first held it, from the live manifest
    even when that generation was built by other code (a full rebuild keeps the dates)."""
    try:
        return {uid: facts[4] for uid, facts in saved["documents"].items()
                if len(facts) > 4 and isinstance(facts[4], int)}
    except (TypeError, KeyError, AttributeError):
        return {}


def _save_manifest(generation: Path, loaded: LoadResult, docs: list[tuple[Entry, bool]],
                   published: dict[str, int]) -> None:
    saved = {
        "parser": parser_fingerprint(),
        "documents": {entry.uid: [entry.path, entry.content_hash, stale, entry.lang,
                                  published[entry.uid]]
                      for entry, stale in docs},
        "files": {rel: record.to_list() for rel, record in trusted(loaded).items()},
    }
    Generation(generation).manifest_path.write_text(json.dumps(saved, ensure_ascii=False,
                                                  separators=(",", ":")), encoding="utf-8")


def _last_good(live: Path, uids: list[str]) -> list[Posting]:
    with whoosh_index.open_dir(live).searcher() as searcher:
        return [schema.from_json(searcher.document(uid=uid)["source"]) for uid in uids]


@dataclass
class _Plan:
    """The documents of the new generation: kept files, plus last good versions (stale)."""

    docs: list[tuple[Entry, bool]]
    last_good: dict[str, Posting]

    def posting(self, loaded: LoadResult, entry: Entry, stale: bool) -> Posting:
        return self.last_good[entry.uid] if stale else loaded.posting(entry)


def _plan(loaded: LoadResult, old: dict[str, dict], live: Path | None) -> tuple[_Plan, list[str]]:
    """Documents the new generation holds: valid postings, plus stale last-good versions."""
    plan = _Plan([(entry, False) for entry in loaded.entries], {})
    present = {entry.uid for entry in loaded.entries}
    keep = [uid for uid, facts in old.items()
            if uid not in present and facts["path"] in loaded.failed_paths]
    if keep and live is not None:
        for posting in _last_good(live, keep):
            plan.last_good[posting.uid] = posting
            plan.docs.append((Entry.of(posting), True))
    return plan, sorted(old[uid]["path"] for uid in keep)


def _summarise(report: ReindexReport, loaded: LoadResult, docs: list[tuple[Entry, bool]]):
    report.problems = [p.to_dict() for p in loaded.problems]
    report.collapsed = [asdict(c) for c in loaded.collapsed]
    keys: dict[str, set[str]] = {}
    for entry, _stale in docs:
        report.per_language[entry.lang] = report.per_language.get(entry.lang, 0) + 1
        keys.setdefault(entry.key, set()).add(entry.lang)
        if not entry.classified:
            report.missing_classification.append(entry.path)
        if not entry.requirement_known:
            report.missing_language_requirement.append(entry.path)
    report.pairs = sum(1 for langs in keys.values() if len(langs) == 2)
    for lang in LANGS:
        report.only_in[lang] = sorted(
            entry.path for entry, _ in docs
            if entry.lang == lang and keys[entry.key] == {lang})
    report.documents = len(docs)
    report.postings = {entry.path: [entry.title, entry.lang, entry.slug]
                       for entry in [*(e for e, _ in docs), *loaded.hidden]}
    report.hidden = [{"path": e.path, "title": e.title, "lang": e.lang, "reason": e.hidden}
                     for e in loaded.hidden]


@dataclass
class _Changes:
    """How the new generation's documents differ from the live one's (uid -> facts in `old`)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    gone: list[str] = field(default_factory=list)  # uids the new generation no longer has
    changed: list[str] = field(default_factory=list)  # uids kept with another version
    kept: set[str] = field(default_factory=set)  # uids whose document is the same

    def count_into(self, report: ReindexReport) -> None:
        report.added, report.updated = self.added, self.updated
        report.unchanged, report.removed = self.unchanged, len(self.gone)


def _changes(plan: _Plan, old: dict[str, dict]) -> _Changes:
    """Compare the planned documents with the live generation's."""
    changes = _Changes()
    wanted = {entry.uid for entry, _ in plan.docs}
    changes.gone = [uid for uid in old if uid not in wanted]
    for entry, stale in plan.docs:
        before = old.get(entry.uid)
        if before is None:
            changes.added += 1
        elif (before["hash"], before["stale"], before["path"]) == (
                entry.content_hash, stale, entry.path):
            changes.unchanged += 1
            changes.kept.add(entry.uid)
        else:
            changes.updated += 1
            changes.changed.append(entry.uid)
    return changes


def _writer(generation: Path, full: bool, procs: int):
    """Whoosh's writer of the new generation: a fresh index for a full build (`procs` writer
    processes), else the hard-linked copy of the live generation."""
    if not full:
        return whoosh_index.open_dir(generation).writer()
    ix = whoosh_index.create_in(generation, schema.build_schema())
    return ix.writer(limitmb=BULK_LIMIT_MB, procs=procs, multisegment=procs > 1)


def _write(writer, plan: _Plan, loaded: LoadResult, changes: _Changes, full: bool,
           progress: Progress | None, published: dict[str, int]) -> Counter:
    """Write the documents that changed (all of them for a full build) and commit; return the
    spelling words of the documents written (word -> documents using it). `published`: uid ->
    the day the index first held it."""
    words, changed = Counter(), set(changes.changed)
    try:
        if not full:
            for uid in changes.gone:
                writer.delete_by_term("uid", uid)
        for done, (entry, stale) in enumerate(plan.docs, 1):
            if full or entry.uid not in changes.kept:
                posting = plan.posting(loaded, entry, stale)
                text = schema.searchable_text(posting)
                words.update(schema.spelling_words(posting, text))
                replacing = not full and entry.uid in changed
                write = writer.update_document if replacing else writer.add_document
                write(**schema.document(posting, stale, text, published[entry.uid]))
            if progress:
                progress(done, len(plan.docs))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    return words


def _vocabulary(live: Path | None, changes: _Changes, written: Counter, full: bool) -> Counter:
    """The new generation's spelling vocabulary: what was written, plus for an incremental
    build the live generation's, less the words of the documents that left or changed."""
    if full:
        return written
    words = suggest.read_frequencies(live)
    words.update(written)
    for posting in _last_good(live, changes.gone + changes.changed):
        words.subtract(schema.spelling_words(posting))
    return words


DEFAULT_PROCS = min(2, os.cpu_count() or 1)  # measured: 2 writers ~1.7x faster on 2 cores
# A load that removes more than this share of the live documents, or changes their language,
# is refused unless forced: a folder link loop, a half-checked-out repository or a swapped
# en/fr folder must not replace a good index (`jobboard reindex --force` accepts it).
SHAPE_SHARE = 0.2
SHAPE_MIN = 5


class ShapeChanged(RuntimeError):
    """The new load differs drastically from the live index (see SHAPE_SHARE)."""


def _same_content(live: Generation | None, content_dir: Path) -> bool:
    """True when the live generation was built from this content folder (pointing the board
    at another folder is a deliberate change, not a damaged load)."""
    built_from = live.build.get("content_dir") if live is not None else None
    return built_from is None or Path(built_from).resolve() == content_dir.resolve()


def check_shape(old: dict[str, dict], docs: list[tuple[Entry, bool]]) -> None:
    """Raise ShapeChanged when docs would remove or re-language too many live documents."""
    new_lang = {entry.path: entry.lang for entry, _ in docs}
    uids = {entry.uid for entry, _ in docs}
    removed = sum(1 for uid in old if uid not in uids)
    moved = sum(1 for facts in old.values()
                if new_lang.get(facts["path"], facts["lang"]) != facts["lang"])
    if removed + moved > max(SHAPE_MIN, SHAPE_SHARE * len(old)):
        raise ShapeChanged(
            f"this load would remove {removed} and change the language of {moved} of the "
            f"{len(old)} documents of the live index (more than {SHAPE_SHARE:.0%}): the live "
            "index was kept. Check the content folder (a link loop, a partial checkout, "
            "swapped folders); if the change is intended, run jobboard reindex --force")


def reindex(content_dir: Path | str, index_dir: Path | str, *, full: bool = False,
            progress: Progress | None = None, procs: int = DEFAULT_PROCS,
            force: bool = False, retention: store.Retention | None = None,
            on_live: Callable[[], None] | None = None) -> ReindexReport:
    """Load content, write a new generation, swap it live; raises ReindexRunning if locked.

    `procs` writer processes are used for full builds (incremental updates use one). `force`
    accepts a load that changes the index drastically (see check_shape). `retention` says
    which old generations to keep (store.Retention's defaults when None). `on_live` is
    called as soon as the new generation is live, before its file records and report are
    saved.
    """
    content_dir, index_dir = Path(content_dir), Path(index_dir)
    retention = retention or store.Retention()
    report = ReindexReport(started_at=_now(), content_dir=str(content_dir), full=full)
    started = time.monotonic()
    with store.writer_lock(index_dir):
        report.previous = getattr(Generation.live(index_dir), "name", None)
        try:
            code = fingerprint()  # of the code writing this generation, computed once
            save_manifest = _reindex(content_dir, index_dir, report, progress, procs, code,
                                     force, retention)
            report.duration_s = round(time.monotonic() - started, 3)
            built = Generation(Path(index_dir) / "generations" / report.generation)
            built.write_build({**report.facts(), "fingerprint": code})
        except Exception as error:  # the report says what failed; the live index is untouched
            report.outcome, report.error = "failed", _explain(error, index_dir)
            if report.generation:  # written but not swapped in: never readable, so delete it
                shutil.rmtree(Path(index_dir) / "generations" / report.generation,
                              ignore_errors=True)
            report.generation = None
        report.duration_s = round(time.monotonic() - started, 3)
        if report.outcome != "failed":
            store.swap(index_dir, built.path)
            if on_live is not None:
                on_live()
            _after_swap(built, report, save_manifest)
            report.duration_s = round(time.monotonic() - started, 3)
        store.prune(index_dir, retention)  # a failed build's folder goes at once
    return report


def _after_swap(built: Generation, report: ReindexReport, save_manifest) -> None:
    """What only the next reindex and HR read, written once the generation is live (searches
    do not wait for it; the writer lock is still held). If it cannot be written, the live
    generation still serves; the next reindex rebuilds in full and keeps the publication
    dates from an older generation's files.json."""
    try:
        save_manifest()
        built.write_report(report.to_dict())
    except OSError as error:
        report.error = (f"the new generation {built.name} is live, but its file records or "
                        f"report could not be saved ({error}): the next reindex is a full one")


def _explain(error: Exception, index_dir: Path) -> str:
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return (f"NoSpace: the disk holding {Path(index_dir) / 'generations'} is full (No space "
                "left on device); the unfinished generation was deleted. Free space on that "
                "disk, or keep fewer old generations (JOBBOARD_KEEP_GENERATIONS, "
                "JOBBOARD_KEEP_MINUTES)")
    return f"{type(error).__name__}: {error}"


def _space_needed(live: Path | None, loaded: LoadResult, full: bool) -> int:
    """Bytes a new generation may take while it is written, estimated from the live one
    (a full build writes segments, then merges them: about twice the final size)."""
    if live is None:
        content = sum(record.stamp[0] for record in loaded.records.values())
        return 3 * content + store.MB
    return int(store.folder_bytes(live) * (2 if full else 0.5)) + store.MB


def _reindex(content_dir: Path, index_dir: Path, report: ReindexReport,
             progress: Progress | None, procs: int, code: str, force: bool,
             retention: store.Retention) -> Callable[[], None]:
    """Build the new generation; returns what saves its files.json (after the swap)."""
    current = Generation.live(index_dir)
    problem = current.problem(code, to_update=True) if current else "missing"
    live = current.path if current else None
    # Built by other code, the live generation still tells which documents it held (their
    # count and last good versions): only its Whoosh files are not reused.
    readable = problem in (None, "outdated")
    saved = _manifest(live, strict=readable)
    if saved is None and not readable:
        saved = _older_manifest(index_dir, live)
    old, known = _previous(saved, not report.full) if readable else ({}, {})
    try:
        loaded = load_all(content_dir, known, procs=procs)
    except OSError as error:
        raise RuntimeError(f"the content folder cannot be read: {error}") from error
    plan, report.stale = _plan(loaded, old, live)
    _summarise(report, loaded, plan.docs)
    if not loaded.entries and old:
        raise RuntimeError(
            f"no valid posting in {content_dir} ({len(loaded.failed_paths)} invalid files): "
            "the live index was kept")
    if loaded.unreadable:
        raise RuntimeError(f"cannot read {', '.join(loaded.unreadable)} in {content_dir}: "
                           "the live index was kept")
    vanished = {facts["lang"] for facts in old.values()} - loaded.languages_seen()
    if vanished:
        raise RuntimeError(f"no {' or '.join(sorted(vanished))} file found in {content_dir} "
                           "although the index has some: the live index was kept")
    if not force and _same_content(current, content_dir):
        check_shape(old, plan.docs)
    if report.full:
        report.full_reason = "asked for: full rebuild"
    elif problem:
        report.full, report.full_reason = True, _FULL_BECAUSE[problem]
    needed = _space_needed(live if readable else None, loaded, report.full)
    try:
        store.check_space(index_dir, needed)
    except store.NoSpace:
        store.prune(index_dir, retention)  # old generations first, then ask again
        store.check_space(index_dir, needed)
    generation = store.new_generation(index_dir)
    if not report.full:
        store.copy_generation(live, generation)
    changes = _changes(plan, old)
    changes.count_into(report)
    before, today = _published_before(saved), dt.date.today().toordinal()
    published = {entry.uid: before.get(entry.uid, today) for entry, _ in plan.docs}
    written = _write(_writer(generation, report.full, procs), plan, loaded, changes,
                     report.full, progress, published)
    suggest.write_frequencies(generation, _vocabulary(live, changes, written, report.full))
    report.generation = generation.name
    report.outcome = "problems" if report.errors else "ok"
    return functools.partial(_save_manifest, generation, loaded, plan.docs, published)


def problems_of(report: ReindexReport) -> list[Problem]:
    """The report's problems as Problem objects (for printing)."""
    return [Problem(**p) for p in report.problems]
