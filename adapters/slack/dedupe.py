"""Slack re-sends an event (X-Slack-Retry-Num, same event_id) when it thinks the first delivery
failed, and a captured signed slash command can be replayed within the signature window;
remembering event ids and command trigger_ids keeps the bot from answering twice. The memory
is `bot.state.dedupe.SeenRequests`: the state store, shared by every process of a deployment."""

from __future__ import annotations

import logging
from typing import Any, Protocol

log = logging.getLogger(__name__)


class Memory(Protocol):
    def first_time(self, key: str) -> bool: ...


def request_key(body: Any) -> str | None:
    """What identifies one Slack request: an event's id, a slash command's trigger_id."""
    if not isinstance(body, dict):
        return None
    if body.get("event_id"):
        return f"slack:event:{body['event_id']}"
    if body.get("command") and body.get("trigger_id"):
        return f"slack:command:{body.get('team_id', '')}:{body['trigger_id']}"
    return None


def is_repeat(memory: Memory, body: Any) -> bool:
    """True when this event or slash command was seen before (then it must not be answered).

    Checked on the answer pool, after the acknowledgement, not in a middleware before it: the
    check is a write to the state database, and a burst of slash commands waiting on one such
    write each missed Slack's 3 seconds. A repeat is acknowledged with the same empty 200 either
    way; only its answer is skipped."""
    key = request_key(body)
    if key and not memory.first_time(key):
        log.info("ignoring a repeated delivery of %s", key)
        return True
    return False
