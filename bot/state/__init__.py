"""The state: one interface (`State`), SQLite for one host and PostgreSQL for several instances.
May import the foundation only.

`open_state(settings)` picks the backend from `state.url` (null: the SQLite file in the data
directory); `connect_state(target)` opens a SQLite file for a path and a server for a
`postgresql://` URL. Every backend runs its versioned migrations at start, with a log line per migration.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.state.base import Row, State, Tx
from bot.state.migrations import SQLITE as MIGRATIONS
from bot.state.sqlite import SQLiteState

STATE_FILE = "state.sqlite3"


def connect_state(target: str | Path, key: bytes | None = None,
                  env: Mapping[str, str] | None = None, **options: Any) -> State:
    """The store at `target`: a PostgreSQL server for a `postgresql://` URL, else a SQLite file."""
    if isinstance(target, str) and target.startswith(("postgresql://", "postgres://")):
        from bot.state.postgres import PostgresState
        return PostgresState(target, key=key, env=env, **options)
    return SQLiteState(target, key=key, env=env, **options)


def open_state(settings: object, env: Mapping[str, str] | None = None) -> State:
    """The state store the settings name (a `bot.foundation.config.Settings`); the hash key from
    NFPBOT_HASH_KEY (settings.secrets) else, for SQLite, the key file beside the state."""
    from bot.foundation.config import Settings
    assert isinstance(settings, Settings)
    if env is None:
        key = settings.secrets.nfpbot_hash_key
        env = {"NFPBOT_HASH_KEY": key} if key else {}
    url = settings.state.url
    if url:
        from bot.state.postgres import PostgresState
        return PostgresState(url, env=env, pool_size=settings.state.pool_size)
    return SQLiteState(Path(settings.data_dir) / STATE_FILE, env=env)


__all__ = ["MIGRATIONS", "STATE_FILE", "Row", "SQLiteState", "State", "Tx", "connect_state",
           "open_state"]
