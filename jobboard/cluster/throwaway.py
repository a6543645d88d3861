"""A throwaway PostgreSQL 15 server (tests, scripts/cluster): initdb in a temp dir, loopback."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

BIN = Path(os.environ.get("JOBBOARD_PG_BIN", "/usr/lib/postgresql/15/bin"))
INSTALL_HINT = ("PostgreSQL 15 server binaries are needed here: run ./scripts/test "
                "(it installs postgresql-15 from apt) or `apt-get install postgresql-15`")


class PostgresError(RuntimeError):
    """The throwaway server could not be set up; the message says what to do."""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """initdb + pg_ctl start on a free port; `database()` makes a fresh empty database."""

    USER = "postgres"

    def __init__(self):
        if not (BIN / "initdb").exists():
            raise PostgresError(f"{BIN / 'initdb'} is missing. {INSTALL_HINT}")
        # Why not tmp_path: pytest's temp root is 0700 root-owned, and the server cannot run
        # as root, so it runs as `postgres` in a folder that user owns.
        self.root = Path(tempfile.mkdtemp(prefix="jobboard-pg-"))
        self.root.chmod(0o755)
        self.data, self.sockets, self.log = self.root / "data", self.root / "sockets", \
            self.root / "server.log"
        self.sockets.mkdir()
        self.as_owner: list[str] = []
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                raise PostgresError("running as root, but `runuser` is missing to start "
                                    "PostgreSQL as the postgres user")
            shutil.chown(self.root, "postgres")
            shutil.chown(self.sockets, "postgres")
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        self.port = free_port()
        self._names = itertools.count(1)
        self._run("initdb", "-D", self.data, "-U", self.USER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        self.start()

    def start(self) -> None:
        """Start the server (again, after halt(): same data, same port)."""
        self._run("pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "-o",
                  f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.sockets} "
                  "-c fsync=off -c full_page_writes=off -c max_connections=200", "start")

    def halt(self) -> None:
        """Stop the server, keeping its data (an outage; start() ends it)."""
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def _run(self, program: str, *args) -> None:
        command = [*self.as_owner, str(BIN / program), *map(str, args)]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.root)
        if result.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise PostgresError(f"`{' '.join(command)}` failed ({result.returncode}):\n"
                                f"{result.stdout}{result.stderr}{log}")

    def url(self, name: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.USER}@127.0.0.1:{self.port}/{name}"

    def database(self) -> str:
        """URL of a new empty database."""
        name = f"hr_test_{next(self._names)}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={self.USER} "
                             "dbname=postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
