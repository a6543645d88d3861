"""Several nodes: from a save to every node serving it, and node search p95 meanwhile.

    python -m benchmarks.cluster [--documents 10000] [--nodes 3] [--runs 5] [--json FILE]

Starts `scripts/cluster`'s sandbox (throwaway PostgreSQL, indexer, N nodes `--workers 1`,
HAProxy) on generated postings, then per run: append a new word to one posting, POST the
signed webhook through HAProxy, poll every node's JSON API until each finds it. Beside it, a
client searches the nodes directly (round robin, one request at a time, the mix's queries)
and its latencies are split into "steady" (no publication under way) and "publishing" (from
the save until the last node finds the word). Medians of the runs. Then, same run, the
single-machine baseline: one `jobboard serve --workers 1` (JOBBOARD_MODE=single) on a
hard-linked copy of the indexer's index, the same saves through its own webhook.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks.generate import generate
from benchmarks.queries import MIX, query_string
from jobboard.cluster.sandbox import Sandbox, get_json
from jobboard.cluster.throwaway import free_port

POLL_S, GIVE_UP_S = 0.02, 120.0


def _p95(values: list[float]) -> float:
    return round(statistics.quantiles(values, n=20)[-1] * 1000, 1) if len(values) > 1 else 0.0


class _Searches:
    """One client searching the nodes in turn; each latency tagged with the current phase."""

    def __init__(self, nodes: list[str]):
        self.nodes, self.phase, self.samples = nodes, "steady", []
        self.urls = [f"/api/v1/search?{query_string(r)}&lang={r.ui_lang}" for _, r in MIX]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        n = 0
        while not self.stop.is_set():
            node, url = self.nodes[n % len(self.nodes)], self.urls[n % len(self.urls)]
            n += 1
            phase, started = self.phase, time.perf_counter()
            code, _ = get_json(node + url, timeout=30)
            if code == 200:
                self.samples.append((phase, time.perf_counter() - started))
            time.sleep(0.01)

    def latencies(self, phase: str) -> list[float]:
        return [seconds for p, seconds in self.samples if p == phase]


def _webhook(url: str, secret: str, delivery: str) -> None:
    body = json.dumps({"ref": "refs/heads/main"}).encode()
    signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(
        f"{url}/hooks/reindex", data=body, method="POST",
        headers={"X-Hub-Signature-256": f"sha256={signature}", "X-GitHub-Delivery": delivery,
                 "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()


def _found(node: str, word: str) -> bool:
    code, body = get_json(f"{node}/api/v1/search?q={urllib.parse.quote(word)}&status=all",
                          timeout=30)
    return code == 200 and body.get("total", 0) > 0


def save_to_every_node(content: Path, hook: str, secret: str, nodes: list[str],
                       run: int) -> tuple[float, float]:
    """(seconds until the first node finds the new word, until the last one does)."""
    word = "zqcluster" + "".join(chr(ord("a") + int(d)) for d in f"{run:04d}")
    path = sorted((content / "en").glob("*.md"))[run]
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n")
                    + f"\n\nNew this week: the {word} initiative.\n", encoding="utf-8")
    saved = time.perf_counter()
    _webhook(hook, secret, f"bench-{run}-{time.time()}")
    found: dict[str, float] = {}
    while len(found) < len(nodes):
        assert time.perf_counter() - saved < GIVE_UP_S, f"{word} not found everywhere"
        for node in nodes:
            if node not in found and _found(node, word):
                found[node] = time.perf_counter() - saved
        time.sleep(POLL_S)
    return round(min(found.values()), 3), round(max(found.values()), 3)


def benchmark(documents: int, nodes: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="jobboard-bench-cluster-") as folder:
        content = generate(Path(folder), documents).content_dir
        booted = time.perf_counter()
        sandbox = Sandbox.start(nodes=nodes, content=content, ready_s=1800)
        try:
            boot_s = round(time.perf_counter() - booted, 2)
            urls = [sandbox.node_url(n) for n in range(1, nodes + 1)]
            searches = _Searches(urls)
            searches.thread.start()
            time.sleep(5)  # steady state first
            first, last = [], []
            for run in range(runs):
                searches.phase = "publishing"
                one, every = save_to_every_node(content, sandbox.haproxy_url,
                                                sandbox.state["webhook_secret"], urls, run)
                searches.phase = "steady"
                first.append(one)
                last.append(every)
                time.sleep(3)
            searches.stop.set()
            searches.thread.join(30)
            single = _single_node(sandbox, content, Path(folder), runs)
            return {"documents": documents, "nodes": nodes, "runs": runs,
                    "boot to converged s": boot_s,
                    "save to first node s (median)": round(statistics.median(first), 3),
                    "save to every node s (median)": round(statistics.median(last), 3),
                    "save to every node s (runs)": last,
                    "node search p95 ms steady": _p95(searches.latencies("steady")),
                    "node search p95 ms publishing": _p95(searches.latencies("publishing")),
                    "searches steady / publishing": [len(searches.latencies("steady")),
                                                     len(searches.latencies("publishing"))],
                    "single node, same run: save to searchable s (median)":
                        round(statistics.median(single), 3),
                    "single node, same run: save to searchable s (runs)": single}
        finally:
            sandbox.stop()


def _single_node(sandbox: Sandbox, content: Path, folder: Path, runs: int) -> list[float]:
    """Today's one-machine path on the same index and content, runs after the cluster's."""
    index = folder / "single-index"
    subprocess.run(["cp", "-al", str(sandbox.root / "indexer"), str(index)], check=True)
    port, secret = free_port(), "single-node-secret"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("JOBBOARD_")}
    server = subprocess.Popen(
        [Sandbox._jobboard(), "serve", "--workers", "1", "--port", str(port), "--content",
         str(content), "--index", str(index)],
        env={**environment, "JOBBOARD_WEBHOOK_SECRET": secret,
             "JOBBOARD_INSTANCE_DIR": str(folder / "single-instance")},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        while get_json(url + "/healthz")[0] != 200:
            assert server.poll() is None, "the single node stopped"
            time.sleep(0.2)
        return [save_to_every_node(content, url, secret, [url], run)[1]
                for run in range(runs, 2 * runs)]
    finally:
        server.terminate()
        server.wait(60)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", "-n", type=int, default=10000)
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    result = benchmark(args.documents, args.nodes, args.runs)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
