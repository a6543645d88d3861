"""Bilingual equivalents of job titles, abbreviations and common GC terms, applied at query time.

A list of groups of phrases that mean the same job or thing, in either language:

    - [developer, développeur, programmer, programmeur, dev]
    - [human resources, HR, ressources humaines, RH]

The reviewed list ships with the code (`equivalents.yaml` here); HR may add groups in
`content/equivalents.yaml` (checked by `jobboard check-content`). A group sharing a phrase with
another is merged with it. When typed words (one or several clauses, as plain words) are a
phrase of a group, the other phrases of the group are searched too, weighted below what was
typed, so postings using the typed words still rank first. Nothing is indexed: editing either
list changes the next search, without a reindex.

Phrases are compared on their words accent-folded, and on their English and French analysis,
so "développeuse", "developpeurs" and "Developer" all meet their group.
"""

from __future__ import annotations

import contextlib
import os
from functools import lru_cache
from pathlib import Path

import yaml

from jobboard.search import analyzers
from jobboard.search.analyzers import folded_words
from jobboard.search.parse import Expansion, ParsedQuery

CURATED = Path(__file__).with_name("equivalents.yaml")
CONTENT_FILE = "equivalents.yaml"
WEIGHT = 0.3  # an equivalent counts for less than a third of a typed word
MAX_WORDS = 6  # words in a phrase
MAX_CHARS = 60
MAX_PHRASES = 5000  # in one file


class EquivalentsError(ValueError):
    """A problem in an equivalents file: `str()` names the file and line."""

    def __init__(self, path: Path | str, line: int, problem: str):
        super().__init__(f"{path}:{line}: {problem}")
        self.path, self.line, self.problem = str(path), line, problem


def _keys(phrase: str) -> frozenset[tuple[str, ...]]:
    """The forms under which typed words meet a phrase: folded words, English and French
    analysis ("Développeuses" -> ("developpeuses",), ("developpeus",), ("developpeur",)).
    Remembered: a search looks up its words and the phrases of the group they belong to."""
    return _analysed_keys(phrase, analyzers.identity())


@lru_cache(maxsize=8192)
def _analysed_keys(phrase: str, _analyzers: tuple[int, int]) -> frozenset[tuple[str, ...]]:
    keys = {tuple(folded_words(phrase))}
    keys.update(tuple(analyzers.tokens(lang, phrase)) for lang in ("en", "fr"))
    return frozenset(key for key in keys if key)


def parse(text: str, path: Path | str) -> list[tuple[str, ...]]:
    """The groups of an equivalents file; EquivalentsError naming the line of the first problem."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise EquivalentsError(path, mark.line + 1 if mark else 1,
                               f"not valid YAML: {getattr(error, 'problem', error)}") from None
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise EquivalentsError(path, root.start_mark.line + 1,
                               "the file must be a list of groups, each a list of phrases "
                               "(- [developer, développeur, dev])")
    groups: list[tuple[str, ...]] = []
    seen: dict[str, int] = {}
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.SequenceNode):
            raise EquivalentsError(path, line, "a group must be a list of phrases, like "
                                   "[developer, développeur]")
        phrases = []
        for item in node.value:
            phrases.append(_phrase(item, path, seen, line))
        if len(phrases) < 2:
            raise EquivalentsError(path, line, "a group needs at least two phrases")
        if len(seen) > MAX_PHRASES:
            raise EquivalentsError(path, line, f"more than {MAX_PHRASES} phrases")
        groups.append(tuple(phrases))
    return groups


def _phrase(item, path, seen: dict[str, int], group_line: int) -> str:
    line = item.start_mark.line + 1
    if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
        raise EquivalentsError(path, line, "each phrase must be a word or a few words")
    phrase = " ".join(str(item.value).split())
    if len(phrase) > MAX_CHARS or len(phrase.split()) > MAX_WORDS:
        raise EquivalentsError(path, line, f"“{phrase}” is too long (at most {MAX_WORDS} "
                               f"words, {MAX_CHARS} characters)")
    if not folded_words(phrase):
        raise EquivalentsError(path, line, f"“{phrase}” has no letters or digits")
    folded = " ".join(folded_words(phrase))
    if folded in seen:
        raise EquivalentsError(path, line, f"“{phrase}” is already in the group on line "
                               f"{seen[folded]}")
    seen[folded] = group_line
    return phrase


class Equivalents:
    """Merged groups, indexed by every key of every phrase; `stamp` names the files read."""

    def __init__(self, groups, stamp: tuple = ()):
        self.groups = _merged(groups)
        self.stamp = stamp
        self._index: dict[tuple[str, ...], int] = {}
        for number, group in enumerate(self.groups):
            for phrase in group:
                for key in _keys(phrase):
                    self._index.setdefault(key, number)

    def lookup(self, text: str) -> tuple[str, ...]:
        """The other phrases of the group holding text: "dev" -> ("developer", …)."""
        keys = _keys(text)
        number = next((self._index[key] for key in keys if key in self._index), None)
        if number is None:
            return ()
        return tuple(p for p in self.groups[number] if not _keys(p) & keys)

    def expansions(self, parsed: ParsedQuery) -> list[Expansion]:
        """Longest spans of plain-word clauses that are a phrase of a group, left to right."""
        found: list[Expansion] = []
        index, count = 0, len(parsed.clauses)
        while index < count:
            for last in range(min(count, index + MAX_WORDS) - 1, index - 1, -1):
                words = [parsed.single_word(i) for i in range(index, last + 1)]
                if None in words:
                    continue
                others = self.lookup(" ".join(words))
                if others:
                    found.append(Expansion(index, last, others, WEIGHT, "equivalent"))
                    index = last
                    break
            index += 1
        return found


def _merged(groups) -> list[tuple[str, ...]]:
    """Groups sharing a phrase (folded) become one; phrases in first-seen order, once each."""
    merged: list[list[str]] = []
    where: dict[str, int] = {}
    for group in groups:
        targets = sorted({where[_fold(p)] for p in group if _fold(p) in where})
        into = targets[0] if targets else len(merged)
        if not targets:
            merged.append([])
        for other in targets[1:]:
            merged[into].extend(merged[other])
            merged[other] = []
        merged[into].extend(group)
        for phrase in merged[into]:
            where[_fold(phrase)] = into
    return [tuple({_fold(p): p for p in reversed(group)}.values())[::-1]
            for group in merged if group]


def _fold(phrase: str) -> str:
    return " ".join(folded_words(phrase))


def check(content_dir: Path | str) -> list[EquivalentsError]:
    """Problems of the content folder's equivalents file (none when it is absent)."""
    path = Path(content_dir) / CONTENT_FILE
    if not path.is_file():
        return []
    try:
        parse(path.read_text(encoding="utf-8"), path)
    except UnicodeDecodeError as error:
        return [EquivalentsError(path, 1, f"not UTF-8 text ({error.reason})")]
    except EquivalentsError as error:
        return [error]
    return []


class Source:
    """The reviewed list plus the content folder's, read again when the content file changes
    (one stat per search). A content file with a problem is left out (check-content names it);
    the reviewed list still applies."""

    def __init__(self, content_dir: Path | str | None):
        self.path = Path(content_dir) / CONTENT_FILE if content_dir else None
        self._curated = tuple(parse(CURATED.read_text(encoding="utf-8"), CURATED))
        self._current = Equivalents(self._curated, ("curated",))

    def current(self) -> Equivalents:
        """The equivalents to apply now."""
        stamp = self._stamp()
        if stamp != self._current.stamp:
            groups = self._curated
            if stamp[0] != "curated":
                # A broken file is reported by check-content; the reviewed list still applies.
                with contextlib.suppress(OSError, UnicodeDecodeError, EquivalentsError):
                    groups += tuple(parse(self.path.read_text(encoding="utf-8"), self.path))
            self._current = Equivalents(groups, stamp)
        return self._current

    def _stamp(self) -> tuple:
        try:
            stat = os.stat(self.path) if self.path else None
        except OSError:
            stat = None
        return ("curated",) if stat is None else ("content", stat.st_mtime_ns, stat.st_size)
