"""The build fingerprint: what decides how a generation's documents were analysed and stored.

A generation records the fingerprint of the code that built it (`store.Generation`). An
incremental reindex reuses the live generation's files, and Whoosh reopens them with the schema
(analyzer chains included) it pickled when that generation was first built: if this code would
analyse or store differently, reusing them would mix two analyses (a French word indexed
de-feminised and searched without, say). So a different fingerprint means a full rebuild, and
the engine does not serve a generation built by other code.

The digest is derived from the real objects, not from a list kept by hand: the schema as
`schema.build_schema()` makes it (every field, its format, its analyzer chain with stop lists
and patterns), the functions that turn a posting into a document, and, for the classes and
functions of this project met on the way, their source and the module-level values they read
(the French gender rules, the word pattern…). Editing any of these changes the fingerprint.

    fingerprint() -> "4:3.54.0:5f0c…"   (SCHEMA_VERSION : whoosh3 version : digest)
"""

from __future__ import annotations

import hashlib
import json
import linecache
import re
import types
from importlib.metadata import version

from jobboard.search import schema

# Bump when a generation's own files change layout in a way the digest cannot see: the keys of
# build.json, files.json or spelling.json, or how the catalogue reads the `meta` column.
# (Not bumped when the report's lists moved from build.json to report.json: a generation
# without report.json shows its build.json as its report.)
SCHEMA_VERSION = 6  # 6: meta has profile, salaries, first published day; files.json its day
# 5: spelling.json words carry their language ("fr:données")

_OURS = "jobboard"
_BUILDERS = ("document", "spelling_words")  # schema functions that decide what is stored


def fingerprint() -> str:
    """The fingerprint this code gives a generation it builds (a few milliseconds)."""
    described = {"fields": {name: describe(field) for name, field in
                            sorted(schema.build_schema().items())},
                 "builders": [describe(getattr(schema, name)) for name in _BUILDERS]}
    digest = hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()[:16]
    return f"{SCHEMA_VERSION}:{version('whoosh3')}:{digest}"


class _Walk:
    """One description's state: the objects on the current path (a cycle is named, not
    followed) and our code already described (the same module-level objects each time).
    Nothing else is keyed by identity, so the description never depends on which objects
    happen to be shared or cached."""

    def __init__(self):
        self.path: dict[int, object] = {}
        self.code: dict[int, tuple[object, list]] = {}  # id -> (object kept alive, description)


def describe(value, _walk: _Walk | None = None):
    """A JSON-ready description of value that changes when its behaviour may change:
    plain data as itself, patterns as (pattern, flags), objects by class and state, our own
    functions and classes by source and the module-level values they read; other libraries'
    code by name (their version is in the fingerprint)."""
    walk = _Walk() if _walk is None else _walk
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, re.Pattern):
        return ["re", value.pattern, value.flags]
    if isinstance(value, types.ModuleType):
        return ["module", value.__name__]
    if id(value) in walk.path:
        return ["cycle", _name(value)]
    walk.path[id(value)] = value
    try:
        return _describe(value, walk)
    finally:
        del walk.path[id(value)]


def _describe(value, walk: _Walk):
    if isinstance(value, list | tuple):
        return [describe(item, walk) for item in value]
    if isinstance(value, set | frozenset):
        return ["set", sorted(json.dumps(describe(item, walk), sort_keys=True) for item in value)]
    if isinstance(value, dict):
        return {json.dumps(describe(key, walk)): describe(item, walk)
                for key, item in value.items()}
    if hasattr(value, "__wrapped__"):  # functools.cache and friends
        return describe(value.__wrapped__, walk)
    if isinstance(value, types.FunctionType | types.MethodType | type):
        if id(value) not in walk.code:
            walk.code[id(value)] = (value, _code(value, walk))
        return walk.code[id(value)][1]
    return [describe(type(value), walk), describe(_state(value), walk)]


def _name(value) -> str:
    return f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', type(value))}"


def _state(value) -> dict:
    state = value.__getstate__() if hasattr(value, "__getstate__") else vars(value)
    if not isinstance(state, dict):
        return {"state": state}
    # Caches filled while analysing (MemoAnalyzer, StemFilter) are not behaviour.
    return {key: item for key, item in state.items() if key not in ("_memo", "_stem")}


def _code(value, walk: _Walk):
    """Our functions and classes: source and the globals they read; others: their name."""
    if isinstance(value, types.MethodType):
        value = value.__func__
    if not getattr(value, "__module__", "").startswith(_OURS):
        return ["code", _name(value)]
    if isinstance(value, type):  # its methods, and its class-level values
        return ["class", _name(value), [describe(base, walk) for base in value.__bases__],
                {name: describe(item, walk) for name, item in vars(value).items()
                 if isinstance(item, types.FunctionType) or not name.startswith("__")}]
    code = value.__code__
    read = {name: value.__globals__[name] for name in _names(code) if name in value.__globals__}
    return ["function", _name(value), _source(code),
            {name: describe(item, walk) for name, item in sorted(read.items())}]


def _names(code: types.CodeType) -> set[str]:
    """Names a function's code reads (globals, and attributes: harmless extra ones)."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _names(constant)
    return names


def _source(code: types.CodeType) -> str:
    """The lines of a function's source (read from its file, as tracebacks are)."""
    numbers = [line for _start, _end, line in code.co_lines() if line is not None]
    lines = linecache.getlines(code.co_filename)
    return "".join(lines[code.co_firstlineno - 1: max(numbers, default=code.co_firstlineno)])
