"""Shared fixtures: real settings in a tmp data dir, the real engine over the real knowledge base."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_server import PostgresServer
from state_support import TEST_HASH_KEY

from bot.answer.engine import Engine
from bot.foundation.config import REPO_ROOT, Settings, load_settings
from bot.state import State, connect_state
from bot.state.postgres import PostgresState

KNOWLEDGE = REPO_ROOT / "knowledge"

# Every `serve` a test starts opens the ops port: any free one (0), never the fixed default 9095,
# which another process on the machine (a second test run) may hold.
os.environ.setdefault("NFPBOT_OPS__PORT", "0")


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("nfpbot-var")


@pytest.fixture(scope="session")
def settings(data_dir: Path) -> Settings:
    return load_settings(env={"NFPBOT_DATA_DIR": str(data_dir)})


@pytest.fixture(scope="session")
def engine(settings: Settings) -> Engine:
    """The real engine: real knowledge, real whoosh index on disk, real jieba."""
    return Engine.from_settings(settings)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the whole session (never skipped: `make test` installs it)."""
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture()
def pg_url(postgres: PostgresServer) -> str:
    """A fresh, empty state on the session's server (a schema of its own)."""
    return postgres.schema()


@pytest.fixture(params=["sqlite", "postgresql"])
def state(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[State]:
    """Each state test runs on both backends: a SQLite file, and a fresh PostgreSQL database."""
    if request.param == "sqlite":
        store: State = connect_state(tmp_path / "state.sqlite3", key=TEST_HASH_KEY)
    else:
        store = PostgresState(request.getfixturevalue("pg_url"), key=TEST_HASH_KEY, pool_size=4)
    yield store
    store.close()


@pytest.fixture()
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the knowledge base, for tests that change it."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target
