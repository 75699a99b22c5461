"""A replayed signed slash command (same trigger_id, inside the signature window) is answered once,
also when the replay reaches another process on the same state (issue 12, defect 5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes.slack_api import FakeSlack
from slack_support import SECRET, dispatch, event, fake_client, mention, slash
from state_support import TEST_HASH_KEY

from adapters.slack import build_app
from bot.answer.engine import Engine
from bot.foundation.config import Settings
from bot.runtime import STATE_FILE, Runtime
from bot.state import connect_state


def two_processes(settings: Settings, engine: Engine, where: Path | str, fake: FakeSlack):
    """Two apps, each with its own runtime and state connection, on one shared store."""
    apps = []
    for _ in range(2):
        runtime = Runtime.assemble(settings, engine, connect_state(where, key=TEST_HASH_KEY))
        apps.append(build_app(runtime, client=fake_client(fake), signing_secret=SECRET,
                              process_before_response=True))
    return apps


@pytest.fixture()
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


def test_a_replayed_command_is_answered_once(settings, engine, tmp_path, slack: FakeSlack) -> None:
    one, _ = two_processes(settings, engine, tmp_path / STATE_FILE, slack)
    body = slash("what is cites?", slack.response_url("r1"), trigger_id="13345224609.738474920.8088")
    statuses = [dispatch(one, body).status for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert len(slack.responses_to("r1")) == 1
    other = slash("what is cites?", slack.response_url("r2"))           # a new command: answered
    dispatch(one, other)
    assert len(slack.responses_to("r2")) == 1


def test_the_memory_is_shared_between_processes(settings, engine, pg_url, slack: FakeSlack) -> None:
    one, two = two_processes(settings, engine, pg_url, slack)
    body = slash("ramsar", slack.response_url("r3"), trigger_id="1.2.3")
    dispatch(one, body)
    dispatch(two, body)
    assert len(slack.responses_to("r3")) == 1
    retried = event(mention(f"<@{FakeSlack.bot_user_id}> cites"), event_id="Ev0REPLAY")
    dispatch(one, retried)
    dispatch(two, retried)
    assert len(slack.calls_to("chat.postMessage")) == 1
