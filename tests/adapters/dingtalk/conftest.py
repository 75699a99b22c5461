"""Fixtures of the DingTalk tests: the fake open platform, a runtime with its own state, and the
real stream client (dingtalk-stream) connected to the fake in a thread of its own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from fakes.dingtalk_api import CLIENT_ID, CLIENT_SECRET, FakeDingTalk

from adapters.dingtalk import build_client
from adapters.dingtalk.openapi import OpenApi
from adapters.dingtalk.stream import StreamClient
from bot.answer.engine import Engine
from bot.foundation.config import Settings
from bot.runtime import Runtime


@pytest.fixture()
def dt_fake() -> Iterator[FakeDingTalk]:
    with FakeDingTalk() as fake:
        yield fake


@pytest.fixture()
def dt_settings(settings: Settings, dt_fake: FakeDingTalk) -> Settings:
    """The session's settings pointed at the fake, with the app's credentials."""
    return replace(settings, dingtalk=replace(settings.dingtalk, openapi_endpoint=dt_fake.url,
                                              timeout_seconds=5.0),
                   secrets=replace(settings.secrets, dingtalk_client_id=CLIENT_ID,
                                   dingtalk_client_secret=CLIENT_SECRET))


@pytest.fixture()
def dt_runtime(dt_settings: Settings, engine: Engine, tmp_path: Path) -> Runtime:
    return Runtime.assemble(dt_settings, engine, tmp_path / "state.sqlite3")


@dataclass
class Bot:
    client: StreamClient
    api: OpenApi
    thread: threading.Thread


@pytest.fixture()
def dt_bot(dt_runtime: Runtime, dt_fake: FakeDingTalk) -> Iterator[Bot]:
    """The production stream client, connected to the fake; stopped after the test."""
    api = OpenApi(dt_runtime.settings)
    client = build_client(dt_runtime, api)
    thread = threading.Thread(target=client.serve_forever, name="dingtalk-test", daemon=True)
    thread.start()
    assert dt_fake.wait_connections(1), "the stream client did not connect to the fake"
    yield Bot(client, api, thread)
    client.stop()
    thread.join(10)
    api.close()
