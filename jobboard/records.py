"""What a load of the content remembers of each file, so that the next load parses only the
files that changed: a `FileRecord` per file (its stat stamp, its `Entry` when valid, its
problems), kept by the indexer with each generation (`files.json`).

    FileRecord((1234, mtime_ns, ctime_ns, inode), Entry("en", "cloud-engineer", …), ())
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from jobboard.problems import Problem

if TYPE_CHECKING:
    from jobboard.postings import LoadResult, Posting

# A file changed within this long before a load may change again with the same stamp (coarse
# file-system clocks): its record is not trusted by the next load.
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Entry:
    """What the checks across files and the indexer's plan need of a valid file."""

    lang: str
    key: str
    slug: str
    path: str
    archived: bool
    date_posted: dt.date | None
    body_length: int
    content_hash: str
    classified: bool
    requirement_known: bool
    title: str = ""
    hidden: str | None = None  # "draft" or "placeholder": kept out of the index
    closing_date: dt.date | None = None
    language_requirement: str | None = None

    @property
    def uid(self) -> str:
        return f"{self.lang}-{self.slug}"

    @classmethod
    def of(cls, posting: Posting) -> Entry:
        return cls(posting.lang, posting.key, posting.slug, posting.path, posting.archived,
                   posting.date_posted, len(posting.body), posting.content_hash,
                   bool(posting.classifications), bool(posting.language_requirement),
                   posting.title, posting.hidden, posting.closing_date,
                   posting.language_requirement)


Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


@dataclass(frozen=True)
class FileRecord:
    """One file as last loaded: its stamp, its entry (None when invalid) and its problems."""

    stamp: Stamp
    entry: Entry | None
    problems: tuple[Problem, ...]

    def to_list(self) -> list:
        """JSON-ready: [stamp, entry fields or None, problems fields]."""
        entry = self.entry
        fields_ = None if entry is None else [
            entry.lang, entry.key, entry.slug, entry.archived,
            entry.date_posted.toordinal() if entry.date_posted else None, entry.body_length,
            entry.content_hash, entry.classified, entry.requirement_known, entry.title,
            entry.hidden, entry.closing_date.toordinal() if entry.closing_date else None,
            entry.language_requirement]
        problems = [[p.file, p.line, p.field, p.reason, p.hint, p.severity, p.code,
                     [list(pair) for pair in p.params]] for p in self.problems]
        return [list(self.stamp), fields_, problems]

    @classmethod
    def from_list(cls, path: str, data: list) -> FileRecord:
        """Inverse of `to_list`."""
        stamp, fields_, problems = data
        entry = None
        if fields_ is not None:
            (lang, key, slug, archived, posted, length, digest, classified, known, title, hidden,
             closing, requirement) = fields_
            entry = Entry(lang, key, slug, path, archived,
                          dt.date.fromordinal(posted) if posted else None, length, digest,
                          classified, known, title, hidden,
                          dt.date.fromordinal(closing) if closing else None, requirement)
        return cls(tuple(stamp), entry, tuple(
            Problem(*p[:7], tuple(tuple(pair) for pair in p[7])) for p in problems))


def trusted(result: LoadResult) -> dict[str, FileRecord]:
    """The records of a load that a later load may reuse (not those changed just before it)."""
    limit = result.started_ns - RACY_NS
    return {rel: record for rel, record in result.records.items()
            if max(record.stamp[1], record.stamp[2]) < limit}


_PARSER_MODULES = ("postings.py", "records.py", "fields.py", "extraction.py", "taxonomy.py",
                   "langs.py", "vocabulary.py", "problems.py", "accommodation.py",
                   "markdown.py", "lint.py", "messages.py", "eligibility.py")


@functools.cache
def parser_fingerprint() -> str:
    """Changes with the code that turns a file into a posting: records of files loaded by other
    code are not reused."""
    digest = hashlib.sha256(f"{yaml.__version__} {version('python-frontmatter')}".encode())
    for name in _PARSER_MODULES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:16]
