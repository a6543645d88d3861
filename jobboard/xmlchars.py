"""Characters that XML 1.0 forbids, removed wherever text enters the board.

One control character in a posting title or a query would make every Atom feed showing it
unreadable for every subscriber, and NUL bytes would reach HTML pages. XML 1.0 allows tab, line
feed, carriage return and everything from U+0020 except surrogates, U+FFFE and U+FFFF.

    strip("data\\uffff")        -> "data"
    clean({"t": ["a\\x01b"]})   -> {"t": ["ab"]}
"""

from __future__ import annotations

import re

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip(text: str) -> str:
    """text without the characters XML 1.0 forbids."""
    return FORBIDDEN.sub("", text)


def clean(value: object) -> object:
    """strip() applied to every string inside lists and mappings (front matter values)."""
    if isinstance(value, str):
        return strip(value)
    if isinstance(value, dict):
        return {clean(key): clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean(item) for item in value]
    return value
