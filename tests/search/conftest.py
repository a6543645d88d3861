import datetime as dt
from pathlib import Path

import pytest

from jobboard.search.engine import SearchIndex
from jobboard.search.indexer import reindex

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "content"
CORPUS = ROOT.parent / "shared" / "corpus" / "cds"
TODAY = dt.date(2026, 11, 29)  # the sample content's open/closed split is written for this day


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory) -> SearchIndex:
    index_dir = tmp_path_factory.mktemp("sample-index")
    report = reindex(SAMPLE, index_dir)
    assert report.outcome == "ok", report.error or report.errors
    return SearchIndex(index_dir)


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> SearchIndex:
    index_dir = tmp_path_factory.mktemp("corpus-index")
    report = reindex(CORPUS, index_dir)
    assert report.outcome == "problems" and len(report.errors) == 5
    return SearchIndex(index_dir)


@pytest.fixture
def today() -> dt.date:
    return TODAY
