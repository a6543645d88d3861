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


_KEY_LINE = re.compile(r"^\s*([A-Za-z_][\w ]*?)\s*:\s*(.*)$")


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
        key_match = _KEY_LINE.match(lines[line - 1])
        if key_match:
            name, value = key_match.groups()
            if value.startswith("'") and value.count("'") > 2:
                return problem(rel, line, name, "yaml_single_quotes",
                               value=value.strip()[1:-1])
            if value.startswith('"') and value.count('"') > 2:
                return problem(rel, line, name, "yaml_double_quotes")
    if context_mark is not None and "simple key" in str(getattr(error, "context", "")):
        bad = context_mark.line + offset
        block = _enclosing_key(lines, bad)
        return problem(rel, bad, block, "yaml_not_indented_in" if block else "yaml_not_indented")
    return problem(rel, line, None, "yaml_invalid", detail=detail)


def _enclosing_key(lines: list[str], line: int) -> str | None:
    for candidate in reversed(lines[: line - 1]):
        match = _KEY_LINE.match(candidate)
        if match and not candidate.startswith((" ", "\t")):
            return match.group(1)
    return None
