"""The one interface every state store offers: transactions, reads, keyed hashes, health, backup.

Why raw SQL behind a small interface and not an ORM: the state is a dozen tables and statements
written in the common subset of SQLite and PostgreSQL (`?` placeholders, `INSERT ... ON CONFLICT`,
`RETURNING`); each backend adapts connections, placeholders, locking and migrations, and the
callers (subscriptions, deliveries, feedback, query log, deduplication, report) are the same for
both. The implementations import this interface, never the other way round: `bot.state.connect_state`
picks one (a SQLite file for a path, a server for a `postgresql://` URL).
"""

from __future__ import annotations

import hashlib
import hmac
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

Row = dict[str, Any]
Params = Sequence[Any]


class Cursor(Protocol):
    """What `Tx.execute` returns (sqlite3's and psycopg's cursors both fit)."""

    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Tx(Protocol):
    """A transaction's connection: `execute(sql, params)` with `?` placeholders."""

    def execute(self, sql: str, params: Any = ..., /) -> Any: ...


class State(ABC):
    """Subscriptions, deliveries, preferences, feedback, deduplication and the query log."""

    dialect: str = ""
    #: appended to a SELECT of one delivery row inside a claim; empty where the whole
    #: transaction already excludes other writers (SQLite's BEGIN IMMEDIATE).
    lock_clause: str = ""

    def __init__(self, key: bytes) -> None:
        self._key = key

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Tx]:
        """An atomic unit of work; committed on exit, rolled back on an exception."""

    @abstractmethod
    def query(self, sql: str, params: Params = ()) -> list[Row]:
        """Rows of a read outside any write transaction."""

    def one(self, sql: str, params: Params = ()) -> Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    @abstractmethod
    def schema_version(self) -> int:
        """The number of migrations applied."""

    @abstractmethod
    def latest_version(self) -> int:
        """The number of migrations this code knows."""

    @abstractmethod
    def ping(self) -> None:
        """Raise if the store cannot be reached (readiness)."""

    @abstractmethod
    def backup(self, target: Path) -> Path:
        """A consistent copy of the whole state at `target` (a file); returns the file written."""

    @abstractmethod
    def describe(self) -> str:
        """Where the state is, for logs and messages (never a password)."""

    @abstractmethod
    def close(self) -> None: ...

    def anonymise(self, value: str) -> str:
        """A keyed hash of a user or chat id: stable here, meaningless elsewhere."""
        return hmac.new(self._key, str(value).encode(), hashlib.sha256).hexdigest()[:32]
