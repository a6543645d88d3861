"""Load and validate postings: Markdown files with YAML front matter, one per posting per language.

`load_all(content_dir)` never raises on bad content: every file it cannot use becomes a `Problem`
naming the file, the line when known, the field, the reason and what to do about it.

`load_all(content_dir, known)` skips parsing files whose stat stamp matches a `FileRecord` of an
earlier load (the indexer keeps them with each generation); the checks across files then run on
the same records, so the result is the one a full parse gives.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import hashlib
import itertools
import multiprocessing
import os
import re
import stat
import time
from collections import defaultdict
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import frontmatter
import yaml

from jobboard import (
    accommodation,
    config,
    eligibility,
    extraction,
    fields,
    lint,
    markdown,
    status,
    vocabulary,
    xmlchars,
)
from jobboard.langs import LANGS
from jobboard.problems import Problem, problem, yaml_problem
from jobboard.records import Entry, FileRecord, Stamp
from jobboard.taxonomy import Classification

MAX_FILE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Posting:
    """One posting in one language, with each structured value and where it came from."""

    lang: str
    slug: str
    path: str
    key: str
    title: str
    description: str
    body: str
    archived: bool = False
    source_id: str | None = None
    classifications: tuple[Classification, ...] = ()
    classification_source: str | None = None
    language_requirement: str | None = None
    language_requirement_source: str | None = None
    language_profile: str | None = None
    locations: tuple[str, ...] = ()
    tenure: str | None = None
    department: str | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    closing_date: dt.date | None = None
    date_posted: dt.date | None = None
    who_can_apply: tuple[str, ...] = ()  # eligibility.AREAS codes
    who_can_apply_source: str | None = None
    apply_url: str | None = None
    accommodation_email: str | None = None
    accommodation_phone: str | None = None
    content_hash: str = ""
    hidden: str | None = None  # "draft" or "placeholder": never shown to candidates

    @property
    def uid(self) -> str:
        """Stable public id: "fr-developpeur-python"."""
        return f"{self.lang}-{self.slug}"

    def status(self, today: dt.date, open_days: int = status.DEFAULT_OPEN_DAYS) -> str:
        """open, closed or archived, this file alone (see jobboard/status.py)."""
        return status.file_status(self.archived, self.closing_date, self.date_posted, today,
                                  open_days)


@dataclass(frozen=True)
class Collapse:
    """Several files in one language share a translationKey: one is kept, the others dropped."""

    lang: str
    key: str
    kept: str
    dropped: tuple[str, ...]


@dataclass
class LoadResult:
    """Everything `load_all` found: valid postings, problems, collapsed copies.

    `entries` are the kept files (with their final slug); `postings` are the same as Posting
    objects, parsed on first use for files that `load_all` answered from known records.
    """

    root: Path | None = None
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    collapsed: list[Collapse] = field(default_factory=list)
    hidden: list[Entry] = field(default_factory=list)  # drafts and placeholders: not indexed
    failed_paths: set[str] = field(default_factory=set)
    unreadable: list[str] = field(default_factory=list)
    records: dict[str, FileRecord] = field(default_factory=dict)
    started_ns: int = 0
    parsed: dict[str, Posting] = field(default_factory=dict, repr=False)

    @functools.cached_property
    def postings(self) -> list[Posting]:
        return [self.posting(entry) for entry in self.entries]

    def posting(self, entry: Entry) -> Posting:
        """The Posting of a kept entry (parsing its file again if it was not parsed)."""
        posting = self.parsed.get(entry.path)
        if posting is None:
            posting, _ = load_posting(self.root / entry.path, self.root)
            if posting is None or Entry.of(posting) != replace(entry, slug=posting.slug):
                raise RuntimeError(f"{entry.path} changed while it was being loaded: "
                                   "load the content again")
        return posting if posting.slug == entry.slug else _with_slug(posting, entry.slug)

    def languages_seen(self) -> set[str]:
        """Languages of every file read, valid or not (by posting, else by top folder)."""
        return {e.lang for e in self.entries} | {
            path.split("/", 1)[0] for path in self.failed_paths if "/" in path}

    def translation_of(self, posting: Posting) -> Posting | None:
        """The posting in the other language with the same key, if any."""
        for other in self.postings:
            if other.key == posting.key and other.lang != posting.lang:
                return other
        return None


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster


class _TextDatesLoader(_SAFE_LOADER):
    """Safe loader that leaves dates as text ("2026-13-45" becomes a field warning, not a
    crash) and reads only true/false as booleans, as YAML 1.2 does: YAML 1.1 made the province
    in `locations: [Ottawa, ON]` the boolean True (and no, yes, off, y, n too)."""


_BOOL = "tag:yaml.org,2002:bool"
_YAML12_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, _YAML12_BOOL if tag == _BOOL else regexp) for tag, regexp in resolvers
            if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FrontMatter(frontmatter.YAMLHandler):
    def load(self, fm: str, **kwargs: object):
        return yaml.load(fm, Loader=_TextDatesLoader)  # noqa: S506 - a SafeLoader subclass


_HANDLER = _FrontMatter()


class _Invalid(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.reason)
        self.problem = problem


def _read_text(path: Path, rel: str) -> str:
    try:
        # O_NOFOLLOW: a file swapped for a symbolic link after the folder walk is not read either
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _Invalid(problem(rel, None, "file", "link_file")) from error
        raise _Invalid(problem(rel, None, "file", "unreadable", error=error.strerror)) from error
    if not raw.strip():
        raise _Invalid(problem(rel, 1, "file", "empty"))
    if len(raw) > MAX_FILE_BYTES:
        size = max(len(raw), os.stat(path, follow_symlinks=False).st_size)
        raise _Invalid(problem(rel, None, "body", "too_big", size=size // 1024,
                               limit=MAX_FILE_BYTES // 1024))
    if b"\x00" in raw[:8192]:
        raise _Invalid(problem(rel, None, "file", "binary"))
    if b"\x00" in raw:
        raise _Invalid(problem(rel, raw[: raw.index(b"\x00")].count(b"\n") + 1, "file",
                               "nul_char"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _Invalid(problem(rel, line, "file", "not_utf8",
                               byte=f"{raw[error.start]:02x}")) from error


def _without_control_characters(text: str, rel: str, problems: list[Problem]) -> str:
    """The text without characters XML forbids (they would break every feed showing it)."""
    found = xmlchars.FORBIDDEN.search(text)
    if found is None:
        return text
    problems.append(problem(rel, text.count("\n", 0, found.start()) + 1, "file",
                            "control_chars", "warning", char=f"{ord(found.group()):04X}"))
    return xmlchars.strip(text)


def _clean_meta(meta: dict, rel: str, problems: list[Problem]) -> dict:
    """Front matter without characters XML forbids (YAML escapes such as "\\x01" or "\\0")."""
    cleaned = xmlchars.clean(meta)
    for name, value in meta.items():
        if cleaned.get(xmlchars.clean(name)) != value:
            problems.append(problem(rel, None, str(name), "field_control_chars", "warning"))
    return cleaned


def _lang_for(rel_path: Path, meta: dict, rel: str, problems: list[Problem]) -> str:
    folder = rel_path.parts[0] if len(rel_path.parts) > 1 else None
    declared = str(meta.get("lang") or "").strip().lower()[:2] or None
    if declared and declared not in LANGS:
        problems.append(problem(rel, None, "lang", "lang_invalid", "warning",
                                value=str(meta.get("lang"))))
        declared = None
    if declared and folder in LANGS and declared != folder:
        problems.append(problem(rel, None, "lang", "lang_mismatch", "warning",
                                declared=declared, folder=folder))
    lang = declared or (folder if folder in LANGS else None)
    if not lang:
        raise _Invalid(problem(rel, None, "lang", "lang_unknown"))
    return lang


def _text(meta: dict, name: str) -> str:
    value = meta.get(name)
    return "" if value is None else str(value).strip()


def load_posting(path: Path, root: Path) -> tuple[Posting | None, list[Problem]]:
    """Parse one file; return the posting (None when unusable) and every problem found."""
    rel_path = path.relative_to(root)
    rel = rel_path.as_posix()
    problems: list[Problem] = []
    try:
        text = _without_control_characters(_read_text(path, rel), rel, problems)
        if not text.lstrip().startswith("---"):
            raise _Invalid(problem(rel, 1, "front matter", "no_front_matter"))
        try:
            meta, body = frontmatter.parse(text, handler=_HANDLER)
        except Exception as error:  # YAML errors come in several classes
            raise _Invalid(yaml_problem(rel, text, error)) from error
        if not isinstance(meta, dict) or not meta:
            raise _Invalid(problem(rel, 1, "front matter", "front_matter_not_fields"))
        meta = _clean_meta(meta, rel, problems)
        lang = _lang_for(rel_path, meta, rel, problems)
        title = _text(meta, "title")
        if not title:
            raise _Invalid(problem(rel, None, "title", "no_title"))
        posting = _build(meta, body, lang, rel_path, rel, title, text, problems)
        draft = fields.parse_bool(meta, "draft", rel, problems) if "draft" in meta else None
        found = lint.check_file(rel, meta, body, _body_line(text, body), posting.archived,
                                posting.closing_date is not None, draft)
        problems.extend(found.problems)
        if found.hidden:
            posting = replace(posting, hidden=found.hidden)
    except _Invalid as invalid:
        return None, [*problems, invalid.problem]
    return posting, problems


def _body_line(text: str, body: str) -> int:
    """The file line (1-based) where the body starts."""
    head = text[: text.rfind(body[:80])] if body.strip() else text
    return head.count("\n") + 1


def _build(meta: dict, body: str, lang: str, rel_path: Path, rel: str, title: str, text: str,
           problems: list[Problem]) -> Posting:
    values = fields.parse_structured(meta, rel, problems)
    classes = values.pop("classifications")
    class_source = "front matter" if classes else None
    requirement = values.pop("language_requirement")
    requirement_source = "front matter" if requirement else None
    profile = values.pop("language_profile")
    if not classes or not requirement:
        found = extraction.extract(body, lang)
        if not classes and found.classifications:
            classes, class_source = found.classifications, "body"
        if not requirement and found.language_requirement:
            requirement, requirement_source = found.language_requirement, "body"
            profile = profile or found.language_profile
    areas = values.pop("who_can_apply")
    areas_source = "front matter" if areas else None
    if not areas:
        areas = eligibility.areas_in_body(body)
        areas_source = "body" if areas else None
    source_id = next((_text(meta, k) for k in ("id", "leverId", "Lever ID") if _text(meta, k)),
                     None)
    key = _text(meta, "translationKey") or source_id or rel_path.stem
    return Posting(
        lang=lang, slug=vocabulary.slugify(rel_path.stem) or "posting", path=rel, key=key,
        title=markdown.plain_text(title),
        description=markdown.plain_text(_text(meta, "description")), body=body,
        archived=fields.parse_bool(meta, "archived", rel, problems), source_id=source_id,
        classifications=tuple(classes), classification_source=class_source,
        language_requirement=requirement, language_requirement_source=requirement_source,
        language_profile=profile, who_can_apply=areas, who_can_apply_source=areas_source,
        content_hash=hashlib.sha256(text.encode()).hexdigest()[:16],
        **values, **accommodation.parse(meta, rel, problems),
    )


def _markdown_files(root: Path, result: LoadResult) -> list[tuple[str, str, Stamp]]:
    """(path, relative path, stamp) of every *.md regular file under root, sorted.

    Only regular files inside root are read: symbolic links are reported and never followed
    (content arrives from a git repository, where a link can point at any file on the server,
    or loop back into the content folder and publish every posting again under another
    language). Folders that cannot be read become problems (their postings would vanish).
    """

    def unreadable(error: OSError) -> None:
        rel = Path(error.filename).relative_to(root).as_posix() if error.filename else "."
        result.unreadable.append(rel)
        result.problems.append(problem(rel, None, "folder", "folder_unreadable",
                                       error=error.strerror))

    found = []
    folders = [(str(root), "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            unreadable(error if error.filename else OSError(error.errno, error.strerror, folder))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            if entry.is_symlink():
                _report_link(Path(entry.path), rel, result)
            elif entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, rel + "/"))
            elif entry.name.endswith(".md"):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode):
                    stamp = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
                    found.append((entry.path, rel, stamp))
                else:
                    result.problems.append(problem(rel, None, "file", "not_regular"))
    return sorted(found, key=lambda item: item[1].split("/"))  # the order of sorted Paths


def _report_link(path: Path, rel: str, result: LoadResult) -> None:
    """A symbolic link in the content folder: a problem naming it; its target is never read."""
    try:
        is_folder, where = stat.S_ISDIR(os.stat(path).st_mode), None
    except OSError as error:  # ELOOP: a link to itself, or a cycle of links
        is_folder = False
        where = "link_loops" if error.errno == errno.ELOOP else "link_dangling"
    if not (is_folder or rel.endswith(".md") or where):
        return  # a link to an image or another file that is not a posting: not ours to read
    code = where or ("link_folder" if is_folder else "link_file")
    result.problems.append(problem(rel, None, "folder" if is_folder else "file", code))


def _preference(entry: Entry) -> tuple:
    # Keep the copy a candidate most likely wants: open before archived, newest, most complete.
    return (not entry.archived, entry.date_posted or dt.date.min, entry.body_length, entry.path)


# Below this many files to parse, starting processes costs more than it saves.
PARALLEL_FROM = 400


def _load_one(path: str, root: Path) -> tuple[Posting | None, list[Problem]]:
    return load_posting(Path(path), root)


def _load_postings(paths: list[str], root: Path,
                   procs: int) -> dict[str, tuple[Posting | None, list[Problem]]]:
    """path -> load_posting's answer. Many files are parsed by `procs` processes (forked:
    they start with everything imported); a posting's Markdown, YAML and lint take about a
    millisecond, 10 s of a 10,000-file full build in one process."""
    if procs < 2 or len(paths) < PARALLEL_FROM:
        return {path: load_posting(Path(path), root) for path in paths}
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(procs, mp_context=context) as pool:
        answers = pool.map(_load_one, paths, itertools.repeat(root),
                           chunksize=max(1, len(paths) // (procs * 8)))
        return dict(zip(paths, answers, strict=True))


def load_all(root: Path | str, known: Mapping[str, FileRecord] | None = None,
             today: dt.date | None = None, open_days: int | None = None,
             procs: int = 1) -> LoadResult:
    """Load every Markdown file under root; collapse copies sharing (lang, translationKey);
    drafts and placeholders go to `hidden`; the lint across files runs as of `today`.

    Files whose stamp equals their record in `known` are not parsed again; many others are
    parsed by `procs` processes. `open_days` defaults to the JOBBOARD_OPEN_WITHOUT_CLOSING_DAYS
    setting.
    """
    root = Path(root)
    result = LoadResult(root=root, started_ns=time.time_ns())
    if not root.is_dir():
        raise FileNotFoundError(f"content folder {root} does not exist or is not a folder")
    by_key: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    files = _markdown_files(root, result)
    changed = [path for path, rel, stamp in files
               if getattr((known or {}).get(rel), "stamp", None) != stamp]
    loaded = _load_postings(changed, root, procs)
    for path, rel, stamp in files:
        record = (known or {}).get(rel)
        if record is None or record.stamp != stamp:
            posting, problems = loaded[path]
            entry = None
            if posting is not None:
                result.parsed[rel] = posting
                entry = Entry.of(posting)
            record = FileRecord(stamp, entry, tuple(problems))
        result.records[rel] = record
        result.problems.extend(record.problems)
        if record.entry is None:
            result.failed_paths.add(rel)
        elif record.entry.hidden:
            result.hidden.append(record.entry)
        else:
            by_key[(record.entry.lang, record.entry.key)].append(record.entry)
    slugs: dict[tuple[str, str], int] = defaultdict(int)
    for (lang, key), copies in by_key.items():
        copies.sort(key=_preference, reverse=True)
        kept = copies[0]
        if len(copies) > 1:
            dropped = tuple(c.path for c in copies[1:])
            result.collapsed.append(Collapse(lang, key, kept.path, dropped))
            for path in dropped:
                result.problems.append(problem(
                    path, None, "translationKey", "duplicate_key", "warning", key=key,
                    count=len(copies), lang=lang, kept=kept.path))
        slugs[(lang, kept.slug)] += 1
        if slugs[(lang, kept.slug)] > 1:  # same file name in two folders
            kept = replace(kept, slug=f"{kept.slug}-{slugs[(lang, kept.slug)]}")
        result.entries.append(kept)
    result.entries.sort(key=lambda e: (e.lang, e.slug))
    if open_days is None:
        open_days = config.from_environment()["OPEN_WITHOUT_CLOSING_DAYS"]
    result.problems.extend(lint.check_across(result.entries, today or dt.date.today(),
                                             open_days))
    return result


def _with_slug(posting: Posting, slug: str) -> Posting:
    return replace(posting, slug=slug)
