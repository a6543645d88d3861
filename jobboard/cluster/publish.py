"""Publishing a generation: one transaction that moves the pointer, or changes nothing.

    publish(session, folder, ..., expected=N)  generation row (number from the sequence),
                                               compare-and-set on the pointer, NOTIFY
    rollback(settings, index_dir, to=None)     publish a new number whose files are an older
                                               generation's (hard links): numbers only grow

A NOTIFY sent inside a transaction that rolls back is never delivered, and the pointer moves
only if it still holds the number read when the run started and this indexer still holds
the leadership lock: a stale indexer (cut off, then back) cannot publish over a newer one.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from jobboard.cluster.models import GENERATIONS_CHANNEL, Generation, Pointer
from jobboard.cluster.queue import LEADER_LOCK
from jobboard.hr.db import database, database_url, now
from jobboard.search import store
from jobboard.search.fingerprint import fingerprint as build_fingerprint

_CHUNK = 1 << 20
_digests: dict[tuple[int, int, int, int], str] = {}  # (dev, inode, size, mtime) -> sha256


class PublishError(RuntimeError):
    """The pointer was not moved; the message says why."""


def fingerprint() -> str:
    """This code's build fingerprint (schema, Whoosh, analysis): what a generation must carry
    for this code to open and search it."""
    return build_fingerprint()


def openable(written_by: str) -> bool:
    """True when this code can open and search a generation with that fingerprint. The
    parser's fingerprint is not in it: it concerns only the indexer's next incremental run,
    so a parser change alone is a rolling deploy."""
    return written_by == fingerprint()


def shipped(name: str) -> bool:
    """Files of a generation that nodes receive (not Whoosh's lock, not hidden files)."""
    return not name.startswith(".") and not name.endswith("WRITELOCK")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_of(folder: Path) -> dict[str, list]:
    """{file: [size, sha256]} of a generation folder.

    Generations hard-link their unchanged files, so a file's digest is remembered by inode:
    an incremental publication hashes only the segments it wrote."""
    manifest = {}
    for item in sorted(Path(folder).iterdir()):
        if not item.is_file() or not shipped(item.name):
            continue
        info = item.stat()
        key = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
        if key not in _digests:
            _digests[key] = sha256_file(item)
        manifest[item.name] = [info.st_size, _digests[key]]
    return manifest


def manifest_digest(manifest: dict) -> str:
    """sha256 of the manifest's canonical JSON (what the generation row vouches for)."""
    return hashlib.sha256(json.dumps(manifest, sort_keys=True, separators=(",", ":"))
                          .encode()).hexdigest()


def holds_lock(session: Session, backend_pid: int) -> bool:
    """True when the PostgreSQL backend backend_pid holds the indexer's leadership lock."""
    return bool(session.scalar(text(
        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
        "AND pid = :pid AND classid = :c AND objid = :o AND objsubid = 2)"),
        {"pid": backend_pid, "c": LEADER_LOCK[0], "o": LEADER_LOCK[1]}))


def pointer(session: Session, *, lock: bool = False) -> Pointer:
    """The pointer row, created empty the first time."""
    row = session.get(Pointer, 1, with_for_update=lock)
    if row is None:
        session.execute(text("INSERT INTO index_pointer (id) VALUES (1) ON CONFLICT DO NOTHING"))
        row = session.get(Pointer, 1, with_for_update=lock)
    return row


def current(session: Session) -> Generation | None:
    """The generation the pointer names, or None before the first publication."""
    number = pointer(session).number
    return None if number is None else session.get(Generation, number)


def publish(session: Session, folder: Path, source_url: str, *, expected: int | None,
            report: dict | None = None, run_id: int | None = None,
            rollback_of: int | None = None, leader_pid: int | None = None,
            manifest: dict | None = None) -> Generation:
    """Record folder as the next generation and point at it, in session's transaction."""
    row = pointer(session, lock=True)
    if row.number != expected:
        raise PublishError(f"the published generation changed during the run (from "
                           f"{expected} to {row.number}, a rollback or another indexer): "
                           "not published; run it again")
    if leader_pid is not None and not holds_lock(session, leader_pid):
        raise PublishError("this indexer lost its leadership (its database connection was "
                           "cut): not published")
    manifest = manifest if manifest is not None else manifest_of(folder)
    report = report or {}
    generation = Generation(
        folder=Path(folder).name, source_url=source_url,
        fingerprint=store.Generation.at(Path(folder)).fingerprint or fingerprint(),
        manifest=manifest, manifest_digest=manifest_digest(manifest),
        documents=report.get("documents", 0), per_language=report.get("per_language", {}),
        run_id=run_id, rollback_of=rollback_of, published_at=now())
    session.add(generation)
    session.flush()  # the number comes from the sequence
    row.number, row.moved_at = generation.number, generation.published_at
    session.execute(text("SELECT pg_notify(:channel, :number)"),
                    {"channel": GENERATIONS_CHANNEL, "number": str(generation.number)})
    return generation


def rollback(settings: dict, index_dir: Path, to: int | None = None) -> Generation:
    """Publish a new number serving generation `to`'s files (default: the one before)."""
    db = database(database_url(settings))
    with db.session() as session:
        now_serving = current(session)
        if now_serving is None:
            raise PublishError("nothing is published yet: there is nothing to roll back")
        if to is None:
            target = session.scalar(select(Generation).where(
                Generation.number < now_serving.number,
                Generation.manifest_digest != now_serving.manifest_digest)
                .order_by(Generation.number.desc()).limit(1))
            if target is None:
                raise PublishError("no earlier generation with other files to roll back to")
        else:
            target = session.get(Generation, to)
            if target is None:
                raise PublishError(f"generation {to} was never published")
        expected, source_url = now_serving.number, now_serving.source_url
        target_number, target_folder = target.number, target.folder
        target_manifest, target_run = dict(target.manifest), target.run_id
    source = Path(index_dir) / "generations" / target_folder
    if not source.is_dir():
        raise PublishError(f"the files of generation {target_number} ({source}) were pruned: "
                           "choose a more recent one with --to")
    with store.writer_lock(index_dir):  # no reindex creates a generation folder meanwhile
        copy = store.new_generation(index_dir)
        for item in source.iterdir():
            if item.is_file() and shipped(item.name):
                os.link(item, copy / item.name)
        with db.session() as session:
            generation = publish(session, copy, source_url, expected=expected,
                                 run_id=target_run, rollback_of=target_number,
                                 manifest=target_manifest)
        store.swap(index_dir, copy)  # the indexer's next incremental run starts from it
    return generation
