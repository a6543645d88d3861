"""Full-text search over postings, with Whoosh (the `whoosh3` distribution).

Index lifecycle:

1. `indexer.reindex()` takes the writer lock (`store.writer_lock`, an flock on index/.lock that
   the kernel releases if the process dies), loads the content folder (`postings.load_all`)
   and plans the new generation: every valid posting, plus the last good version of any
   posting whose file became invalid (flagged stale).
2. It writes a *new generation* folder: a full build from scratch, or an incremental one that
   hard-links the live generation's files and updates only postings whose content hash
   changed. The live generation is never written to.
   An incremental update needs a live generation built with this code's build fingerprint
   (`fingerprint`: what decides analysis and stored fields); otherwise the build is full.
3. It saves the report (report.json) and its counts and fingerprint (build.json: small, read
   at each opening) with the generation and swaps
   `index/live` to the new folder with an atomic rename. A failure or crash before that
   leaves the old generation live.
4. Each process keeps one `engine.SearchIndex`: one searcher, one `catalog.Catalog` and one
   `matching.TermArrays` per generation, reopened when `live` points elsewhere (never a
   generation of another fingerprint); old generations are pruned later so searchers still
   reading them keep working. What is read from Whoosh (term arrays, field lengths, stored
   facts, parsed documents, snippets) is kept per segment (`kept.SegmentCaches`, keyed by
   `whoosh_io.Segment.key`) and shared by the generations a SearchIndex opens: a new
   generation reads only its new segments, and applies its own deletions.

Modules: analyzers (EN/FR analysis), schema (fields, documents), fingerprint (build
fingerprint), store (`Generation` facts, folders, lock, swap), indexer (reindex), parse (query
syntax), whoosh_io (every read of Whoosh internals), matching (queries as numpy operations on
term arrays), catalog (collapsing and facet counts), query (SearchRequest -> SearchResults),
snippets (highlighted extracts), suggest ("did you mean"), kept (bounded caches), engine
(per-process index), export (JSON document).
"""
