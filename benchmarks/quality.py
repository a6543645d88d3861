"""Search quality on labelled queries: success@10 and nDCG@10 per part of the set.

    python -m benchmarks.quality [--content ../shared/corpus/cds] [--queries FILE] [--misses]

builds a real index of the content in a temporary folder, runs every labelled query
(`tests/data/search_queries.yaml`) as a candidate would (status "all": the real postings are
mostly archived) and prints, per part (tuning, held-out) and per category, the share of queries
that find every posting they must in the top 10 and none they must not (success@10), and the
mean nDCG@10 of the postings they must find (binary gains).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from jobboard.search.engine import SearchIndex
from jobboard.search.indexer import reindex
from jobboard.search.query import SearchRequest

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "tests" / "data" / "search_queries.yaml"
CORPUS = ROOT.parent / "shared" / "corpus" / "cds"
TODAY = dt.date(2026, 11, 29)
DEPTH = 10
PARTS = ("tuning", "heldout")


@dataclass(frozen=True)
class Labelled:
    """One labelled query: what is typed, where, and the postings (translationKeys) it must and
    must not find in the top 10."""

    id: int
    part: str
    category: str
    lang: str
    q: str
    filters: dict[str, tuple[str, ...]]
    must: tuple[str, ...]
    must_not: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    query: Labelled
    found: tuple[str, ...]  # keys of the top 10, in order

    @property
    def success(self) -> bool:
        top = set(self.found)
        return set(self.query.must) <= top and not top & set(self.query.must_not)

    @property
    def ndcg(self) -> float:
        """nDCG@10 with gain 1 for each posting it must find; without any, 1 when no posting it
        must not find is shown."""
        must = set(self.query.must)
        if not must:
            return 1.0 if self.success else 0.0
        dcg = sum(1 / math.log2(rank + 2) for rank, key in enumerate(self.found) if key in must)
        ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(must), DEPTH)))
        return dcg / ideal


def load(path: Path = QUERIES) -> list[Labelled]:
    """The labelled queries of a YAML file; ValueError naming the query and the problem."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = []
    for item in data["queries"]:
        if item.get("part") not in PARTS or item.get("lang") not in ("en", "fr"):
            raise ValueError(f"{path}: query {item.get('id')}: bad part or lang")
        if not item.get("must") and not item.get("must_not"):
            raise ValueError(f"{path}: query {item['id']}: nothing to find or avoid")
        queries.append(Labelled(
            int(item["id"]), item["part"], item["category"], item["lang"], str(item["q"]),
            {name: tuple(values) for name, values in (item.get("filters") or {}).items()},
            tuple(str(k) for k in item.get("must") or ()),
            tuple(str(k) for k in item.get("must_not") or ())))
    return queries


def run(index: SearchIndex, queries: list[Labelled], today: dt.date = TODAY) -> list[Outcome]:
    """Each query's top 10 on an index."""
    outcomes = []
    for query in queries:
        request = SearchRequest(q=query.q, ui_lang=query.lang, page_size=DEPTH,
                                filters={**query.filters, "status": ("all",)})
        results = index.search(request, today=today)
        outcomes.append(Outcome(query, tuple(hit.key for hit in results.hits)))
    return outcomes


def summary(outcomes: list[Outcome], by: str = "part") -> dict[str, tuple[int, float, float]]:
    """Group (part or category) -> (queries, success@10, mean nDCG@10)."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[getattr(outcome.query, by)].append(outcome)
    return {name: (len(group), sum(o.success for o in group) / len(group),
                   sum(o.ndcg for o in group) / len(group))
            for name, group in sorted(groups.items())}


def build_index(content: Path, folder: Path) -> SearchIndex:
    """A full index of a content folder (postings with problems are left out, as in production)."""
    report = reindex(content, folder, full=True)
    if report.outcome not in ("ok", "problems"):
        raise RuntimeError(f"reindex failed: {report.error}")
    return SearchIndex(folder)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.quality", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=CORPUS)
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--misses", action="store_true",
                        help="list the tuning queries that fail (never the held-out ones)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        outcomes = run(build_index(args.content, Path(folder)), load(args.queries))
    for by in ("part", "category"):
        print(f"{by:<14} queries  success@10  nDCG@10")
        for name, (count, success, ndcg) in summary(outcomes, by).items():
            print(f"{name:<14} {count:>7}  {success:>10.2f}  {ndcg:>7.2f}")
        print()
    if args.misses:
        for outcome in outcomes:
            if outcome.query.part == "tuning" and not outcome.success:
                print(f"miss {outcome.query.id} [{outcome.query.lang}] {outcome.query.q!r}: "
                      f"{', '.join(outcome.found) or 'nothing'}")


if __name__ == "__main__":
    main()
