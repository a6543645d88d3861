"""The index schema: one document per posting per language.

Text fields exist per language with that language's analyzer (title boosted); a document fills
only its own language's fields. `classification` holds the codes a query may name ("IT-03");
filters and facets read the `meta` column (the catalogue), not indexed fields. `source` keeps
the posting as JSON so a posting that later becomes invalid can be re-indexed from its last good
version (it is then "stale"). `uid` is the term updates and deletions find a document by.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from whoosh import columns, fields, formats

from jobboard.postings import Posting
from jobboard.search import whoosh_io
from jobboard.search.analyzers import MemoAnalyzer, english_analyzer, french_analyzer
from jobboard.taxonomy import classification
from jobboard.vocabulary import location_code

TITLE_BOOST = 3.0

# The lookahead lets the regex engine skip plain text quickly (2x faster, same matches).
_MARKDOWN_NOISE = re.compile(
    r"(?=[<!\]#*_>`\[|])(?:<[^>]+>|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[#*_>`\[\]|]+)")


class WordPositions(formats.Positions):
    """Whoosh's Positions format, fed by `MemoAnalyzer.positions` when indexing a text: the same
    postings without a Token object per word (a third of the writers' analysis time)."""

    def word_values(self, value, analyzer, **kwargs):
        if not (isinstance(analyzer, MemoAnalyzer) and isinstance(value, str)
                and kwargs == {"mode": "index"}):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for word, positions in analyzer.positions(value).items():
            yield (word, len(positions), float(len(positions)) * boost,
                   whoosh_io.position_value(self, positions))


def _text(analyzer, **options) -> fields.TEXT:
    field = fields.TEXT(analyzer=analyzer, **options)
    field.format = WordPositions(field_boost=field.format.field_boost)
    return field


def build_schema() -> fields.Schema:
    """Fields of a posting document."""
    schema = fields.Schema(
        uid=fields.ID(unique=True),
        # Small per-document facts as a column: the catalog reads 20k of them in milliseconds
        # without unpickling stored documents (which carry the whole body).
        meta=fields.COLUMN(columns.VarBytesColumn()),
        source=fields.STORED(),
        classification=fields.KEYWORD(commas=True, scorable=False),
    )
    for lang, analyzer in (("en", english_analyzer), ("fr", french_analyzer)):
        schema.add(f"title_{lang}", _text(analyzer(), field_boost=TITLE_BOOST))
        schema.add(f"body_{lang}", _text(analyzer()))
    return schema


def plain_text(markdown: str) -> str:
    """Markdown -> searchable text: "## **Rôle** [lien](x)" -> " Rôle lien"."""
    return _MARKDOWN_NOISE.sub(" ", markdown)


def _ordinal(day: dt.date | None) -> int:
    return day.toordinal() if day else 0


def to_json(posting: Posting) -> str:
    """Posting -> JSON (dates as ISO strings, classifications as written codes)."""
    data = {name: getattr(posting, name) for name in posting.__dataclass_fields__}
    data["classifications"] = [c.written for c in posting.classifications]
    for name in ("closing_date", "date_posted"):
        data[name] = data[name].isoformat() if data[name] else None
    data["locations"] = list(posting.locations)
    data["who_can_apply"] = list(posting.who_can_apply)
    return json.dumps(data, ensure_ascii=False)


def from_json(text: str) -> Posting:
    """Inverse of `to_json`."""
    data = json.loads(text)
    data["classifications"] = tuple(
        classification(code.rsplit("-", 1)[0], int(code.rsplit("-", 1)[1]))
        for code in data["classifications"])
    for name in ("closing_date", "date_posted"):
        data[name] = dt.date.fromisoformat(data[name]) if data[name] else None
    data["locations"] = tuple(data["locations"])
    data["who_can_apply"] = tuple(data["who_can_apply"])
    return Posting(**data)


def searchable_text(posting: Posting) -> str:
    """What the body field indexes, and what snippets are cut from."""
    return f"{posting.description}\n\n{plain_text(posting.body)}"


_SPELL_WORD = re.compile(r"[^\W\d_]{4,}")


def spelling_words(posting: Posting, text: str | None = None) -> set[str]:
    """The distinct lower-cased words of 4+ letters of a posting (text: its searchable text, if
    already at hand) with the posting's language, for "did you mean" in the page's language:
    "Données des données" in French -> {"fr:données"}."""
    text = searchable_text(posting) if text is None else text
    return {f"{posting.lang}:{word}"
            for word in set(_SPELL_WORD.findall(f"{posting.title} {text}".lower()))}


def facet_values(posting: Posting) -> dict[str, str]:
    """Facet field -> comma-separated codes."""
    codes = [c.code for c in posting.classifications]
    return {
        "classification": ",".join(codes),
        "group": ",".join(sorted({code.rsplit("-", 1)[0] for code in codes})),
        "language_requirement": posting.language_requirement or "",
        "location": ",".join(sorted({location_code(place) for place in posting.locations})),
        "tenure": posting.tenure or "",
        "department": posting.department or "",
        "who_can_apply": ",".join(posting.who_can_apply),
    }


def meta(posting: Posting, stale: bool, published: int = 0) -> dict:
    """The compact facts the catalog and the indexer read for every document (published: the
    day, as an ordinal, the index first held the posting)."""
    return {
        "uid": posting.uid, "key": posting.key, "lang": posting.lang, "slug": posting.slug,
        "path": posting.path, "hash": posting.content_hash, "stale": stale,
        "facets": facet_values(posting), "archived": posting.archived,
        "date_posted": _ordinal(posting.date_posted), "closing": _ordinal(posting.closing_date),
        "places": {location_code(place): place for place in posting.locations},
        # for "jobs I qualify for", the salary filter and sort (search.catalog.View)
        "profile": posting.language_profile, "salary_min": posting.salary_min,
        "salary_max": posting.salary_max, "published": published,
    }


def document(posting: Posting, stale: bool = False, text: str | None = None,
             published: int = 0) -> dict:
    """The Whoosh document for a posting (text: its searchable text, if already at hand;
    published: see `meta`)."""
    text = searchable_text(posting) if text is None else text
    facts = meta(posting, stale, published)
    return {
        "uid": posting.uid,
        "meta": json.dumps(facts, ensure_ascii=False).encode(),
        "source": to_json(posting),
        "classification": facts["facets"]["classification"],
        f"title_{posting.lang}": posting.title,
        f"body_{posting.lang}": text,
    }
