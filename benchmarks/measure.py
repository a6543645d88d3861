"""Statistics, process memory and machine description shared by the benchmark parts."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import subprocess
from importlib import metadata
from pathlib import Path


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile: percentile([1, 2, 3, 4], 0.5) -> 2."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def summary_ms(samples_s: list[float]) -> dict:
    """{"n", "p50", "p95", "max", "mean"} in milliseconds from samples in seconds."""
    ms = [s * 1000 for s in samples_s]
    return {"n": len(ms), "p50": round(percentile(ms, 0.5), 2),
            "p95": round(percentile(ms, 0.95), 2), "max": round(max(ms), 2),
            "mean": round(statistics.fmean(ms), 2)}


def median_of(runs: list[dict]) -> dict:
    """Per-key median of several runs' summaries (numbers only; other values from the first run)."""
    merged = dict(runs[0])
    for key, value in runs[0].items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            merged[key] = round(statistics.median(run[key] for run in runs), 3)
    return merged


def folder_mb(path: Path) -> float:
    """Size of the files under path, in MB (10**6 bytes)."""
    return round(sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file()) / 1e6, 2)


def rss_mb(pid: int, field: str = "VmRSS") -> float | None:
    """Resident memory of a live process in MB, or None when it is gone.

    field: VmRSS (all resident pages), RssAnon (private: the process's own objects) or
    RssFile (mapped files, such as index segments, shared with other readers).
    """
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    """Direct children of a process."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def descendants(pid: int) -> list[int]:
    """Every process below pid, parents before their children."""
    found, pending = [], children(pid)
    while pending:
        child = pending.pop(0)
        found.append(child)
        pending.extend(children(child))
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


def machine() -> dict:
    """CPU, memory, Python and library versions of this run."""
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    memory = next((int(line.split()[1]) // 1024 for line in
                   Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")),
                  None)
    versions = {}
    for name in ("whoosh3", "flask", "gunicorn", "python-frontmatter", "pyyaml"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "cpu": cpu, "cpus": os.cpu_count(), "memory_mb": memory,
            "python": platform.python_version(), "platform": platform.platform(), **versions,
            "commit": _git("rev-parse", "--short", "HEAD"),
            "jobboard_changed": bool(_git("status", "--porcelain", "--", "jobboard")),
            "load_average": os.getloadavg()}


def _git(*args: str) -> str | None:
    """Output of a read-only git command in the repository, or None outside a checkout."""
    try:
        done = subprocess.run(["git", *args], capture_output=True, text=True, check=False,
                              cwd=Path(__file__).resolve().parent.parent, timeout=30)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None
