"""Slack re-sends an event (X-Slack-Retry-Num, same event_id) when it thinks the first delivery
failed; remembering recent event ids keeps the bot from answering twice."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltResponse


class RecentEvents:
    """A bounded, thread-safe memory of event ids seen in the last `ttl` seconds."""

    def __init__(self, ttl: float = 3600.0, size: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.size, self.clock = ttl, size, clock
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, event_id: str) -> bool:
        """True the first time an id is offered; False for a repeat within the ttl."""
        now = self.clock()
        with self._lock:
            while self._seen and (len(self._seen) >= self.size
                                  or next(iter(self._seen.values())) < now - self.ttl):
                self._seen.popitem(last=False)
            if event_id in self._seen:
                return False
            self._seen[event_id] = now
            return True


def dedupe_middleware(recent: RecentEvents) -> Callable[..., Any]:
    """Bolt middleware: acknowledge a repeated event with 200 and do nothing else."""

    def dedupe(body: dict, next: Callable[[], None], logger: Any) -> BoltResponse | None:  # noqa: A002
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if event_id and not recent.first_time(str(event_id)):
            logger.info("ignoring a repeated delivery of event %s", event_id)
            return BoltResponse(status=200, body="")
        next()
        return None

    return dedupe
