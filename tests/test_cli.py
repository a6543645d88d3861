import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobboard.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content"
CORPUS = ROOT.parent / "shared" / "corpus" / "cds"


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("JOBBOARD_INSTANCE_DIR", str(tmp_path / "instance"))
    runner = CliRunner()

    def invoke(*args, **env):
        return runner.invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)

    return invoke


def test_reindex_sample_content_exits_0(run, tmp_path):
    result = run("reindex", "--content", SAMPLE, "--index", tmp_path / "index")
    assert result.exit_code == 0, result.output
    assert "48 documents (en 24, fr 24), 23 EN/FR pairs" in result.output
    again = run("reindex", "--content", SAMPLE, "--index", tmp_path / "index")
    assert "incremental" in again.output and "unchanged 48" in again.output


@pytest.mark.corpus
def test_reindex_real_corpus_exits_1_and_lists_the_broken_files(run, tmp_path):
    result = run("reindex", "--content", CORPUS, "--index", tmp_path / "index", "--full")
    assert result.exit_code == 1
    assert "invalid files: 5" in result.output
    assert "fr/responsable-dequipe--aaaa.md:4: [title]" in result.output
    assert "use double quotes" in result.output
    assert "collapsed copies" in result.output


def test_reindex_failure_exits_2_and_keeps_the_live_index(run, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    assert run("reindex", "--content", content, "--index", tmp_path / "i").exit_code == 0
    shutil.rmtree(content)
    result = run("reindex", "--content", content, "--index", tmp_path / "i")
    assert result.exit_code == 2
    assert "The live index was not changed" in result.output
    found = run("search", "python", "--index", tmp_path / "i")
    assert found.exit_code == 0 and "Senior Python Developer" in found.output


def test_folders_come_from_the_environment(run, tmp_path):
    result = run("reindex", JOBBOARD_CONTENT_DIR=str(SAMPLE),
                 JOBBOARD_INDEX_DIR=str(tmp_path / "env-index"))
    assert result.exit_code == 0
    assert (tmp_path / "env-index" / "live").is_symlink()


def test_check_content(run, tmp_path):
    assert run("check-content", SAMPLE).exit_code == 0
    broken = tmp_path / "broken" / "en"
    broken.mkdir(parents=True)
    (broken / "x.md").write_text("no front matter")
    result = run("check-content", tmp_path / "broken")
    assert result.exit_code == 1 and "en/x.md:1: [front matter]" in result.output


def test_search_prints_results_and_json(run, tmp_path):
    run("reindex", "--content", SAMPLE, "--index", tmp_path / "index")
    text = run("search", "developpeur", "--lang", "fr", "--index", tmp_path / "index")
    assert text.exit_code == 0 and "Développeur·euse Python principal·e" in text.output
    result = run("search", "", "--json", "--filter", "classification=IT-03",
                 "--filter", "language_requirement=bilingual_imperative",
                 "--index", tmp_path / "index")
    document = json.loads(result.output)
    assert set(document) >= {"total", "page", "page_size", "results", "facets", "suggestion"}
    assert document["total"] == len(document["results"]) == 2
    assert {"id", "translation_key", "lang", "title", "url", "classifications",
            "language_requirement", "language_profile", "snippet",
            "archived"} <= set(document["results"][0])
    bad = run("search", "x" * 300, "--index", tmp_path / "index")
    assert bad.exit_code == 2 and "longer than 256" in bad.output


def test_search_without_index_is_a_clear_error(run, tmp_path):
    result = run("search", "x", "--index", tmp_path / "nothing")
    assert result.exit_code == 2 and "run `jobboard reindex`" in result.output


def test_serve_refuses_cluster_mode_without_a_shared_key(monkeypatch):
    from click.testing import CliRunner

    from jobboard.cli import cli

    monkeypatch.delenv("JOBBOARD_SECRET_KEY", raising=False)
    monkeypatch.setenv("JOBBOARD_MODE", "cluster")
    monkeypatch.setenv("JOBBOARD_DATABASE_URL", "postgresql://board@db.internal/jobboard")
    result = CliRunner().invoke(cli, ["serve", "--port", "1"])
    assert result.exit_code == 2 and "JOBBOARD_SECRET_KEY" in result.output
