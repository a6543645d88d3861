"""Several machines: one indexer publishes each generation, every node pulls it.

    PostgreSQL     models.py   run queue (one running + one queued), generations, the pointer
    coordination   queue.py    HR clicks and webhooks on any node queue a run; runs judged
                               failed from the indexer's advisory lock, never from a pid
    indexer        leader.py   `jobboard indexer`: lock, claim, git pull, reindex(), publish
                   publish.py  one transaction: generation row, compare-and-set, NOTIFY; rollback
    transfer       transfer.py read-only HTTP of generation files; fetch verified by manifest
    node           agent.py    in `jobboard serve`'s master: LISTEN + poll, fetch, warm, swap
                   health.py   what /healthz says about the node against the pointer

The single-machine mode (JOBBOARD_MODE=single, the default) uses none of this.
"""

from __future__ import annotations

KEEP_GENERATIONS = 5  # a rollback target, and what a slow node may still be fetching
KEEP_SECONDS = 30 * 60


def keep_longer() -> None:
    """Retention of this process's prunes (the indexer's, a node's): >= 5 and >= 30 min."""
    from jobboard.search import store

    store.KEEP_GENERATIONS = max(store.KEEP_GENERATIONS, KEEP_GENERATIONS)
    store.KEEP_SECONDS = max(store.KEEP_SECONDS, KEEP_SECONDS)
