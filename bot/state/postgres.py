"""The PostgreSQL state: several instances (hosts, platforms) on one database.

Why psycopg 3 (and not SQLAlchemy Core): the callers' SQL is already the common subset of both
databases, so an ORM layer would only translate `?` to `%s`; psycopg 3 is the maintained
PostgreSQL driver with binary wheels (no compiler, no libpq package on the host), server-side
parameters, dict rows, and its own connection pool (psycopg_pool) for our thread-per-request
adapters. Locking is the database's: claims of a delivery row use `FOR UPDATE SKIP LOCKED` and
unique keys (`INSERT ... ON CONFLICT DO NOTHING`), migrations take an advisory lock so instances
starting together migrate once. The password comes from the environment (PGPASSWORD or a
~/.pgpass file, which libpq reads itself), never from the URL in a config file.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from bot.foundation.datadir import private_file
from bot.foundation.errors import StateError
from bot.state.base import Params, Row, State, Tx
from bot.state.keys import GENERATE, HASH_KEY_ENV, key_from_env
from bot.state.migrations import POSTGRES, statements

log = logging.getLogger(__name__)
MIGRATIONS = POSTGRES
_MIGRATION_LOCK = 0x6E6670626F74  # "nfpbot": one advisory lock id for schema changes


@lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """`?` placeholders as psycopg's `%s` (a literal % doubled first)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _Tx:
    """A transaction's connection with the `?` placeholders the shared SQL uses."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Params = ()) -> psycopg.Cursor:
        return self.conn.execute(to_pyformat(sql), tuple(_storable(p) for p in params))


class PostgresState(State):
    """A connection pool on one database; every instance of the bot may share it."""

    dialect = "postgresql"
    lock_clause = " FOR UPDATE SKIP LOCKED"

    def __init__(self, url: str, key: bytes | None = None, env: Mapping[str, str] | None = None,
                 pool_size: int = 10, connect_timeout: float = 10.0) -> None:
        params = _check_url(url)
        self.url = url
        self._where = "PostgreSQL {}@{}:{}/{}".format(
            params.get("user", "(default user)"), params.get("host", "localhost"),
            params.get("port", "5432"), params.get("dbname", "(default database)"))
        key = key or key_from_env(os.environ if env is None else env)
        if key is None:
            raise StateError(f"{HASH_KEY_ENV} is not set; every instance on {self._where} must "
                             f"hash user ids with the same key. Fix: export {HASH_KEY_ENV}="
                             f"$({GENERATE}) with the same value on every instance.")
        super().__init__(key)
        self.pool = ConnectionPool(url, min_size=1, max_size=max(1, pool_size), open=False,
                                   kwargs={"row_factory": dict_row,
                                           "connect_timeout": int(connect_timeout)},
                                   timeout=connect_timeout, name="nfpbot-state",
                                   # a server restart must not fail the next answers: each
                                   # connection is checked (one round trip) when taken
                                   check=ConnectionPool.check_connection)
        try:
            self.pool.open(wait=True, timeout=connect_timeout)
            self._migrate()
        except (psycopg.Error, TimeoutError) as exc:
            self.pool.close()
            raise StateError(f"{self._where} cannot be used ({_first_line(exc)}). Fix: check "
                             f"state.url, that the server runs and accepts this user, and "
                             f"PGPASSWORD (or ~/.pgpass).") from None

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """One pooled connection in one transaction: committed on exit, rolled back on error."""
        with self.pool.connection() as conn:
            yield _Tx(conn)

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        with self.pool.connection() as conn:
            cur = conn.cursor(row_factory=dict_row)
            return cur.execute(to_pyformat(sql), tuple(_storable(p) for p in params)).fetchall()

    def schema_version(self) -> int:
        row = self.one("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")
        return int(row["v"]) if row else 0

    def latest_version(self) -> int:
        return len(MIGRATIONS)

    def ping(self) -> None:
        self.query("SELECT 1 AS ok")

    def backup(self, target: Path) -> Path:
        """pg_dump in its custom format (restore with pg_restore), consistent while running."""
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise StateError("pg_dump is not installed. Fix: install the PostgreSQL client "
                             "(apt-get install postgresql-client) and run again.")
        target = Path(target)
        private_file(target)
        done = subprocess.run([pg_dump, "--format=custom", "--no-owner", f"--file={target}",
                               f"--dbname={self.url}"], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise StateError(f"pg_dump of {self._where} failed: "
                             f"{_first_line(done.stderr)}. Fix: check that pg_dump's major "
                             f"version is at least the server's, and the credentials.")
        return target

    def describe(self) -> str:
        return self._where

    def close(self) -> None:
        self.pool.close()

    def _migrate(self) -> None:
        with self.pool.connection() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY "
                         "KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            row = conn.cursor(row_factory=dict_row).execute(
                "SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").fetchone()
            version = int(row["v"]) if row else 0
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in statements(script):
                    conn.execute(statement.encode())  # bytes: no placeholder parsing
                conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (number,))
                log.info("state schema migrated to version %d (%s)", number, self._where)


def _check_url(url: str) -> dict[str, Any]:
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise StateError(f"state.url is not a PostgreSQL URL ({_first_line(exc)}). Fix: use "
                         "postgresql://USER@HOST:5432/DATABASE.") from None
    if params.get("password"):
        raise StateError("state.url contains a password. Fix: remove it from the URL and export "
                         "PGPASSWORD (or use ~/.pgpass); secrets come only from the environment.")
    return params


def _first_line(exc: object) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(value: object) -> object:
    """Text PostgreSQL can hold: it refuses NUL characters, and UTF-8 has no lone surrogates
    (SQLite stores both); each becomes U+FFFD, so any question typed can still be kept."""
    if isinstance(value, str) and (not value.isascii() or "\x00" in value):
        return _UNSTORABLE.sub("\ufffd", value)
    return value
