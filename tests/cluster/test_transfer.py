"""Fetching a generation (jobboard/cluster/transfer.py): verified, linked when unchanged."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from jobboard.cluster import publish, transfer
from jobboard.search.indexer import reindex

from .conftest import write


def generation(settings, url, number) -> SimpleNamespace:
    report = reindex(settings["CONTENT_DIR"], settings["INDEX_DIR"])
    folder = Path(settings["INDEX_DIR"]) / "generations" / report.generation
    manifest = publish.manifest_of(folder)
    return SimpleNamespace(number=number, folder=folder.name, source_url=url,
                           manifest=manifest, manifest_digest=publish.manifest_digest(manifest))


def test_fetch_installs_a_verified_copy(settings, file_server, tmp_path):
    first = generation(settings, file_server, 1)
    path, counts = transfer.fetch(first, tmp_path / "node")
    assert path == tmp_path / "node" / "generations" / "g000001"
    assert publish.manifest_of(path) == {**first.manifest,
                                         transfer.RECEIPT: publish.manifest_of(path)[
                                             transfer.RECEIPT]}
    assert counts["downloaded"] == len(first.manifest) and counts["linked"] == 0
    assert transfer.fetch(first, tmp_path / "node")[1]["downloaded"] == 0  # already there


def test_unchanged_files_are_linked_from_the_previous_generation(settings, file_server, tmp_path):
    first = generation(settings, file_server, 1)
    old, _ = transfer.fetch(first, tmp_path / "node")
    write(Path(settings["CONTENT_DIR"]), "en", "economist", "Economist", "eco")
    second = generation(settings, file_server, 2)
    new, counts = transfer.fetch(second, tmp_path / "node")
    shared = [n for n in second.manifest if first.manifest.get(n) == second.manifest[n]]
    assert shared and counts["linked"] == len(shared)
    assert all((new / n).stat().st_ino == (old / n).stat().st_ino for n in shared)


def test_a_file_that_does_not_match_the_manifest_installs_nothing(settings, file_server,
                                                                  tmp_path):
    bad = generation(settings, file_server, 1)
    name = "build.json"
    (Path(settings["INDEX_DIR"]) / "generations" / bad.folder / name).write_text("{}")
    with pytest.raises(transfer.TransferError, match=name):
        transfer.fetch(bad, tmp_path / "node")
    assert list((tmp_path / "node" / "generations").iterdir()) == []


def test_a_manifest_that_does_not_match_its_digest_is_refused(settings, file_server, tmp_path):
    bad = generation(settings, file_server, 1)
    bad.manifest = {**bad.manifest, "extra": [1, "0" * 64]}
    with pytest.raises(transfer.TransferError, match="does not match its digest"):
        transfer.fetch(bad, tmp_path / "node")


def test_the_file_server_serves_generation_files_only(settings, file_server):
    import urllib.error
    import urllib.request

    generation(settings, file_server, 1)
    for path in ("/../secret", "/g000001/../../x", "/live/build.json", "/g000001/.lock"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(file_server + path, timeout=5)
        assert refused.value.code == 404
        refused.value.close()
