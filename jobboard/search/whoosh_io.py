"""Every read of whoosh3's internals, in one place: segments and their identity, a term's
postings block by block, field lengths, positions, stored columns, deletions and the spelling
corrector's candidates; and one write, the positions of a word being indexed.

Whoosh's public API answers one document or one posting at a time, far too slowly for a
search over all documents (`matching`, `catalog`), so these functions read the structures of
the pinned whoosh3 (3.54) directly. Each has a plain public-API path for what does not have the
expected shape; taking it is counted in `fallbacks`, and `tests/search/test_whoosh_io.py` fails
if a search over a real index takes any: an upgrade that changes these internals fails loudly
instead of leaving the same results, only slower.
"""

from __future__ import annotations

import itertools
import os
import pickle
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from whoosh import formats
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.filedb.filestore import OverlayStorage
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length

fallbacks: Counter = Counter()  # fast path -> times its public-API fallback ran
# (segment name, "postings" | "lengths" | "column") -> postings lists, length columns or
# stored columns read from that segment: what tests and benchmarks of the caches count.
reads: Counter = Counter()


@dataclass(frozen=True, eq=False)
class Segment:
    """One segment of a generation: its identity, its first document number there, its
    document count (deleted ones included) and its reader.

    `key` changes whenever the segment's postings could differ: Whoosh's segment id, its
    document count and the identity of its file (device, inode, size, modification time), so
    a rebuilt folder reusing a name never collides. Deletions are not part of it: they change
    from one generation to the next without rewriting the segment, and callers apply them
    separately (`live_documents`). An incremental generation hard-links the previous one's
    files, so its unchanged segments keep their keys.
    """

    key: tuple
    name: str
    offset: int
    size: int
    reader: object


def segments(reader) -> list[Segment]:
    """The segments of a reader (one for a single-segment index), in document order."""
    return [Segment(_identity(leaf), leaf.segment().segment_id(), offset, leaf.doc_count_all(),
                    leaf) for leaf, offset in reader.leaf_readers()]


def _identity(leaf) -> tuple:
    segment, storage = leaf.segment(), getattr(leaf, "_storage", None)
    if isinstance(storage, OverlayStorage):  # a compound segment: its file over the folder
        storage = storage.b
    folder = getattr(storage, "folder", None)
    if folder is None:  # not a folder on disk: never shared with another reader
        fallbacks["segment identity"] += 1
        return ("unshared", id(leaf))
    if segment.is_compound():
        names = [segment.make_filename(segment.COMPOUND_EXT)]
    else:
        names = sorted(segment.list_files(storage))
    files = []
    for name in names:
        found = os.stat(os.path.join(folder, name))
        files.append((name, found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns))
    return (segment.segment_id(), segment.doc_count_all(), *files)


def live_documents(reader) -> np.ndarray:
    """Mask of the documents not deleted, from each segment's deletions (`all_doc_ids` asks
    every document in turn: 0.2 s at 100,000)."""
    live = np.ones(reader.doc_count_all(), dtype=bool)
    for leaf, offset in reader.leaf_readers():
        deleted = getattr(leaf, "deleted_docs_set", None)
        if deleted is None:
            fallbacks["deletions"] += 1
            deleted = [doc for doc in range(leaf.doc_count_all()) if leaf.is_deleted(doc)]
        live[np.fromiter(deleted, dtype=np.int64, count=len(deleted)) + offset] = False
    return live


def term_matcher(segment: Segment, field: str, text: str):
    """The matcher of a term in one segment, or None when the segment lacks it. It does not
    skip deleted documents (callers mask them with `live_documents`), so blocks are read whole."""
    leaf = segment.reader
    if (field, text) not in leaf:
        return None
    reads[segment.name, "postings"] += 1
    matcher = leaf.postings(field, text)
    if isinstance(matcher, FilterMatcher):  # the segment's deletions
        matcher = matcher.child
    return matcher


def _has_blocks(matcher) -> bool:
    """Whoosh 3's block matcher; a ListMatcher is a term's few postings kept in its term info
    (no blocks by design); anything else means whoosh3 changed."""
    if hasattr(matcher, "_next_block"):
        return True
    if not isinstance(matcher, ListMatcher):
        fallbacks["postings blocks"] += 1
    return False


def blocks(matcher, values: bool = False):
    """(ids, term frequencies, raw values or ()) of each postings block of a segment's matcher
    (up to 128 postings decoded at once); block-less matchers, one posting at a time. Values
    come with the block's data: asking for them reads nothing more."""
    if not _has_blocks(matcher):
        ids, weights, raw = [], [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if values:
                raw.append(matcher.value())
            matcher.next()
        yield ids, weights, raw
        return
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        if values:
            matcher._read_values()
        yield matcher._ids, matcher._weights, matcher._values if values else ()
        matcher._next_block()


def blocks_holding(matcher, wanted: np.ndarray):
    """(ids, raw values) of the postings blocks of a segment's matcher that may hold one of the
    wanted documents (ascending); the other blocks are skipped unread. A matcher without
    blocks is one block."""
    if not _has_blocks(matcher):
        ids, _weights, values = next(blocks(matcher, values=True))
        yield ids, values
        return
    start = 0
    while matcher.is_active() and start < wanted.size:
        end = int(np.searchsorted(wanted, matcher.block_max_id(), side="right"))
        if end > start:
            matcher._read_ids()
            matcher._read_values()
            yield matcher._ids, matcher._values
        start = end
        matcher._next_block()


_LENGTH_OF_BYTE = np.array([byte_to_length(byte) for byte in range(256)], dtype=np.float32)


def segment_lengths(segment: Segment, field: str) -> np.ndarray:
    """Length of a field in each document of one segment (deleted ones included, float32, 0
    where absent). Whoosh 3 keeps one byte per document and field in a column file: read as
    one array, not one call per document (2 s at 100,000)."""
    reads[segment.name, "lengths"] += 1
    leaf, count = segment.reader, segment.size
    perdoc = getattr(leaf, "_perdoc", None)
    column = perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN) if hasattr(
        perdoc, "_cached_reader") else None
    if column is None or getattr(column, "_fixedlen", None) != 1:
        fallbacks["field lengths"] += 1
        return np.fromiter((leaf.doc_field_length(doc, field, 0) or 0 for doc in range(count)),
                           dtype=np.float32, count=count)
    stored = min(column._count, count)
    codes = np.zeros(count, dtype=np.uint8)
    codes[:stored] = np.frombuffer(column._dbfile.get(column._basepos, stored), dtype=np.uint8)
    return _LENGTH_OF_BYTE[codes]


def position_gaps(format_, values: list[bytes]) -> list[list[int]]:
    """The gaps between the positions of each raw posting value. Whoosh's Positions values are
    a length then a pickled list of those gaps: unpickled directly (the sums are done with
    numpy); any other format through its own decode_positions."""
    if type(format_).decode_positions is formats.Positions.decode_positions:
        return [pickle.loads(value[4:] if value.endswith(b".") else value[4:] + b".")
                for value in values]
    fallbacks["positions"] += 1
    decoded = [format_.decode_positions(value) for value in values]
    return [[b - a for a, b in zip([0, *one], one, strict=False)] for one in decoded]


_ONE_POSITION: dict[int, bytes] = {}  # position -> the value of a word seen there only
_ONE_POSITION_KEPT = 100_000  # positions whose value is remembered (a few MB)


def position_value(format_, positions: list[int]) -> bytes:
    """The raw posting value of a word at these positions, as the format's encode writes it.
    Whoosh's Positions value (the count, then the pickled gaps) of a word seen once, most
    words of a posting, is remembered by position: a dictionary look-up instead of 1 µs."""
    if len(positions) != 1:
        return format_.encode(positions)
    if type(format_).encode is not formats.Positions.encode:
        fallbacks["position_value"] += 1
        return format_.encode(positions)
    position = positions[0]
    found = _ONE_POSITION.get(position)
    if found is None:
        found = pack_uint(1) + pickle.dumps([position], 2)
        if position < _ONE_POSITION_KEPT:
            _ONE_POSITION[position] = found
    return found


def segment_column(segment: Segment, name: str) -> list[bytes]:
    """Every value of a variable-length bytes column in one segment, by its document number,
    read in one piece (one read per document cost 1 s at 100,000)."""
    reads[segment.name, "column"] += 1
    column, count = segment.reader.column_reader(name), segment.size
    raw = column.raw_column() if hasattr(column, "raw_column") else column
    lengths = getattr(raw, "_lengths", None)
    if lengths is None or len(lengths) != count:  # not Whoosh 3's layout: one at a time
        fallbacks["columns"] += 1
        return [raw[docnum] for docnum in range(count)]
    ends = list(itertools.accumulate(lengths))
    data = raw._dbfile.get(raw._basepos, ends[-1]) if ends else b""
    return [data[end - length:end] for end, length in zip(ends, lengths, strict=True)]


def corrections(corrector, word: str, distance: int) -> Iterator[tuple[float, str]]:
    """(score, candidate) pairs of a Whoosh corrector within an edit distance, best tier first
    (the low-level generator behind `suggest()`, which would cut them to a fixed count)."""
    return corrector._suggestions(word, distance, 0)
