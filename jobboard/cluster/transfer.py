"""Generation files over HTTP: the indexer serves them read-only, nodes fetch and verify.

    python -m jobboard.cluster.transfer --index DIR --port P   GET /<folder>/<file>
    fetch(generation, index_dir) -> Path                        generations/gNNNNNN, verified

Why HTTP with a manifest rather than rsync: the manifest (size and sha256 of every file) is
in the generation's database row, so what a node installs is checked against what the
indexer published, not against what the wire delivered; files a node already has (same name,
size and digest in any of its generations) are hard-linked like rsync's --link-dest; and it
needs no daemon configuration, only Python's standard library on both sides.
"""

from __future__ import annotations

import argparse
import ctypes
import hashlib
import json
import os
import re
import shutil
import signal
import sys
import urllib.request
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from jobboard.cluster.publish import manifest_digest

RECEIPT = "transfer.json"  # in each fetched folder: its number and verified manifest
TIMEOUT_S = 5  # a stalled transfer fails and is tried again at the next poll
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,200}$")
_FOLDER = re.compile(r"^g[0-9]{6,}$")
_CHUNK = 1 << 20


class TransferError(RuntimeError):
    """A fetched generation does not match its manifest (nothing was installed)."""


def folder_name(number: int) -> str:
    return f"g{number:06d}"


def number_of(path: Path | None) -> int | None:
    """generations/g000007 -> 7 (a node's folders are named by published number)."""
    if path is None or not _FOLDER.match(path.name):
        return None
    return int(path.name[1:])


def _known_files(generations: Path) -> dict[tuple[str, int, str], Path]:
    """Files already verified on this node, by (name, size, sha256)."""
    known = {}
    for folder in generations.glob("g*"):
        try:
            receipt = json.loads((folder / RECEIPT).read_text())
        except (OSError, ValueError):
            continue
        for name, (size, digest) in receipt["manifest"].items():
            known[(name, size, digest)] = folder / name
    return known


def _download(url: str, target: Path, size: int, digest: str) -> None:
    hashed, received = hashlib.sha256(), 0
    with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response, open(target, "wb") as out:
        while chunk := response.read(_CHUNK):
            received += len(chunk)
            if received > size:
                break
            hashed.update(chunk)
            out.write(chunk)
    if received != size or hashed.hexdigest() != digest:
        raise TransferError(f"{url}: expected {size} bytes with sha256 {digest[:12]}…, got "
                            f"{received} bytes with sha256 {hashed.hexdigest()[:12]}…")


def fetch(generation, index_dir: Path) -> tuple[Path, dict]:
    """Install generation (a row with number, folder, source_url, manifest, manifest_digest)
    as index_dir/generations/gNNNNNN; returns its path and {"linked", "downloaded", "bytes"}."""
    generations = Path(index_dir) / "generations"
    generations.mkdir(parents=True, exist_ok=True)
    target = generations / folder_name(generation.number)
    manifest = generation.manifest
    if manifest_digest(manifest) != generation.manifest_digest:
        raise TransferError(f"generation {generation.number}: its manifest does not match "
                            "its digest in the database")
    try:
        if json.loads((target / RECEIPT).read_text())["digest"] == generation.manifest_digest:
            return target, {"linked": 0, "downloaded": 0, "bytes": 0}
    except (OSError, ValueError, KeyError):
        pass
    known = _known_files(generations)
    incoming = generations / f".incoming-{target.name}"
    shutil.rmtree(incoming, ignore_errors=True)
    incoming.mkdir()
    counts = {"linked": 0, "downloaded": 0, "bytes": 0}
    try:
        for name, (size, digest) in sorted(manifest.items()):
            if not _NAME.match(name):
                raise TransferError(f"generation {generation.number}: bad file name {name!r}")
            have = known.get((name, size, digest))
            if have is not None and have.exists() and have.stat().st_size == size:
                os.link(have, incoming / name)
                counts["linked"] += 1
                continue
            _download(f"{generation.source_url.rstrip('/')}/{generation.folder}/{name}",
                      incoming / name, size, digest)
            counts["downloaded"] += 1
            counts["bytes"] += size
        (incoming / RECEIPT).write_text(json.dumps(
            {"number": generation.number, "digest": generation.manifest_digest,
             "manifest": manifest}))
        shutil.rmtree(target, ignore_errors=True)  # an unverified leftover
        os.rename(incoming, target)
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    return target, counts


class _Files(SimpleHTTPRequestHandler):
    """GET /<folder>/<file> from the generations folder; nothing else, nothing written."""

    server_version = "jobboard-transfer"

    def do_GET(self):  # noqa: N802 (http.server's naming)
        parts = self.path.split("?", 1)[0].strip("/").split("/")
        if (len(parts) != 2 or not _FOLDER.match(parts[0]) or not _NAME.match(parts[1])):
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        path = Path(self.directory) / parts[0] / parts[1]
        if not path.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        with open(path, "rb") as handle:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
            self.end_headers()
            shutil.copyfileobj(handle, self.wfile, _CHUNK)

    def do_HEAD(self):  # noqa: N802
        self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass  # one line per file would drown the indexer's log


def serve(index_dir: Path, host: str, port: int) -> None:
    """Serve index_dir/generations until killed."""
    root = str(Path(index_dir).resolve() / "generations")
    Path(root).mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer((host, port),
                                 lambda *a: _Files(*a, directory=root))
    server.serve_forever()


def _die_with_parent(parent: int | None) -> None:
    # Why: a kill -9 of the indexer must not leave its file server holding the port. The
    # parent's pid comes from the parent: it may have died before we got here.
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if parent is not None and os.getppid() != parent:
        sys.exit(1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m jobboard.cluster.transfer",
                                     description="Serve generation files read-only.")
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--parent", type=int, help="exit when this process does")
    args = parser.parse_args(argv)
    _die_with_parent(args.parent)
    serve(args.index, args.host, args.port)


if __name__ == "__main__":
    main()
