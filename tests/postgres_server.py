"""A real, throw-away PostgreSQL server for the tests: initdb into a temporary directory, postgres
on a free loopback port, one fresh database per test, stopped at the end of the session.

The server binaries come from the Debian `postgresql` package (`make test` installs it when
missing). PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
Durability is switched off (fsync, synchronous commit): the tests check locking, not disks.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

SUPERUSER = "nfpbot"


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed; `make test` installs the Debian "
                           "postgresql package (apt-get install -y postgresql)")
    return found[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """One postgres process; `database()` makes a new empty database and returns its URL."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="nfpbot-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]
        self._names = itertools.count(1)
        self.process: subprocess.Popen | None = None
        self._shared: str | None = None

    @property
    def admin_url(self) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def url(self, dbname: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def start(self) -> PostgresServer:
        subprocess.run(self._as_user + [_bin("initdb"), "-D", str(self.data), "-U", SUPERUSER,
                                        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N"],
                       check=True, capture_output=True)
        with open(self.root / "postgres.log", "wb") as log:   # the child keeps its own handle
            self.process = subprocess.Popen(
                self._as_user + [_bin("postgres"), "-D", str(self.data), "-p", str(self.port),
                                 "-k", str(self.root), "-c", "listen_addresses=127.0.0.1",
                                 "-c", "fsync=off", "-c", "synchronous_commit=off",
                                 "-c", "full_page_writes=off", "-c", "max_connections=300"],
                stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            try:
                psycopg.connect(self.admin_url, connect_timeout=2).close()
                return self
            except psycopg.OperationalError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("postgres did not start: "
                                       + (self.root / "postgres.log").read_text()[-2000:]
                                       ) from None
                time.sleep(0.1)

    def database(self, prefix: str = "t") -> str:
        """A new, empty database; its URL (no password: trust authentication on loopback)."""
        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" STRATEGY FILE_COPY'.encode())
        return self.url(name)

    def schema(self) -> str:
        """A new, empty schema in one shared database, as the first on the search path: as
        isolated as a database for the state, and much cheaper to make per test."""
        if self._shared is None:
            self._shared = self.database("shared")
        name = f"s_{next(self._names)}"
        with psycopg.connect(self._shared, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"'.encode())
        return f"{self._shared}?options=-csearch_path%3D{name}"

    def stop(self) -> None:
        """Immediate shutdown: no checkpoint, the cluster is thrown away anyway."""
        if self.process is not None and self.process.poll() is None:
            pid_file = self.data / "postmaster.pid"
            pid = int(pid_file.read_text().split()[0]) if pid_file.exists() else self.process.pid
            os.kill(pid, signal.SIGQUIT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.kill(pid, signal.SIGKILL)
                self.process.wait(10)
        shutil.rmtree(self.root, ignore_errors=True)
