"""Kept: a bounded, thread-safe map of computed values, least recently used dropped first.

    results = Kept(lambda: 1024)                       # at most 1024 values
    arrays = Kept(lambda: 64 * 2**20, weigh=nbytes)    # at most 64 MB of values
    arrays.get(("term", "body_en", "data"), read)      # read() once, then kept

Every cache of the search is one of these: per generation (results, weighted term arrays)
or per segment, shared by successive generations (`segment_cache`: term arrays, field
lengths, facts; parsed stored documents; snippets). The limit is a function, read at each
insertion, so that a setting or a benchmark can change it while the cache is in use.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

SEGMENT_BYTES = 128 * 2**20  # per-segment data kept for successive generations of an index
SOURCES = 2048  # parsed stored documents: a result page shows 20
SNIPPETS = 8192  # (document, query words) -> highlighted snippet


class Kept:
    """Values kept by key until the sum of their weights (1 each by default) passes `limit()`.

    A limit of 0 keeps nothing. Otherwise the newest value stays even when it alone weighs
    more than the limit: whoever computed it is about to use it again.
    """

    def __init__(self, limit: Callable[[], int], weigh: Callable[[object], int] | None = None):
        self.limit, self.weigh = limit, weigh
        self._kept: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], object]):
        """The value kept for key, else compute() (computed outside the lock: it may itself
        use this cache), kept from then on."""
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key][0]
        value = compute()
        weight = self.weigh(value) if self.weigh else 1
        with self._lock:
            if key not in self._kept:
                self._kept[key] = (value, weight)
                self._weight += weight
                limit = self.limit()
                while self._kept and self._weight > limit and (limit == 0 or len(self._kept) > 1):
                    _, (_, dropped) = self._kept.popitem(last=False)
                    self._weight -= dropped
        return value

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._weight = 0

    def __contains__(self, key: Hashable) -> bool:
        return key in self._kept

    def __len__(self) -> int:
        return len(self._kept)

    def __iter__(self):
        """Its keys, least recently used first (a copy: other threads may add meanwhile)."""
        with self._lock:
            return iter(list(self._kept))


def nbytes(value) -> int:
    """Approximate bytes of a numpy array, a tuple of them, or anything with an `nbytes`."""
    if isinstance(value, tuple):
        return sum(nbytes(part) for part in value) + 100
    return int(getattr(value, "nbytes", 0)) + 100


def segment_cache() -> Kept:
    """A cache of per-segment data bounded by `SEGMENT_BYTES` (read at each insertion)."""
    return Kept(lambda: SEGMENT_BYTES, weigh=nbytes)


@dataclass
class SegmentCaches:
    """What successive generations of one index share, keyed by segment identity
    (`whoosh_io.Segment.key`) so that an incremental generation reuses what its unchanged
    segments hold: term data (`segment_cache`), parsed stored documents, snippets."""

    data: Kept = field(default_factory=segment_cache)
    sources: Kept = field(default_factory=lambda: Kept(lambda: SOURCES))
    snippets: Kept = field(default_factory=lambda: Kept(lambda: SNIPPETS))
