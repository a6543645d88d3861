"""Reindex: load content, write a new generation, swap it in. The only way the index changes.

`reindex()` is called by `jobboard reindex`, by HR's web action and by the webhook; all get
the same `ReindexReport`. The live index is never modified: a full rebuild writes a fresh
generation, an incremental one hard-links the live generation and updates the copy. Either
way, nothing is visible until the atomic swap, so a crash or a failure leaves search intact.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from jobboard.postings import LoadResult, Posting, load_all
from jobboard.problems import Problem
from jobboard.records import Entry, FileRecord, parser_fingerprint, trusted
from jobboard.search import schema, store, suggest
from jobboard.search.store import ReindexRunning

SCHEMA_VERSION = 4  # 4: who_can_apply facet; profile, salaries, first published day in meta
BULK_LIMIT_MB = 512
MANIFEST = "files.json"  # per generation: its documents, and the files they were loaded from
Progress = Callable[[int, int], None]

__all__ = ["ReindexReport", "ReindexRunning", "reindex", "read_report"]


@dataclass
class ReindexReport:
    """What a reindex did; `exit_code` is 0 (all valid), 1 (indexed with problems), 2 (failed)."""

    started_at: str
    content_dir: str
    full: bool = False
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

    @property
    def errors(self) -> list[dict]:
        return [p for p in self.problems if p["severity"] == "error"]

    @property
    def exit_code(self) -> int:
        if self.outcome == "failed":
            return 2
        return 1 if self.errors else 0

    def to_dict(self) -> dict:
        return asdict(self)


def _now() -> str:
    return dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")


def read_report(index_dir: Path) -> dict | None:
    """The report saved with the live generation, or None."""
    live = store.live_path(index_dir)
    if live is None or not (live / "build.json").exists():
        return None
    return json.loads((live / "build.json").read_text())


def _usable(live: Path | None) -> bool:
    if live is None or not whoosh_index.exists_in(live):
        return False
    if not all((live / name).exists()
               for name in ("build.json", MANIFEST, suggest.SPELLING_FILE)):
        return False
    return json.loads((live / "build.json").read_text()).get("schema_version") == SCHEMA_VERSION


def _previous(live: Path, records: bool) -> tuple[dict[str, dict], dict[str, FileRecord]]:
    """A usable live generation's documents (uid -> path, hash, stale, lang, published) and,
    when asked for, the file records they were loaded from (none if the parsing code changed
    since)."""
    saved = json.loads((live / MANIFEST).read_text(encoding="utf-8"))
    documents = {uid: dict(zip(("path", "hash", "stale", "lang", "published"), facts,
                               strict=True))
                 for uid, facts in saved["documents"].items()}
    if not records or saved["parser"] != parser_fingerprint():
        return documents, {}
    return documents, {rel: FileRecord.from_list(rel, data)
                       for rel, data in saved["files"].items()}


def _published_before(live: Path | None) -> dict[str, int]:
    """uid -> the day (ordinal) an earlier generation first held it, from the live manifest
    even when its generation is of an older schema (a full rebuild keeps the dates)."""
    try:
        saved = json.loads((live / MANIFEST).read_text(encoding="utf-8"))
        return {uid: facts[4] for uid, facts in saved["documents"].items()
                if len(facts) > 4 and isinstance(facts[4], int)}
    except (OSError, TypeError, ValueError, KeyError, AttributeError):
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
    (generation / MANIFEST).write_text(json.dumps(saved, ensure_ascii=False,
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
    report.problems = [asdict(p) for p in loaded.problems]
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
    for lang in schema.LANGS:
        report.only_in[lang] = sorted(
            entry.path for entry, _ in docs
            if entry.lang == lang and keys[entry.key] == {lang})
    report.documents = len(docs)


def _write(generation: Path, plan: _Plan, loaded: LoadResult, old: dict[str, dict],
           live: Path | None, report: ReindexReport, progress: Progress | None,
           procs: int, published: dict[str, int]) -> Counter:
    """Write the documents that changed (all of them for a full build); return the new
    generation's spelling vocabulary (word -> documents using it)."""
    incremental = not report.full
    if incremental:
        ix = whoosh_index.open_dir(generation)
        writer = ix.writer()
        words = suggest.read_frequencies(live)
    else:
        ix = whoosh_index.create_in(generation, schema.build_schema())
        writer = ix.writer(limitmb=BULK_LIMIT_MB, procs=procs, multisegment=procs > 1)
        words = Counter()
    replaced = []  # documents of the live generation that leave it or change
    try:
        wanted = {entry.uid for entry, _ in plan.docs}
        for uid in old:
            if uid not in wanted:
                report.removed += 1
                replaced.append(uid)
                if incremental:
                    writer.delete_by_term("uid", uid)
        for done, (entry, stale) in enumerate(plan.docs, 1):
            before = old.get(entry.uid)
            if before is None:
                report.added += 1
            elif (before["hash"], before["stale"], before["path"]) == (
                    entry.content_hash, stale, entry.path):
                report.unchanged += 1
                if incremental:
                    continue
            else:
                report.updated += 1
                replaced.append(entry.uid)
            posting = plan.posting(loaded, entry, stale)
            text = schema.searchable_text(posting)
            words.update(schema.spelling_words(posting, text))
            document = schema.document(posting, stale, text, published[entry.uid])
            if incremental and before is not None:
                writer.update_document(**document)
            else:
                writer.add_document(**document)
            if progress:
                progress(done, len(plan.docs))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    if incremental:
        for posting in _last_good(live, replaced):
            words.subtract(schema.spelling_words(posting))
    return words


DEFAULT_PROCS = min(2, os.cpu_count() or 1)  # measured: 2 writers ~1.7x faster on 2 cores


def reindex(content_dir: Path | str, index_dir: Path | str, *, full: bool = False,
            progress: Progress | None = None, procs: int = DEFAULT_PROCS) -> ReindexReport:
    """Load content, write a new generation, swap it live; raises ReindexRunning if locked.

    `procs` writer processes are used for full builds (incremental updates use one).
    """
    content_dir, index_dir = Path(content_dir), Path(index_dir)
    report = ReindexReport(started_at=_now(), content_dir=str(content_dir), full=full)
    started = time.monotonic()
    with store.writer_lock(index_dir):
        try:
            _reindex(content_dir, index_dir, report, progress, procs)
        except Exception as error:  # the report says what failed; the live index is untouched
            report.outcome, report.error = "failed", f"{type(error).__name__}: {error}"
        report.duration_s = round(time.monotonic() - started, 3)
        if report.generation and report.outcome != "failed":
            path = Path(index_dir) / "generations" / report.generation
            (path / "build.json").write_text(json.dumps(
                {**report.to_dict(), "schema_version": SCHEMA_VERSION}, ensure_ascii=False))
            store.swap(index_dir, path)
            store.prune(index_dir)
    return report


def _reindex(content_dir: Path, index_dir: Path, report: ReindexReport,
             progress: Progress | None, procs: int) -> None:
    live = store.live_path(index_dir)
    usable = _usable(live)
    old, known = _previous(live, not report.full) if usable else ({}, {})
    try:
        loaded = load_all(content_dir, known)
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
    report.full = report.full or not usable
    generation = store.new_generation(index_dir)
    if not report.full:
        store.copy_generation(live, generation, leave_out=(MANIFEST, suggest.SPELLING_FILE))
    before, today = _published_before(live), dt.date.today().toordinal()
    published = {entry.uid: before.get(entry.uid, today) for entry, _ in plan.docs}
    words = _write(generation, plan, loaded, old, live, report, progress, procs, published)
    suggest.write_frequencies(generation, words)
    _save_manifest(generation, loaded, plan.docs, published)
    report.generation = generation.name
    report.outcome = "problems" if report.errors else "ok"


def problems_of(report: ReindexReport) -> list[Problem]:
    """The report's problems as Problem objects (for printing)."""
    return [Problem(**p) for p in report.problems]
