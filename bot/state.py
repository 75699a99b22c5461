"""The SQLite state file: subscriptions, tip deliveries, feedback, user preferences, query log.

One file under the data directory, shared safely by the Telegram and Slack processes: WAL journal,
a busy timeout, short transactions. The schema is versioned with `PRAGMA user_version`; each
migration runs once, in order. Chat and user ids of feedback and logs are stored only as keyed hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE subscriptions (
        platform   TEXT NOT NULL,
        chat_id    TEXT NOT NULL,
        lang       TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
        send_time  TEXT NOT NULL,             -- HH:MM, local
        timezone   TEXT NOT NULL,             -- IANA name
        cycle_start INTEGER NOT NULL,         -- where in the tip rotation this subscriber starts
        script     TEXT NOT NULL DEFAULT 'hans',
        created_at TEXT NOT NULL,
        PRIMARY KEY (platform, chat_id)
    );
    CREATE TABLE deliveries (
        platform   TEXT NOT NULL,
        chat_id    TEXT NOT NULL,
        day        TEXT NOT NULL,             -- local date, YYYY-MM-DD
        tip_id     TEXT NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
        attempts   INTEGER NOT NULL DEFAULT 0,
        claimed_at TEXT NOT NULL,
        done_at    TEXT,
        detail     TEXT,
        PRIMARY KEY (platform, chat_id, day)
    );
    CREATE TABLE feedback (
        id         INTEGER PRIMARY KEY,
        platform   TEXT NOT NULL,
        user_hash  TEXT NOT NULL,
        question_hash TEXT NOT NULL,
        item_id    TEXT,
        vote       INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        UNIQUE (platform, user_hash, question_hash)
    );
    CREATE TABLE preferences (
        platform   TEXT NOT NULL,
        user_hash  TEXT NOT NULL,
        lang       TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
        PRIMARY KEY (platform, user_hash)
    );
    CREATE TABLE query_log (
        id         INTEGER PRIMARY KEY,
        platform   TEXT NOT NULL,
        lang       TEXT NOT NULL,
        answered   INTEGER NOT NULL,
        top_item   TEXT,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: the tip scheduler reads the deliveries of recent days on every pass
    """
    CREATE INDEX deliveries_day ON deliveries (day, platform);
    """,
]


class State:
    """A connection per thread to the state file; `transaction()` for atomic changes."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._migrate()
        self._key = self._hash_key()

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None,
                                   check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA busy_timeout=30000")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT: one writer at a time across processes."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def anonymise(self, value: str) -> str:
        """A keyed hash of a user or chat id: stable here, meaningless elsewhere."""
        return hmac.new(self._key, str(value).encode(), hashlib.sha256).hexdigest()[:32]

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _migrate(self) -> None:
        with self.transaction() as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in script.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")

    def _hash_key(self) -> bytes:
        with self.transaction() as conn:
            row = conn.execute("SELECT value FROM secrets WHERE name = 'hash_key'").fetchone()
            if row is None:
                value = os.urandom(32).hex()
                conn.execute("INSERT INTO secrets (name, value) VALUES ('hash_key', ?)", (value,))
                return bytes.fromhex(value)
            return bytes.fromhex(row["value"])
