"""What /healthz says on a cluster node: its generation against the pointer, and the lag.

A node is healthy when it serves the published generation, or one published before it for
less than LAG_LIMIT_S (a fetch takes seconds; a paused transfer must not take every node out
of the balancer at once). A node without any generation is never healthy.
"""

from __future__ import annotations

import time
from pathlib import Path

from jobboard.cluster.agent import read_state
from jobboard.cluster.transfer import number_of
from jobboard.search import store

LAG_LIMIT_S = 60


def node_health(index_dir: Path, now: float | None = None) -> tuple[int, dict]:
    """(HTTP status, {"generation", "published", "lag_s", "healthy"}) of this node."""
    now = time.time() if now is None else now
    mine = number_of(store.live_path(index_dir))
    state = read_state(index_dir)
    published = state.get("published")
    if mine is None:
        lag = None
    elif published is None or mine >= published:
        lag = 0.0
    else:
        lag = round(max(0.0, now - state.get("published_at", now)), 3)
    healthy = mine is not None and (lag is not None and lag <= LAG_LIMIT_S)
    return (200 if healthy else 503), {"generation": mine, "published": published,
                                       "lag_s": lag, "healthy": healthy}
