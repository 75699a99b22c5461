"""Fixtures of the Feishu tests: the fake open platform, a real runtime (session engine, its own
SQLite state) and the real lark_oapi long-connection client connected to the fake.

One client per test process: lark_oapi 1.7 runs every `ws.Client` on one module-level event
loop that `start()` never leaves, so the connected client is shared by the session's tests
(each uses chats of its own).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes.feishu_api import FakeFeishu
from feishu_support import Live, feishu_settings

from adapters.feishu.serving import build_handlers, make_api, ws_client
from bot.answer.engine import Engine
from bot.foundation.config import Settings
from bot.runtime import Runtime


@pytest.fixture(scope="session")
def feishu_fake() -> Iterator[FakeFeishu]:
    with FakeFeishu() as fake:
        yield fake


@pytest.fixture(scope="session")
def feishu_live(feishu_fake: FakeFeishu, data_dir: Path, engine: Engine,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The real client on a long connection to the fake, answering through the real engine."""
    settings = feishu_settings(data_dir, feishu_fake.url)
    runtime = Runtime.assemble(settings, engine,
                               tmp_path_factory.mktemp("feishu") / "state.sqlite3")
    handlers = build_handlers(runtime, make_api(settings))
    client = ws_client(runtime, handlers)
    threading.Thread(target=client.start, name="feishu-ws", daemon=True).start()
    # The SDK made the importing (main) thread's loop its own, and runs it in that thread now:
    # the main thread gets a loop of its own again, for any other test that asks for one.
    asyncio.set_event_loop(asyncio.new_event_loop())
    assert feishu_fake.wait_connected(1, timeout=15), "the client did not connect to the fake"
    yield Live(feishu_fake, runtime, handlers)
    # The client cannot be stopped (the SDK has no stop); once the fake is gone it keeps trying
    # to reconnect until the process ends: quietly.
    logging.getLogger("Lark").setLevel(logging.CRITICAL)


@pytest.fixture()
def feishu_runtime(settings: Settings, engine: Engine, tmp_path: Path,
                   feishu_fake: FakeFeishu) -> Runtime:
    """A runtime of its own (fresh state) pointed at the fake, for tests without the socket."""
    return Runtime.assemble(feishu_settings(tmp_path, feishu_fake.url), engine,
                            tmp_path / "state.sqlite3")
