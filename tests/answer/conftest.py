"""Fixtures of the conversation tests here: a real SQLite state (the PostgreSQL case has its own
test, test_conversation.test_two_instances_on_postgresql_share_a_conversation) and the Commands the
platforms call, keeping a conversation for 30 minutes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from state_support import TEST_HASH_KEY

from bot.commands import Commands
from bot.foundation.config import ConversationSettings
from bot.state import State, connect_state


@pytest.fixture()
def state(tmp_path) -> Iterator[State]:
    store = connect_state(tmp_path / "state.sqlite3", key=TEST_HASH_KEY)
    yield store
    store.close()


@pytest.fixture()
def commands(engine, state) -> Commands:
    return Commands(engine, state, conversation=ConversationSettings(ttl_minutes=30))
