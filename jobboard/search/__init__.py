"""Full-text search over postings, with Whoosh (the `whoosh3` distribution).

Index lifecycle:

1. `indexer.reindex()` takes the writer lock (`store.writer_lock`, an flock on index/.lock that
   the kernel releases if the process dies), loads the content folder (`postings.load_all`)
   and plans the new generation: every valid posting, plus the last good version of any
   posting whose file became invalid (flagged stale).
2. It writes a *new generation* folder: a full build from scratch, or an incremental one that
   hard-links the live generation's files and updates only postings whose content hash
   changed. The live generation is never written to.
3. It saves the report beside the index (build.json) and swaps `index/live` to the new folder
   with an atomic rename. A failure or crash before that leaves the old generation live.
4. Each process keeps one `engine.SearchIndex`: one searcher and one `catalog.Catalog` per
   generation, reopened when `live` points elsewhere; old generations are pruned later so
   searchers still reading them keep working.

Modules: analyzers (EN/FR analysis), schema (fields, documents), store (folders, lock, swap),
indexer (reindex), parse (query syntax), catalog (collapsing and facet counts), query
(SearchRequest -> SearchResults), suggest ("did you mean"), engine (per-process index),
export (JSON document).
"""
