"""Shared fixtures: real settings in a tmp data dir, the real engine over the real knowledge base."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.config import REPO_ROOT, Settings, load_settings
from bot.engine import Engine
from bot.state import State

KNOWLEDGE = REPO_ROOT / "knowledge"


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


@pytest.fixture()
def state(tmp_path: Path) -> State:
    return State(tmp_path / "state.sqlite3")


@pytest.fixture()
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the knowledge base, for tests that change it."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target
