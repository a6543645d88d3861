"""The array evaluator matches exactly what Whoosh matches, on real and sample postings."""

import json
import shutil

import numpy as np
import pytest
from whoosh import query as wq

from benchmarks.generate import generate
from jobboard.search import matching, query
from jobboard.search.engine import SearchIndex
from jobboard.search.indexer import reindex
from jobboard.search.parse import build_query, parse_user_query
from jobboard.search.query import SearchRequest
from tests.search.conftest import SAMPLE

QUERIES = [
    "data", "données", "donnees", "développeuse", "conseillère", "policy analyst",
    "security OR sécurité", "design -research", '"service design"', '"analyser des données"',
    '"science des données"', '"user research" ottawa', "analy*", "dévelop*", "gest*",
    "IT-03", "cs4", "it 3", "ingénieur·e", "l'équipe", "qu'il", "the", "-data", "product -manager",
    "python OR java OR go", '"plain language" OR "langage clair"', "zzzznothing", "canada*",
    "Gouvernement du Canada", "UX", "bilingual", "remote", "télétravail",
]


def whoosh_matches(opened, text):
    return set(opened.searcher.docs_for_query(build_query(parse_user_query(text))))


def array_matches(opened, text):
    mask, score = opened.term_arrays.evaluate(build_query(parse_user_query(text)))
    assert (score[mask] > 0).all() or text.startswith("-"), text
    assert not score[~mask].any(), text
    return set(np.flatnonzero(mask).tolist())


@pytest.mark.parametrize("fixture", ["sample_index", "corpus_index"])
def test_matches_are_whooshs(request, fixture):
    opened = request.getfixturevalue(fixture).current()
    differences = {text: (array_matches(opened, text) ^ whoosh_matches(opened, text))
                   for text in QUERIES}
    assert not any(differences.values()), differences
    assert sum(len(whoosh_matches(opened, text)) > 0 for text in QUERIES) >= 20


@pytest.fixture(scope="module")
def changed_index(tmp_path_factory):
    """The sample content built by two writers (two segments), then partly deleted and edited
    incrementally (deleted documents stay in the segments until a merge)."""
    root = tmp_path_factory.mktemp("changed")
    content, index_dir = root / "content", root / "index"
    shutil.copytree(SAMPLE, content)
    assert reindex(content, index_dir, full=True, procs=2).outcome == "ok"
    removed = sorted((content / "en").glob("*.md"))[:3]
    for path in removed:
        path.unlink()
    edited = sorted((content / "fr").glob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMot nouveau : zorglub.\n",
                      encoding="utf-8")
    report = reindex(content, index_dir)
    assert report.outcome == "ok" and report.removed == 3 and report.updated == 1
    return SearchIndex(index_dir), [path.stem for path in removed]


def test_deleted_and_replaced_documents_never_match(changed_index):
    index, removed = changed_index
    opened = index.current()
    assert opened.searcher.reader().has_deletions()
    assert opened.term_arrays.size > opened.term_arrays.count
    for text in [*QUERIES, "zorglub"]:
        assert array_matches(opened, text) == whoosh_matches(opened, text), text
    everything = index.search(SearchRequest(q="canada OR emploi OR job OR the OR zorglub",
                                            filters={"status": ("all",)}, page_size=100))
    assert not {hit.slug for hit in everything.hits} & set(removed)
    assert index.search(SearchRequest(q="zorglub", ui_lang="fr",
                                      filters={"status": ("all",)})).total == 1


@pytest.fixture(scope="module")
def long_postings_index(tmp_path_factory):
    """600 generated documents in two segments, some deleted: many terms span several
    postings blocks (Whoosh writes 128 postings a block)."""
    root = tmp_path_factory.mktemp("long")
    content = generate(root, 600, seed=3).content_dir
    assert reindex(content, root / "index", full=True, procs=2).outcome == "ok"
    for path in sorted((content / "en").glob("*.md"))[::7]:
        path.unlink()
    assert reindex(content, root / "index").removed > 0
    return SearchIndex(root / "index")


@pytest.mark.parametrize("fixture", ["changed_index", "long_postings_index"])
def test_term_arrays_hold_whooshs_postings_block_by_block(request, fixture):
    """Every term of every text field, read block by block, gives the documents and
    frequencies Whoosh's matcher walks one by one (deleted documents left out), and
    positions read for some documents equal the matcher's."""
    index = request.getfixturevalue(fixture)
    opened = (index[0] if isinstance(index, tuple) else index).current()
    reader, postings = opened.searcher.reader(), opened.term_arrays
    checked = long_lists = 0
    for field in ("title_en", "body_en", "title_fr", "body_fr"):
        for text in list(reader.lexicon(field)):
            text = text.decode("utf-8")
            matcher = reader.postings(field, text)
            expected_ids, expected_weights, expected_positions = [], [], {}
            while matcher.is_active():
                expected_ids.append(matcher.id())
                expected_weights.append(matcher.weight())
                expected_positions[matcher.id()] = frozenset(matcher.value_as("positions"))
                matcher.next()
            ids, frequencies = postings._read(field, text)
            assert ids.tolist() == expected_ids and frequencies.tolist() == expected_weights
            some = np.array(expected_ids[::2] + [postings.size + 5], dtype=np.int64)
            docs, positions = postings._positions(field, text, some)
            read: dict[int, set[int]] = {}
            for doc, position in zip(docs.tolist(), positions.tolist(), strict=True):
                read.setdefault(doc, set()).add(position)
            assert read == {doc: expected_positions[doc] for doc in expected_ids[::2]}
            checked += 1
            long_lists += len(expected_ids) > 256
    assert checked > 1000 and (long_lists > 50 or fixture == "changed_index")


@pytest.mark.parametrize("fixture", ["changed_index", "long_postings_index"])
def test_field_lengths_are_whooshs(request, fixture):
    index = request.getfixturevalue(fixture)
    opened = (index[0] if isinstance(index, tuple) else index).current()
    reader = opened.searcher.reader()
    for field in ("title_en", "body_en", "title_fr", "body_fr"):
        lengths, mean = opened.term_arrays._field_lengths(field)
        expected = [reader.doc_field_length(doc, field, 0) or 0 for doc in range(lengths.size)]
        assert lengths.tolist() == expected and sum(expected) > 0
        assert mean == pytest.approx(np.mean([n for n in expected if n]))


@pytest.mark.parametrize("fixture", ["changed_index", "long_postings_index"])
def test_facts_are_read_as_whoosh_stores_them(request, fixture):
    from jobboard.search.catalog import read_meta

    index = request.getfixturevalue(fixture)
    reader = (index[0] if isinstance(index, tuple) else index).current().searcher.reader()
    column = reader.column_reader("meta")
    expected = {docnum: json.loads(column[docnum]) for docnum in reader.all_doc_ids()}
    assert read_meta(reader) == expected and len(expected) < reader.doc_count_all()


def test_title_matches_outrank_body_matches(sample_index):
    opened = sample_index.current()
    reader = opened.searcher.reader()
    word = next(text.decode() for text, info in reader.iter_field("title_en")
                if info.doc_frequency() >= 1 and (("body_en", text) in reader)
                and len(text) > 4)
    in_title = set(opened.searcher.docs_for_query(wq.Term("title_en", word)))
    mask, score = opened.term_arrays.evaluate(wq.Or([wq.Term("title_en", word),
                                                  wq.Term("body_en", word)]))
    body_only = set(np.flatnonzero(mask).tolist()) - in_title
    assert in_title and body_only
    assert min(score[list(in_title)]) > max(score[list(body_only)])


def test_a_small_cache_evicts_and_still_answers(sample_index, monkeypatch):
    opened = sample_index.current()
    monkeypatch.setattr(matching, "CACHE_BYTES", 1)
    fresh = matching.TermArrays(opened.searcher.reader())
    for text in QUERIES:
        mask, _ = fresh.evaluate(build_query(parse_user_query(text)))
        assert set(np.flatnonzero(mask).tolist()) == whoosh_matches(opened, text), text
    assert len(fresh._cache) == 1


def test_unknown_query_types_are_refused(sample_index):
    postings = sample_index.current().term_arrays
    with pytest.raises(matching.Unsupported):
        postings.evaluate(wq.FuzzyTerm("body_en", "data"))
    with pytest.raises(matching.Unsupported):
        postings.evaluate(wq.Phrase("body_en", ["data", "team"], slop=2))


@pytest.mark.parametrize(("size", "wanted"), [(50, 5), (1000, 20), (1000, 1), (10, 40)])
def test_the_first_page_is_cut_from_the_same_order_as_a_full_sort(size, wanted):
    rng = np.random.default_rng(size + wanted)
    postings = np.sort(rng.choice(5000, size, replace=False))
    primary, secondary = rng.integers(0, 6, size), rng.integers(0, 3, size)  # many ties
    expected = sorted(range(size), key=lambda i: (primary[i], secondary[i], postings[i]))
    found = query._ordered(postings, primary, wanted, secondary)
    assert found.tolist() == postings[expected[:wanted]].tolist()


def test_warming_reads_field_lengths_and_the_spelling_vocabulary(sample_index):
    index = SearchIndex(sample_index.index_dir)
    index.warm()
    opened = index.current()
    assert {"title_en", "body_en", "title_fr", "body_fr"} <= set(opened.term_arrays._lengths)
    assert opened._speller is not None
