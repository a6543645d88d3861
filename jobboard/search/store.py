"""Where index generations live on disk, what each one is (`Generation`), the writer lock,
and the atomic swap.

    index/
      live -> generations/g000007   symlink, replaced atomically (rename) on each swap
      generations/g000007/          a complete Whoosh index, plus the generation's own files:
        build.json                    its facts: counts, build time, fingerprint (small: read
                                      at each opening); written last, it marks a finished build
        report.json                   its whole reindex report (problems, lists for HR)
        files.json                    its documents and the file records they came from
                                      (these two are written just after the swap)
        spelling.json                 its "did you mean" vocabulary
      .lock                         flock()ed by the one running reindex; the kernel
                                    releases it when that process dies, even by kill -9
"""

from __future__ import annotations

import ctypes
import fcntl
import json
import multiprocessing.util
import os
import shutil
import signal
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

MB = 1024 * 1024


@dataclass(frozen=True)
class Retention:
    """Which finished generations a prune keeps: the live one, the newest `generations`, and
    every one younger than `minutes` (searchers, or other nodes, may still be reading them).
    Folders of failed or interrupted builds (no build.json) are never kept."""

    generations: int = 3
    minutes: float = 10.0


class NoSpace(OSError):
    """Not enough free disk space for a new generation."""


class ReindexRunning(RuntimeError):
    """Another process holds the writer lock."""

    def __init__(self, info: dict):
        self.info = info
        since = info.get("started", "an unknown time")
        super().__init__(f"a reindex is already running (pid {info.get('pid', '?')}, "
                         f"started {since})")


def live_path(index_dir: Path) -> Path | None:
    """The live generation's folder, or None when no index was ever built."""
    link = Path(index_dir) / "live"
    if not link.is_symlink():
        return None
    target = (link.parent / os.readlink(link)).resolve()
    return target if target.is_dir() else None


BUILD_FILE = "build.json"
MANIFEST_FILE = "files.json"
SPELLING_FILE = "spelling.json"
REPORT_FILE = "report.json"
# Written afresh by each generation, never hard links to an older generation's.
OWN_FILES = (BUILD_FILE, MANIFEST_FILE, SPELLING_FILE, REPORT_FILE)
_SERVED = (BUILD_FILE, SPELLING_FILE)  # what a search needs besides Whoosh's files
# What updating it needs too: files.json is written just after the swap (still under the
# writer lock), so the new generation is searchable sooner; generations before report.json
# had none.
_NEEDED = (*_SERVED, MANIFEST_FILE)


@dataclass(frozen=True)
class Generation:
    """One generation folder and the facts its build recorded: the one owner of whether a
    generation can be searched or updated, for the indexer, the engine, the server and HR.

        Generation.live(index_dir) -> Generation(path=.../generations/g000007)
        .name "g000007", .number 7, .fingerprint "4:3.54.0:5f0c…", .built_at, .documents,
        .per_language {"en": 24, "fr": 24}, .files() every file (to copy or publish it)
        .usable() -> True when complete and built by code with this code's fingerprint
    """

    path: Path
    build: dict = field(default_factory=dict, compare=False, repr=False)  # build.json

    @classmethod
    def at(cls, path: Path | str) -> Generation:
        """The generation in a folder, with its build.json when it has one."""
        path = Path(path)
        build_file = path / BUILD_FILE
        build = json.loads(build_file.read_text(encoding="utf-8")) if build_file.exists() else {}
        return cls(path, build)

    @classmethod
    def live(cls, index_dir: Path | str) -> Generation | None:
        """The live generation of an index folder, or None when none was ever built."""
        path = live_path(index_dir)
        return None if path is None else cls.at(path)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def number(self) -> int:
        return int(self.name[1:])

    @property
    def fingerprint(self) -> str | None:
        """The build fingerprint of the code that built it (`search.fingerprint`)."""
        return self.build.get("fingerprint")

    @property
    def built_at(self) -> str | None:
        """When its build started (ISO 8601 with the offset)."""
        return self.build.get("started_at")

    @property
    def documents(self) -> int:
        return self.build.get("documents", 0)

    @property
    def per_language(self) -> dict[str, int]:
        return self.build.get("per_language", {})

    @property
    def manifest_path(self) -> Path:
        return self.path / MANIFEST_FILE

    @property
    def spelling_path(self) -> Path:
        return self.path / SPELLING_FILE

    def files(self) -> list[Path]:
        """Every file of the generation (Whoosh's segments and table of contents, then its own
        files), sorted by name; Whoosh's lock file is not part of it."""
        return sorted(item for item in self.path.iterdir()
                      if item.is_file() and not item.name.endswith("WRITELOCK"))

    def complete(self, to_update: bool = True) -> bool:
        """A Whoosh index and all of its own files are there (`to_update`: those a search
        needs, when False)."""
        return whoosh_index.exists_in(self.path) and all(
            (self.path / name).exists() for name in (_NEEDED if to_update else _SERVED))

    def problem(self, fingerprint: str | None = None, to_update: bool = False) -> str | None:
        """Why this code cannot search it (or update it, `to_update`): "incomplete",
        "outdated" (built by code with another fingerprint; default: this code's), or None."""
        if not self.complete(to_update):
            return "incomplete"
        if fingerprint is None:
            from jobboard.search.fingerprint import fingerprint as current  # schema: Whoosh's
            fingerprint = current()
        return "outdated" if self.fingerprint != fingerprint else None

    def usable(self, fingerprint: str | None = None) -> bool:
        """Complete and built with `fingerprint` (default: this code's)."""
        return self.problem(fingerprint) is None

    def report(self) -> dict:
        """Its whole reindex report, for HR (build.json's facts when it has no report.json)."""
        try:
            return json.loads((self.path / REPORT_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return self.build

    def write_build(self, facts: dict, report: dict | None = None) -> Generation:
        """Save its report (when given), then its build facts (before the swap: never
        written once live); the updated view."""
        if report is not None:
            self.write_report(report)
        (self.path / BUILD_FILE).write_text(json.dumps(facts, ensure_ascii=False),
                                            encoding="utf-8")
        return Generation(self.path, facts)

    def write_report(self, report: dict) -> None:
        """Save its whole reindex report (the indexer does it just after the swap)."""
        (self.path / REPORT_FILE).write_text(
            json.dumps(report, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def new_generation(index_dir: Path) -> Path:
    """Create and return an empty folder for the next generation."""
    generations = Path(index_dir) / "generations"
    generations.mkdir(parents=True, exist_ok=True)
    numbers = [int(p.name[1:]) for p in generations.glob("g*") if p.name[1:].isdigit()]
    path = generations / f"g{max(numbers, default=0) + 1:06d}"
    path.mkdir()
    return path


def copy_generation(source: Path, target: Path) -> None:
    """Hard-link a generation's Whoosh files into target (Whoosh never rewrites a file in place).

    Not linked: Whoosh's lock file and the generation's own files (`OWN_FILES`), which the new
    generation writes afresh (writing through a shared link would change the old generation's).
    """
    for item in Generation(source).files():
        if item.name not in OWN_FILES:
            os.link(item, target / item.name)


def swap(index_dir: Path, generation: Path) -> None:
    """Point live at generation atomically: readers see the old or the new index, never none."""
    index_dir = Path(index_dir)
    temporary = index_dir / f".live-{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(generation.relative_to(index_dir))
    os.replace(temporary, index_dir / "live")
    fd = os.open(index_dir, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def prune(index_dir: Path, retention: Retention = Retention()) -> None:
    """Delete generations the retention does not keep, and leftovers of failed builds.

    Call it holding the writer lock: a folder without build.json is then never one being
    written.
    """
    live = live_path(index_dir)
    finished, leftovers = [], []
    for path in sorted((Path(index_dir) / "generations").glob("g*")):
        (finished if (path / BUILD_FILE).exists() else leftovers).append(path)
    keep = set(finished[-retention.generations:]) if retention.generations > 0 else set()
    now = time.time()
    for path in finished:
        if path == live or path in keep or now - path.stat().st_mtime < retention.minutes * 60:
            continue
        shutil.rmtree(path, ignore_errors=True)
    for path in leftovers:
        if path != live:
            shutil.rmtree(path, ignore_errors=True)


def folder_bytes(path: Path) -> int:
    """Bytes of the files directly in a generation folder."""
    return sum(item.stat().st_size for item in Path(path).iterdir() if item.is_file())


def check_space(index_dir: Path, needed: int) -> None:
    """NoSpace, naming the folder and the figures, when the disk cannot hold `needed` bytes."""
    folder = Path(index_dir) / "generations"
    folder.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise NoSpace(
            f"not enough free space in {folder} for a new generation: about "
            f"{needed / MB:.1f} MB needed, {free / MB:.1f} MB free. Free space on that disk, "
            "or keep fewer old generations (JOBBOARD_KEEP_GENERATIONS, JOBBOARD_KEEP_MINUTES)")


class _Held:
    """The lock's file descriptor, as seen by processes forked while it is held."""

    def __init__(self, fd: int):
        self.fd = fd


def _in_forked_writer(held: _Held) -> None:
    # Whoosh's parallel writers are forked children: they inherit the lock's descriptor, and an
    # flock lives until every copy is closed. Drop our copy, and die with the parent, so a
    # `kill -9` of the reindex never leaves orphans holding the board locked.
    with suppress(OSError):
        os.close(held.fd)
    with suppress(OSError, AttributeError):
        parent = os.getppid()
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)


_PR_SET_PDEATHSIG = 1


@contextmanager
def writer_lock(index_dir: Path):
    """Hold the one-writer lock for the duration of a reindex; ReindexRunning if taken."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    held = _Held(fd)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReindexRunning(_read_info(fd)) from None
        multiprocessing.util.register_after_fork(held, _in_forked_writer)
        info = {"pid": os.getpid(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        yield info
    finally:
        os.close(fd)  # closing releases the flock (no forked writer keeps a copy)


def _read_info(fd: int) -> dict:
    try:
        return json.loads(os.pread(fd, 4096, 0) or b"{}")
    except ValueError:
        return {}


def _flock_holder(path: Path) -> int | None:
    """Pid holding an flock on path, read from /proc/locks (None if unlocked or unknown)."""
    try:
        info = path.stat()
        locks = Path("/proc/locks").read_text()
    except OSError:
        return None
    inode = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    for line in locks.splitlines():
        fields = line.split()
        if "FLOCK" in fields and inode in fields and "->" not in fields:
            return int(fields[fields.index("FLOCK") + 3])
    return None


def running(index_dir: Path) -> dict | None:
    """Info about the reindex holding the lock right now, or None.

    Reads /proc/locks rather than trying the lock, so asking never delays a reindex that is
    starting at that moment; elsewhere it falls back to a non-blocking shared-lock probe.
    """
    path = Path(index_dir) / ".lock"
    if not path.exists():
        return None
    if Path("/proc/locks").exists():
        pid = _flock_holder(path)
        if pid is None:
            return None
        fd = os.open(path, os.O_RDONLY)
        try:
            info = _read_info(fd)
        finally:
            os.close(fd)
        return info if info.get("pid") == pid else {"pid": pid}
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_info(fd) or {"pid": None}
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)
