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
KEEP_MINUTES = 30


def retention(settings: dict):
    """Retention of the indexer's and the nodes' prunes: the settings' (JOBBOARD_KEEP_*), but
    at least KEEP_GENERATIONS generations and KEEP_MINUTES minutes."""
    from jobboard import config
    from jobboard.search.store import Retention

    asked = config.retention(settings)
    return Retention(max(asked.generations, KEEP_GENERATIONS),
                     max(asked.minutes, KEEP_MINUTES))
