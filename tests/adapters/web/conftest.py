"""Fixtures of the web chat tests (helpers in web_support.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from web_support import base_url, serving, web_runtime

from adapters.asgi_serving import Timeouts
from bot.answer.engine import Engine
from bot.foundation.config import Settings
from bot.runtime import Runtime


@pytest.fixture(scope="module")
def runtime_web(settings: Settings, engine: Engine,
                tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    """Default web settings, a state of the module's own."""
    return web_runtime(settings, engine, tmp_path_factory.mktemp("web") / "state.sqlite3")


@pytest.fixture(scope="module")
def client(runtime_web: Runtime) -> Iterator[httpx.Client]:
    # a long idle time: the client keeps its connection between tests
    with serving(runtime_web, timeouts=Timeouts(idle=120)) as server, httpx.Client(base_url=base_url(server),
                                                      timeout=30) as http:
        yield http


@pytest.fixture()
def state_file(tmp_path: Path) -> Path:
    return tmp_path / "state.sqlite3"
