"""Problems found in content, worded for the HR person who has to fix the file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobboard.messages import MESSAGES


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file. "error": the file was not used; "warning": used anyway."""

    file: str
    line: int | None
    field: str | None
    reason: str
    hint: str
    severity: str = "error"
    code: str = ""  # a key of messages.MESSAGES: the HR pages show it in their language
    params: tuple[tuple[str, object], ...] = ()

    def values(self) -> dict:
        """The parameters of the message, as a dict."""
        return {name: value for name, value in self.params}

    def to_dict(self) -> dict:
        """The fields as a dict (what `dataclasses.asdict` gives, without its deep copy:
        thousands of problems go into every reindex report)."""
        return {"file": self.file, "line": self.line, "field": self.field,
                "reason": self.reason, "hint": self.hint, "severity": self.severity,
                "code": self.code, "params": self.params}

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        about = f" [{self.field}]" if self.field else ""
        return f"{where}:{about} {self.reason} — {self.hint}"


def problem(file: str, line: int | None, field: str | None, code: str,
            severity: str = "error", **params: object) -> Problem:
    """The problem `code` (see jobboard/messages.py) with its English text filled in."""
    reason, hint = MESSAGES[code]
    values = {"field": field, "line": line, **params}
    return Problem(file, line, field, reason % values, hint % values, severity, code,
                   tuple(params.items()))


_KEY_NAME = re.compile(r"[A-Za-z_][\w ]*")
HINT_CHARS = 120  # a hint quotes at most this much of a line: it goes into reports and pages


def _key_line(line: str) -> tuple[str, str] | None:
    """("title", "'x'") for "  title : 'x'", None when the line is not "key: value".

    Plain string operations, not one regex: a lazy key pattern followed by optional spaces
    and a colon took quadratic time on a long line of spaces (a 2 MiB file would hold the
    reindex lock for minutes).
    """
    name, colon, value = line.partition(":")
    name = name.strip()
    if not colon or not _KEY_NAME.fullmatch(name):
        return None
    return name, value.strip()


def yaml_problem(rel: str, text: str, error: Exception) -> Problem:
    """Explain a YAML error in front matter, with the file line and a concrete fix."""
    lines = text.splitlines()
    mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    # python-frontmatter hands YAML the text after "---", so YAML line 0 is the "---" line.
    offset = next((i for i, line in enumerate(lines) if line.strip() == "---"), 0) + 1
    line = mark.line + offset if mark else None
    detail = getattr(error, "problem", None) or str(error).splitlines()[0]

    if line and 0 < line <= len(lines):
        key_value = _key_line(lines[line - 1])
        if key_value:
            name, value = key_value
            if value.startswith("'") and value.count("'") > 2:
                quoted = value[1:-1]
                if len(quoted) > HINT_CHARS:
                    quoted = quoted[:HINT_CHARS] + "…"
                return problem(rel, line, name, "yaml_single_quotes", value=quoted)
            if value.startswith('"') and value.count('"') > 2:
                return problem(rel, line, name, "yaml_double_quotes")
    if context_mark is not None and "simple key" in str(getattr(error, "context", "")):
        bad = context_mark.line + offset
        block = _enclosing_key(lines, bad)
        return problem(rel, bad, block, "yaml_not_indented_in" if block else "yaml_not_indented")
    return problem(rel, line, None, "yaml_invalid", detail=detail)


def _enclosing_key(lines: list[str], line: int) -> str | None:
    for candidate in reversed(lines[: line - 1]):
        key_value = _key_line(candidate)
        if key_value and not candidate.startswith((" ", "\t")):
            return key_value[0]
    return None
