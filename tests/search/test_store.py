"""store.Generation: the one owner of a generation's facts (files, counts, fingerprint)."""

import json
import shutil
from pathlib import Path

from jobboard.search import store
from jobboard.search.fingerprint import fingerprint
from jobboard.search.indexer import reindex
from jobboard.search.store import Generation

SAMPLE = Path(__file__).resolve().parents[2] / "content"


def test_a_generation_tells_its_facts_and_files(tmp_path):
    report = reindex(SAMPLE, tmp_path / "index")
    live = Generation.live(tmp_path / "index")
    assert live.name == report.generation and live.number == int(report.generation[1:])
    assert live.fingerprint == fingerprint() and live.usable()
    assert (live.documents, live.per_language) == (report.documents, report.per_language)
    assert live.built_at == report.started_at
    names = [path.name for path in live.files()]
    assert names == sorted(names) and set(store.OWN_FILES) <= set(names)
    assert any(name.endswith(".seg") for name in names) and "_MAIN_WRITELOCK" not in names
    assert sum(path.stat().st_size for path in live.files()) > 0


def test_no_generation_before_the_first_build(tmp_path):
    assert Generation.live(tmp_path / "index") is None


def test_an_incomplete_or_outdated_generation_is_not_usable(tmp_path):
    reindex(SAMPLE, tmp_path / "index")
    copy = tmp_path / "copy"
    shutil.copytree(Generation.live(tmp_path / "index").path, copy)
    assert Generation.at(copy).usable()
    assert Generation.at(copy).problem("another fingerprint") == "outdated"
    build = json.loads((copy / store.BUILD_FILE).read_text())
    Generation(copy).write_build({**build, "fingerprint": "0:0:0"})
    assert Generation.at(copy).problem() == "outdated"
    (copy / store.SPELLING_FILE).unlink()
    assert Generation.at(copy).problem() == "incomplete" and not Generation.at(copy).usable()


def test_a_generation_built_before_report_json_stays_usable_and_shows_its_build(tmp_path):
    """Generations written before the report moved to report.json kept it in build.json: they
    are neither incomplete nor outdated (no full rebuild), and HR sees that report."""
    reindex(SAMPLE, tmp_path / "index")
    live = Generation.live(tmp_path / "index")
    full = live.report()
    (live.path / store.REPORT_FILE).unlink()
    Generation(live.path).write_build({**full, "fingerprint": live.fingerprint})
    older = Generation.at(live.path)
    assert older.usable() and older.report()["problems"] == full["problems"]
    assert not reindex(SAMPLE, tmp_path / "index").full
