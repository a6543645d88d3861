"""`scripts/cluster`: a whole cluster on this machine, to try it and for the acceptance test.

    Sandbox.start(nodes=3, content=None)   a throwaway PostgreSQL, the indexer, N nodes and
                                           HAProxy on free loopback ports; returns once every
                                           node serves the published generation
    sandbox.summary()                      the one JSON line `scripts/cluster start` prints
    Sandbox.load().stop()                  stops what it started, by PID; removes its folders

What was started is kept in STATE (JOBBOARD_CLUSTER_STATE overrides it), for `stop`.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from jobboard.cluster.haproxy import config as haproxy_config
from jobboard.cluster.throwaway import Server, free_port

ROOT = Path(__file__).resolve().parents[2]
STATE = Path(os.environ.get("JOBBOARD_CLUSTER_STATE", ROOT / "instance" / "cluster.json"))
READY_S = 300  # a full build of the content comes first (10k: 13 s quiet, minutes when busy)


class SandboxError(RuntimeError):
    """The cluster could not start or stop; the message says why and where the logs are."""


def get_json(url: str, timeout: float = 2.0) -> tuple[int, dict]:
    """(status, JSON body) of a GET; (0, {}) when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        with error:
            try:
                return error.code, json.loads(error.read() or b"{}")
            except ValueError:
                return error.code, {}
    except (OSError, ValueError):
        return 0, {}


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


class Sandbox:
    """Processes and folders of one throwaway cluster (state is a JSON-able dict)."""

    def __init__(self, state: dict):
        self.state = state
        self.root = Path(state["root"])
        self.children: dict[int, subprocess.Popen] = {}  # ours to reap (same process only)
        self.postgres: Server | None = None

    # -- starting --------------------------------------------------------------------------
    @classmethod
    def start(cls, nodes: int = 3, content: Path | None = None, spare: int = 0,
              ready_s: float = READY_S) -> Sandbox:
        root = Path(tempfile.mkdtemp(prefix="jobboard-cluster-"))
        root.chmod(0o755)
        copied = content is None
        if copied:
            content = root / "content"
            shutil.copytree(ROOT / "content", content)
        ports = [free_port() for _ in range(nodes + spare)]
        sandbox = cls({"root": str(root), "content": str(Path(content).resolve()),
                       "copied": copied, "secret_key": secrets.token_hex(32),
                       "webhook_secret": secrets.token_hex(16), "node_ports": ports,
                       "node_pids": [None] * len(ports), "transfer_port": free_port(),
                       "haproxy_port": free_port(), "stats_port": free_port()})
        try:
            sandbox.postgres = Server()
            sandbox.state.update(pg_root=str(sandbox.postgres.root),
                                 pg_data=str(sandbox.postgres.data),
                                 database_url=sandbox.postgres.database().replace(
                                     "postgresql+psycopg://", "postgresql://"))
            sandbox.save()
            sandbox.prepare_schema()
            sandbox.start_indexer()
            for number in range(1, nodes + 1):
                sandbox.start_node(number)
            sandbox.start_haproxy()
            sandbox.wait_converged(list(range(1, nodes + 1)), ready_s)
        except SandboxError as error:
            tails = sandbox.log_tails()  # the folder goes with stop()
            sandbox.stop()
            raise SandboxError(f"{error}\n{tails}") from None
        except BaseException:
            sandbox.stop()
            raise
        return sandbox

    def log_tails(self, lines: int = 15) -> str:
        """The end of every process's log."""
        parts = []
        for log in sorted((self.root / "logs").glob("*.log")):
            tail = log.read_text(errors="replace").splitlines()[-lines:]
            parts.append(f"--- {log.name}\n" + "\n".join(tail))
        return "\n".join(parts)

    def prepare_schema(self) -> None:
        """Create the tables once, before several processes would race to (as a deploy does)."""
        from jobboard.hr.db import database, database_url, forget

        url = database_url({"DATABASE_URL": self.state["database_url"]})
        database(url)
        forget(url)

    def env(self, name: str) -> dict:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("JOBBOARD_")}
        return {**environment, "JOBBOARD_MODE": "cluster",
                "JOBBOARD_DATABASE_URL": self.state["database_url"],
                "JOBBOARD_SECRET_KEY": self.state["secret_key"],
                "JOBBOARD_WEBHOOK_SECRET": self.state["webhook_secret"],
                "JOBBOARD_TRUSTED_PROXIES": "1", "JOBBOARD_ENV": "development",
                "JOBBOARD_CONTENT_DIR": self.state["content"],
                "JOBBOARD_INSTANCE_DIR": str(self.root / f"instance-{name}")}

    def _spawn(self, name: str, command: list[str]) -> int:
        logs = self.root / "logs"
        logs.mkdir(exist_ok=True)
        with open(logs / f"{name}.log", "ab") as log:
            process = subprocess.Popen(command, env=self.env(name), cwd=self.root,
                                       stdin=subprocess.DEVNULL, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        self.children[process.pid] = process
        return process.pid

    @staticmethod
    def _jobboard() -> str:
        program = Path(sys.executable).with_name("jobboard")
        if not program.exists():
            raise SandboxError(f"{program} is missing: run ./scripts/test or pip install -e .")
        return str(program)

    def start_indexer(self) -> int:
        pid = self._spawn("indexer", [
            self._jobboard(), "indexer", "--content", self.state["content"],
            "--index", str(self.root / "indexer"),
            "--transfer-port", str(self.state["transfer_port"])])
        self.state["indexer_pid"] = pid
        self.save()
        return pid

    def start_node(self, number: int) -> int:
        port = self.state["node_ports"][number - 1]
        pid = self._spawn(f"node{number}", [
            self._jobboard(), "serve", "--host", "127.0.0.1", "--port", str(port),
            "--workers", "1", "--content", self.state["content"],
            "--index", str(self.root / f"node{number}")])
        self.state["node_pids"][number - 1] = pid
        self.save()
        return pid

    def start_haproxy(self) -> int:
        program = shutil.which("haproxy") or "/usr/sbin/haproxy"
        if not Path(program).exists():
            raise SandboxError("haproxy is missing: run ./scripts/test (it installs it) or "
                               "apt-get install haproxy")
        cfg = self.root / "haproxy.cfg"
        cfg.write_text(haproxy_config(f"127.0.0.1:{self.state['haproxy_port']}",
                                      [f"127.0.0.1:{p}" for p in self.state["node_ports"]],
                                      f"127.0.0.1:{self.state['stats_port']}"))
        self.state["haproxy_pid"] = self._spawn("haproxy", [program, "-db", "-f", str(cfg)])
        self.save()
        return self.state["haproxy_pid"]

    # -- looking -----------------------------------------------------------------------------
    def node_url(self, number: int) -> str:
        return f"http://127.0.0.1:{self.state['node_ports'][number - 1]}"

    @property
    def haproxy_url(self) -> str:
        return f"http://127.0.0.1:{self.state['haproxy_port']}"

    def health(self, number: int) -> tuple[int, dict]:
        return get_json(self.node_url(number) + "/healthz")

    def servers_up(self) -> dict[str, str]:
        """HAProxy's view: {"node1": "UP", ...}."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.state['stats_port']}/;csv",
                                        timeout=2) as response:
                lines = response.read().decode().splitlines()
        except OSError:
            return {}
        header = lines[0].lstrip("# ").split(",")
        rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:] if line]
        return {row["svname"]: row["status"] for row in rows
                if row.get("pxname") == "nodes" and row["svname"] not in ("BACKEND",)}

    def converged(self, numbers: list[int]) -> bool:
        answers = [self.health(n) for n in numbers]
        return all(code == 200 for code, _ in answers) and len(
            {(a["generation"], a["published"]) for _, a in answers}) == 1 and \
            answers[0][1]["generation"] == answers[0][1]["published"]

    def wait_converged(self, numbers: list[int], seconds: float = READY_S) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.converged(numbers) and sum(
                    status == "UP" for status in self.servers_up().values()) >= len(numbers):
                return
            for name, pid in self._pids():
                if not _alive(pid):
                    raise SandboxError(f"{name} (pid {pid}) stopped")
            time.sleep(0.2)
        raise SandboxError(f"the nodes did not converge within {seconds} s")

    def transfer_pid(self) -> int | None:
        """The indexer's file server (its child process)."""
        pid = self.state["indexer_pid"]
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return None
        return int(children[0]) if children else None

    def summary(self) -> dict:
        started = [n for n, pid in enumerate(self.state["node_pids"], 1) if pid]
        return {"haproxy": self.haproxy_url, "nodes": [self.node_url(n) for n in started],
                "node_pids": [self.state["node_pids"][n - 1] for n in started],
                "indexer_pid": self.state["indexer_pid"], "content": self.state["content"],
                "webhook_secret": self.state["webhook_secret"],
                "database_url": self.state["database_url"]}

    # -- stopping ----------------------------------------------------------------------------
    def _pids(self) -> list[tuple[str, int]]:
        named = [("haproxy", self.state.get("haproxy_pid")),
                 *((f"node{n}", pid) for n, pid in enumerate(self.state["node_pids"], 1)),
                 ("indexer", self.state.get("indexer_pid"))]
        return [(name, pid) for name, pid in named if pid]

    def kill(self, pid: int, sig: int = signal.SIGTERM, wait_s: float = 15) -> None:
        """Send sig to pid (ours) and wait until it is gone, SIGKILL after wait_s."""
        if not _alive(pid):
            self._reap(pid)
            return
        os.kill(pid, sig)
        deadline = time.monotonic() + wait_s
        while _alive(pid) and time.monotonic() < deadline:
            self._reap(pid, block=False)
            time.sleep(0.05)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
        self._reap(pid)

    def _reap(self, pid: int, block: bool = True) -> None:
        process = self.children.get(pid)
        if process is not None:
            if block:
                process.wait(30)
                del self.children[pid]
            else:
                process.poll()
        else:
            while block and _alive(pid):  # started by another process: wait it out
                time.sleep(0.05)

    def stop(self) -> None:
        """Stop every process by PID, then PostgreSQL, then remove the folders."""
        for _name, pid in self._pids():
            self.kill(pid)
        data = self.state.get("pg_data")
        if self.postgres is not None:
            self.postgres.stop()
        elif data and (Path(data) / "postmaster.pid").exists():
            pid = int((Path(data) / "postmaster.pid").read_text().split()[0])
            self.kill(pid, signal.SIGQUIT)  # immediate shutdown: the data is thrown away
        for folder in (self.state.get("pg_root"), self.state["root"]):
            if folder:
                shutil.rmtree(folder, ignore_errors=True)
        if STATE.exists() and json.loads(STATE.read_text()).get("root") == self.state["root"]:
            STATE.unlink()

    # -- the state file ------------------------------------------------------------------------
    def save(self) -> None:
        STATE.parent.mkdir(parents=True, exist_ok=True)
        STATE.write_text(json.dumps(self.state))

    @classmethod
    def load(cls) -> Sandbox | None:
        try:
            return cls(json.loads(STATE.read_text()))
        except (OSError, ValueError):
            return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/cluster",
                                     description="A throwaway cluster on loopback ports.")
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("start", help="start it; prints one JSON line")
    start.add_argument("--nodes", type=int, default=3)
    start.add_argument("--content", type=Path, help="used in place (default: a copy of content/)")
    commands.add_parser("stop", help="stop what start started and remove its folders")
    args = parser.parse_args(argv)
    running = Sandbox.load()
    if args.command == "stop":
        if running is None:
            print(f"nothing to stop ({STATE} is missing)", file=sys.stderr)
            return 0
        running.stop()
        return 0
    if running is not None and any(_alive(pid) for _, pid in running._pids()):
        print(f"error: a cluster is already running ({STATE}): scripts/cluster stop first",
              file=sys.stderr)
        return 2
    if args.nodes < 1:
        parser.error("--nodes must be 1 or more")
    if args.content is not None and not args.content.is_dir():
        parser.error(f"--content {args.content}: no such folder")
    try:
        sandbox = Sandbox.start(args.nodes, args.content)
    except SandboxError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    # The processes outlive this command; `stop` ends them (they are not our children then).
    sandbox.children.clear()
    print(json.dumps(sandbox.summary()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
