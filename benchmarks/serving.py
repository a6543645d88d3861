"""Latency over HTTP: `jobboard serve` with 2 workers, 8 client threads, beside a static floor.

Each run starts a fresh server on the index, opens the index in both workers, then sends:
the query mix once (every URL new to the server: results-cache misses, "cold"), the mix three
more times untimed, a fixed number of requests cycling through the mix (mostly cache hits,
"warm"), and as many to /robots.txt (the floor: routing, middleware and a response, no
search); then a second server without results cache answers the mix repeatedly ("uncached":
every request searches, with the words' arrays already read). Latencies include queueing:
8 clients share 2 workers, and the clients run on the same 2 CPUs. `render` splits the page
cost from the network: the same pages through Flask's test client in this process, results
cached.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.measure import command_line, descendants, median_of, rss_mb, summary_ms
from benchmarks.queries import MIX, query_string

FLOOR = "/robots.txt"
HEALTH = "/healthz"
SEARCH_PATHS = {"en": "/en/jobs", "fr": "/fr/emplois"}
DEFAULT_COMMAND = ("jobboard", "serve", "--host", "127.0.0.1", "--port", "{port}",
                   "--workers", "{workers}", "--content", "{content}", "--index", "{index}")


def search_paths() -> list[str]:
    """The URL of each search in the mix, as the search form would request it."""
    return [f"{SEARCH_PATHS[request.ui_lang]}?{query_string(request)}".rstrip("?")
            for _, request in MIX]


def api_paths() -> list[str]:
    """The JSON API URL of each search in the mix."""
    return [f"/api/v1/search?lang={request.ui_lang}&{query_string(request)}".rstrip("&")
            for _, request in MIX]


def _argv(command: tuple[str, ...], **values) -> list[str]:
    argv = [part.format(**values) for part in command]
    beside = Path(sys.executable).with_name(argv[0])  # the venv's jobboard or gunicorn
    return [str(beside) if beside.exists() else argv[0], *argv[1:]]


def serve_available(command: tuple[str, ...] = DEFAULT_COMMAND) -> str | None:
    """None when the server command can run (its --help succeeds), else why not."""
    argv = _argv(command, port=0, workers=2, content="", index="")
    head = argv[:2] if command[:2] == DEFAULT_COMMAND[:2] else argv[:1]
    try:
        done = subprocess.run([*head, "--help"], capture_output=True, text=True, timeout=60,
                              check=False)
    except OSError as error:
        return f"skipped: serve not available ({error})"
    if done.returncode != 0:
        return f"skipped: serve not available (`{' '.join(command[:2])} --help` failed)"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        connection.close()


def load(port: int, paths: list[str], clients: int = 8) -> dict:
    """GET every path once with `clients` threads; latency summary, req/s and failures."""
    pending = iter(paths)
    lock = threading.Lock()
    latencies: list[float] = []
    failures: list[tuple[str, int | str]] = []

    def client() -> None:
        while True:
            with lock:
                path = next(pending, None)
            if path is None:
                return
            try:
                status, seconds = _get(port, path)
            except OSError as error:
                status, seconds = str(error), 0.0
            with lock:
                latencies.append(seconds)
                if status != 200:
                    failures.append((path, status))

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {**summary_ms(latencies), "req_per_s": round(len(paths) / wall, 1),
            "failures": len(failures), "failed": failures[:3]}


class Server:
    """A `jobboard serve` process on a free port, stopped (SIGTERM) on exit."""

    def __init__(self, index_dir: Path, content: Path, workers: int = 2,
                 command: tuple[str, ...] = DEFAULT_COMMAND, **settings: str):
        self.port = _free_port()
        self.instance = tempfile.TemporaryDirectory(prefix="bench-instance-")
        env = {**os.environ, "JOBBOARD_INDEX_DIR": str(index_dir),
               "JOBBOARD_CONTENT_DIR": str(content), "JOBBOARD_INSTANCE_DIR": self.instance.name,
               **{f"JOBBOARD_{name}": value for name, value in settings.items()}}
        argv = _argv(command, port=self.port, workers=workers, content=content, index=index_dir)
        self.started = time.perf_counter()
        # The server's log goes to a file: a pipe nobody reads fills up (64 KiB) and the
        # server's threads then block on their next log line.
        self.log = Path(self.instance.name) / "serve.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                                            stderr=log, start_new_session=True)

    def wait_ready(self, timeout: float = 120) -> float:
        """Seconds until the floor route answers 200."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"serve exited: {self.log_tail()}")
            try:
                if _get(self.port, FLOOR)[0] == 200:
                    return round(time.perf_counter() - self.started, 2)
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"serve did not answer within {timeout} s")

    def log_tail(self, size: int = 2000) -> str:
        return self.log.read_bytes()[-size:].decode(errors="replace")

    def errors(self) -> int:
        """Tracebacks the server logged so far (500s, failed refreshes)."""
        return self.log.read_bytes().count(b"Traceback (most recent call last)")

    def processes(self) -> dict:
        """VmRSS of the master and of each worker (the master's children), in MB."""
        tree = [self.process.pid, *descendants(self.process.pid)]
        rows = [(pid, rss_mb(pid), command_line(pid)) for pid in tree]
        masters = [pid for pid in tree if len([c for c in tree if _parent(c) == pid]) >= 2]
        master = masters[0] if masters else self.process.pid
        workers = [pid for pid, rss, _ in rows if _parent(pid) == master and rss is not None]
        return {"master_mb": rss_mb(master), "workers_mb": [rss_mb(pid) for pid in workers],
                "workers_anon_mb": [rss_mb(pid, "RssAnon") for pid in workers],
                "workers_file_mb": [rss_mb(pid, "RssFile") for pid in workers],
                "processes": [{"pid": p, "rss_mb": r, "cmd": c[:80]} for p, r, c in rows]}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # our own child: gunicorn stops its workers
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.instance.cleanup()


def _parent(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def one_run(index_dir: Path, content: Path, requests: int, command: tuple[str, ...],
            clients: int = 8) -> dict:
    """One fresh server: startup, cold mix, warm repeats, floor, health, memory per worker."""
    server = Server(index_dir, content, command=command)
    try:
        ready = server.wait_ready()
        opened = time.perf_counter()
        load(server.port, [SEARCH_PATHS["en"] + "?q=warmup"] * clients, clients)
        open_s = round(time.perf_counter() - opened, 2)  # both workers open the index
        mix = search_paths()
        cold = load(server.port, mix, clients)
        load(server.port, mix * 3, clients)  # untimed: most URLs now cached in both workers
        warm = load(server.port, [mix[i % len(mix)] for i in range(requests)], clients)
        api = api_paths()
        load(server.port, api * 3, clients)  # untimed, as above
        api_warm = load(server.port, [api[i % len(api)] for i in range(requests)], clients)
        floor = load(server.port, [FLOOR] * requests, clients)
        health = load(server.port, [HEALTH] * (requests // 4), clients)
        memory = server.processes()
        errors = server.errors()
    finally:
        server.stop()
    uncached, uncached_errors = _uncached(index_dir, content, requests, command, clients)
    timed = (cold, warm, api_warm, floor, health, uncached)
    return {"ready_s": ready, "open_s": open_s, "cold": cold, "warm": warm, "api_warm": api_warm,
            "floor": floor, "healthz": health, "uncached": uncached, **memory,
            "failed_requests": sum(result["failures"] for result in timed),
            "server_errors": errors + uncached_errors}


def _uncached(index_dir: Path, content: Path, requests: int, command: tuple[str, ...],
              clients: int) -> tuple[dict, int]:
    """A server without results cache, once it has seen the mix's words: every request runs
    its search (term arrays warm), as a busy server's searches that are new but use known
    words. With the tracebacks the server logged."""
    server = Server(index_dir, content, command=command, SEARCH_CACHE="0")
    try:
        server.wait_ready()
        mix = search_paths()
        load(server.port, mix * 2, clients)  # untimed: both workers read the words once
        return (load(server.port, [mix[i % len(mix)] for i in range(requests)], clients),
                server.errors())
    finally:
        server.stop()


def benchmark(index_dir: Path, content: Path, runs: int, requests: int,
              command: tuple[str, ...] = DEFAULT_COMMAND) -> dict:
    """Median of `runs` fresh-server runs, with ratios to the floor of the same run."""
    results = [one_run(index_dir, content, requests, command) for _ in range(runs)]
    for result in results:
        for name in ("cold", "warm", "api_warm", "uncached"):
            for stat in ("p50", "p95"):
                result[name][f"{stat}_x_floor"] = round(result[name][stat] /
                                                        max(result["floor"][stat], 1e-3), 1)
    merged = {name: median_of([r[name] for r in results])
              for name in ("cold", "warm", "api_warm", "uncached", "floor", "healthz")}
    return {"status": "ok", "command": " ".join(command), "runs": runs, "requests": requests,
            "ready_s": median_of([{"v": r["ready_s"]} for r in results])["v"],
            "open_s": median_of([{"v": r["open_s"]} for r in results])["v"],
            **merged, **max(({k: r[k] for k in ("workers_mb", "workers_anon_mb",
                                                 "workers_file_mb")} for r in results),
                            key=lambda r: max(r["workers_mb"], default=0)),
            "master_mb": results[-1]["master_mb"], "processes": results[-1]["processes"],
            "failed_requests": sum(r["failed_requests"] for r in results),
            "server_errors": sum(r["server_errors"] for r in results),
            "runs_detail": [{name: result[name] for name in
                             ("cold", "warm", "api_warm", "uncached", "floor", "healthz",
                              "workers_mb")}
                            for result in results]}


def render(index_dir: Path, content: Path, reps: int = 3) -> dict:
    """Pages through Flask's test client (no HTTP, results cached): HTML, JSON API, floor."""
    from jobboard import create_app

    with tempfile.TemporaryDirectory(prefix="bench-instance-") as instance:
        app = create_app({"INDEX_DIR": str(index_dir), "CONTENT_DIR": str(content),
                          "INSTANCE_DIR": instance, "SECRET_KEY": "benchmark"})
        client = app.test_client()
        html = search_paths()
        api = api_paths()
        timings: dict[str, list[float]] = {}
        for name, paths in (("html", html), ("api", api), ("floor", [FLOOR] * len(MIX))):
            for path in paths:  # prime the results cache
                if client.get(path).status_code != 200:
                    raise RuntimeError(f"{path} did not answer 200")
            timings[name] = []
            for _ in range(reps):
                for path in paths:
                    started = time.perf_counter()
                    client.get(path)
                    timings[name].append(time.perf_counter() - started)
    return {name: summary_ms(samples) for name, samples in timings.items()}
