"""Kept: a bounded, thread-safe map of computed values, least recently used dropped first.

    results = Kept(lambda: 1024)                       # at most 1024 values
    arrays = Kept(lambda: 64 * 2**20, weigh=nbytes)    # at most 64 MB of values
    arrays.get(("term", "body_en", "data"), read)      # read() once, then kept

Every per-generation cache of the search (results, term arrays, parsed postings, snippets)
is one of these; the limit is a function, read at each insertion, so that a setting or a
benchmark can change it while the cache is in use.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


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
        return iter(list(self._kept))
