"""The SQLite state file: the embedded default, one host, shared by its processes.

WAL journal, a busy timeout and BEGIN IMMEDIATE transactions make the Telegram and Slack processes
take turns as writers. The file is created 600 (SQLite gives its -wal and -shm files the same
mode); a corrupt or read-only file fails at start with a one-line `StateError`.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from bot.foundation.datadir import private_file
from bot.foundation.errors import StateError
from bot.state.base import Params, Row, State, Tx
from bot.state.keys import KEY_FILE, key_from_env, key_from_file
from bot.state.migrations import SQLITE, statements

log = logging.getLogger(__name__)
MIGRATIONS = SQLITE


class SQLiteState(State):
    """A connection per thread to the state file; `transaction()` for atomic changes."""

    dialect = "sqlite"

    def __init__(self, path: str | Path, key: bytes | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        self.path = Path(path)
        self._local = threading.local()
        try:
            private_file(self.path)
            legacy = self._legacy_key()
            super().__init__(key or key_from_env(os.environ if env is None else env)
                             or key_from_file(self.path.parent / KEY_FILE, legacy))
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise _state_error(self.path, exc) from None

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None,
                                   check_same_thread=False)
            conn.row_factory = _dict_row     # rows are dicts, as with psycopg's dict_row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA busy_timeout=30000")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """BEGIN IMMEDIATE ... COMMIT: one writer at a time across processes."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()["user_version"])

    def latest_version(self) -> int:
        return len(MIGRATIONS)

    def ping(self) -> None:
        self.conn.execute("SELECT 1 FROM subscriptions LIMIT 1").fetchall()

    def backup(self, target: Path) -> Path:
        """SQLite's online backup API: a consistent copy while the bot keeps running."""
        target = Path(target)
        private_file(target)
        dest = sqlite3.connect(target)
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        return target

    def describe(self) -> str:
        return f"SQLite {self.path}"

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _legacy_key(self) -> bytes | None:
        """The hash key that schemas 1-2 kept in a `secrets` table (moved to the key file)."""
        if self.schema_version() >= 3:
            return None
        try:
            row = self.conn.execute("SELECT value FROM secrets WHERE name = 'hash_key'").fetchone()
        except sqlite3.OperationalError:  # a new file: no tables yet
            return None
        return bytes.fromhex(row["value"]) if row else None

    def _migrate(self) -> None:
        with self.transaction() as conn:
            version = conn.execute("PRAGMA user_version").fetchone()["user_version"]
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in statements(script):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")
                log.info("state schema migrated to version %d (%s)", number, self.path)


def _dict_row(cursor: sqlite3.Cursor, row: tuple) -> dict:
    return {d[0]: value for d, value in zip(cursor.description, row, strict=True)}


def _state_error(path: Path, exc: sqlite3.DatabaseError) -> StateError:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        fix = (f"make {path} and its directory writable by the bot's user "
               f"(chown USER {path.parent} {path}), or set data_dir to a writable directory.")
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        fix = (f"restore {path} from a backup (`nfpbot state backup` makes them), or move it "
               f"away to start with an empty state (subscriptions would be lost).")
    else:
        fix = f"check that {path} is a SQLite database the bot's user can read and write."
    return StateError(f"state file {path} cannot be used ({text}). Fix: {fix}")
