"""An incremental reindex reuses unchanged files' records and gives what a full reindex gives:
the same documents, terms, positions, spelling vocabulary and report."""

import json
import os
import shutil
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from jobboard import postings, records
from jobboard.search import indexer, store
from jobboard.search.engine import SearchIndex
from jobboard.search.indexer import reindex
from jobboard.search.query import SearchRequest
from jobboard.search.store import MANIFEST_FILE, SPELLING_FILE
from jobboard.search.suggest import Speller

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "content"
SAME_IN_BOTH = ("problems", "collapsed", "stale", "documents", "per_language", "pairs", "only_in",
                "missing_classification", "missing_language_requirement", "outcome")


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Files parsed by load_all; records of files changed just now are trusted (the racy-stamp
    rule is tested on its own)."""
    monkeypatch.setattr(records, "RACY_NS", 0)
    seen: list[str] = []
    real = postings.load_posting

    def counted(path, root):
        seen.append(path.relative_to(root).as_posix())
        return real(path, root)

    monkeypatch.setattr(postings, "load_posting", counted)
    return seen


def snapshot(index_dir: Path) -> dict:
    """Everything a generation holds, by uid: stored fields, meta column, every posting of every
    term with its weight and positions, the spelling vocabulary and the manifest's documents."""
    live = store.live_path(index_dir)
    with whoosh_index.open_dir(live).searcher() as searcher:
        reader = searcher.reader()
        meta = reader.column_reader("meta")
        documents, paths = {}, {}
        for docnum in reader.all_doc_ids():
            source = reader.stored_fields(docnum)["source"]
            paths[docnum] = json.loads(source)["path"]
            documents[paths[docnum]] = (source, json.loads(meta[docnum]))
        terms: dict[tuple, list] = {}
        for fieldname, text, docnum, weight, value in reader.iter_postings():
            if not reader.is_deleted(docnum):  # positions and frequencies are in value
                terms.setdefault((fieldname, text), []).append((paths[docnum], weight, value))
    manifest = json.loads((live / MANIFEST_FILE).read_text())
    return {"documents": documents, "terms": {term: sorted(found) for term, found in terms.items()},
            "spelling": json.loads((live / SPELLING_FILE).read_text()),
            "manifest": manifest["documents"]}


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(f"{path.read_text(encoding='utf-8').rstrip()}\n\n{text}\n", encoding="utf-8")


def copy_of(content: Path, rel: str, to: str, **front_matter: str) -> None:
    text = (content / rel).read_text(encoding="utf-8")
    for name, value in front_matter.items():
        text = text.replace("---\n", f"---\n{name}: {value}\n", 1)
    (content / to).parent.mkdir(parents=True, exist_ok=True)
    (content / to).write_text(text, encoding="utf-8")


STEPS = [
    ("touch nothing", lambda c: None, []),
    ("edit one file", lambda c: edit(c / "en/cloud-engineer.md", "## ", "## Zanzibarish "),
     ["en/cloud-engineer.md"]),
    ("touch a file, same text", lambda c: os.utime(c / "en/budget-analyst.md",
                                                   ns=(1, 1_700_000_000_000_000_000)),
     ["en/budget-analyst.md"]),
    ("add a file", lambda c: copy_of(c, "en/cloud-engineer.md", "en/new-role.md",
                                     translationKey='"brand-new"'), ["en/new-role.md"]),
    ("add a newer copy of a posting: the old one is dropped",
     lambda c: copy_of(c, "en/budget-analyst.md", "en/budget-analyst-2027.md",
                       date="2027-01-05"), ["en/budget-analyst-2027.md"]),
    ("delete that copy: the unchanged old one is kept again",
     lambda c: (c / "en/budget-analyst-2027.md").unlink(), []),
    ("same file name in another folder with another key: numbered slug",
     lambda c: copy_of(c, "en/cloud-engineer.md", "en/archive/cloud-engineer.md",
                       translationKey='"old-cloud"'), ["en/archive/cloud-engineer.md"]),
    ("delete a file", lambda c: (c / "fr/ingenieur-e-infonuagique.md").unlink(), []),
    ("rename a file", lambda c: (c / "en/new-role.md").rename(c / "en/newer-role.md"),
     ["en/newer-role.md"]),
    ("move a file to a subfolder, same slug",
     lambda c: (c / "en/newer-role.md").rename(c / "en/moved/newer-role.md")
     if (c / "en/moved").mkdir() is None else None, ["en/moved/newer-role.md"]),
    ("break a file: its last good version stays, stale",
     lambda c: edit(c / "fr/scientifique-des-donnees.md", 'title: "', "title: 'l'"),
     ["fr/scientifique-des-donnees.md"]),
    ("add a broken and an empty file", lambda c: ((c / "en/broken.md").write_text("no front"),
                                                  (c / "fr/vide.md").write_text("")),
     ["en/broken.md", "fr/vide.md"]),
    ("touch nothing while files are broken", lambda c: None, []),
    ("fix the broken file", lambda c: edit(c / "fr/scientifique-des-donnees.md", "title: 'l'",
                                           'title: "'), ["fr/scientifique-des-donnees.md"]),
]


def test_each_incremental_reindex_equals_a_full_one(content, tmp_path, parses):
    incremental, full = tmp_path / "incremental", tmp_path / "full"
    first = reindex(content, incremental)
    assert first.outcome == "ok" and first.full
    shutil.copytree(incremental, full, symlinks=True)
    for step, change, parsed in STEPS:
        change(content)
        parses.clear()
        quick = reindex(content, incremental)
        assert parses == parsed, step
        slow = reindex(content, full, full=True, procs=1)
        assert not quick.full and slow.full, step
        assert [getattr(quick, name) for name in SAME_IN_BOTH] == [
            getattr(slow, name) for name in SAME_IN_BOTH], step
        assert snapshot(incremental) == snapshot(full), step
    assert quick.stale == [] and quick.unchanged == quick.documents - 1


def test_reports_of_broken_files_are_repeated_on_every_reindex(content, tmp_path, parses):
    (content / "en" / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody")
    first = reindex(content, tmp_path / "index")
    parses.clear()
    again = reindex(content, tmp_path / "index")
    assert parses == [] and again.errors == first.errors != []
    assert [e["file"] for e in again.errors] == ["en/broken.md"] and again.errors[0]["line"]


def test_records_are_not_reused_when_the_parsing_code_changes(content, tmp_path, parses,
                                                              monkeypatch):
    reindex(content, tmp_path / "index")
    parses.clear()
    monkeypatch.setattr(indexer, "parser_fingerprint", lambda: "other code")
    report = reindex(content, tmp_path / "index")
    assert len(parses) == 48 and report.unchanged == 48 and not report.full


def test_records_of_files_changed_just_before_a_load_are_not_trusted(content):
    result = postings.load_all(content)
    assert records.trusted(result) == {}  # written less than RACY_NS before the load
    result.started_ns += records.RACY_NS + 10**9
    assert records.trusted(result) == result.records


def test_a_file_changed_during_a_load_is_not_indexed_from_its_old_record(content):
    first = postings.load_all(content)
    later = postings.load_all(content, first.records)
    [entry] = [e for e in later.entries if e.path == "en/cloud-engineer.md"]
    edit(content / "en/cloud-engineer.md", "Cloud", "Sky")
    with pytest.raises(RuntimeError, match="changed while it was being loaded"):
        later.posting(entry)


def test_loads_from_records_equal_a_full_load(content):
    first = postings.load_all(content)
    copy_of(content, "en/cloud-engineer.md", "en/other/cloud-engineer.md",
            translationKey='"another"')
    again = postings.load_all(content, first.records)
    fresh = postings.load_all(content)
    assert again.postings == fresh.postings and again.problems == fresh.problems
    assert again.entries == fresh.entries and again.collapsed == fresh.collapsed
    assert list(again.parsed) == ["en/other/cloud-engineer.md"]


def test_speller_reads_the_vocabulary_saved_with_the_generation(tmp_path):
    reindex(SAMPLE, tmp_path / "index")
    live = store.live_path(tmp_path / "index")
    from_engine = SearchIndex(tmp_path / "index").current().speller  # as searches get it
    from_folder = Speller.from_generation(live)
    assert from_engine.best == from_folder.best and len(from_folder.best[""]) > 1000
    assert from_folder.correct("ingenieru") == "ingénieur"


def test_a_new_generation_is_live_before_its_file_records_are_saved(content, tmp_path,
                                                                      monkeypatch):
    """files.json and report.json are written after the swap: searches need neither."""
    index_dir = tmp_path / "index"
    reindex(content, index_dir)
    seen = {}
    real = indexer._save_manifest

    def saving(generation, *args):
        seen["live"] = store.live_path(index_dir)
        seen["servable"] = store.Generation.at(generation).problem()
        seen["updatable"] = store.Generation.at(generation).problem(to_update=True)
        return real(generation, *args)

    monkeypatch.setattr(indexer, "_save_manifest", saving)
    append(sorted((content / "en").glob("*.md"))[0], "A zorblax.")
    report = reindex(content, index_dir)
    live = store.live_path(index_dir)
    assert seen == {"live": live, "servable": None, "updatable": "incomplete"}
    assert store.Generation.at(live).usable() and (live / store.REPORT_FILE).exists()
    assert report.updated == 1 and not report.error and not report.stale


def test_file_records_that_cannot_be_saved_leave_a_live_generation_and_keep_the_dates(
        content, tmp_path, monkeypatch):
    """A reindex whose files.json is not written (a full disk, or a crash just after the
    swap): the new generation serves; the next reindex is a full one and keeps the day each
    posting was first published from the older generation's files.json."""
    index_dir = tmp_path / "index"
    reindex(content, index_dir)
    first = store.live_path(index_dir)
    saved = json.loads((first / MANIFEST_FILE).read_text())
    uid = next(iter(saved["documents"]))
    saved["documents"][uid][4] = 700_000  # published in 1917
    (first / MANIFEST_FILE).write_text(json.dumps(saved))

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(indexer, "_save_manifest", full_disk)
    append(sorted((content / "en").glob("*.md"))[0], "A zorblax.")
    report = reindex(content, index_dir)
    live = store.live_path(index_dir)
    assert report.outcome in ("ok", "problems") and "next reindex is a full one" in report.error
    assert live != first and not (live / MANIFEST_FILE).exists()
    found = SearchIndex(index_dir).search(SearchRequest(q="zorblax", filters={"status": ("all",)}))
    assert found.total == 1

    monkeypatch.undo()
    again = reindex(content, index_dir)
    assert again.full and again.full_reason == "live generation incomplete: full rebuild"
    documents = json.loads((store.live_path(index_dir) / MANIFEST_FILE).read_text())["documents"]
    assert documents[uid][4] == 700_000


def test_on_live_is_called_once_the_new_generation_is_live(content, tmp_path):
    index_dir = tmp_path / "index"
    reindex(content, index_dir)
    append(sorted((content / "fr").glob("*.md"))[0], "Un zorblax.")
    calls = []
    report = reindex(content, index_dir, on_live=lambda: calls.append(
        (store.live_path(index_dir).name, (store.live_path(index_dir) / MANIFEST_FILE).exists())))
    assert calls == [(report.generation, False)]
    assert (store.live_path(index_dir) / MANIFEST_FILE).exists()
