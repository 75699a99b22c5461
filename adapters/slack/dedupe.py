"""Slack re-sends an event (X-Slack-Retry-Num, same event_id) when it thinks the first delivery
failed, and a captured signed slash command can be replayed within the signature window;
remembering event ids and command trigger_ids keeps the bot from answering twice. The memory
is `bot.dedupe.SeenRequests`: the state store, shared by every process of a deployment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from slack_bolt import BoltResponse


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


def dedupe_middleware(recent: Memory) -> Callable[..., Any]:
    """Bolt middleware: acknowledge a repeated event or command with 200 and do nothing else."""

    def dedupe(body: dict, next: Callable[[], None], logger: Any) -> BoltResponse | None:
        key = request_key(body)
        if key and not recent.first_time(key):
            logger.info("ignoring a repeated delivery of %s", key)
            return BoltResponse(status=200, body="")
        next()
        return None

    return dedupe
