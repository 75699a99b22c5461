"""Request ids seen recently, in the state store, so that every process of a deployment agrees.

Why in the database: Slack re-sends an event it thinks failed, and anyone who captured a signed
slash command can replay it within the 5-minute signature window; with several instances behind
a load balancer the repeat may reach another process, which a memory of its own would not know.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from bot.state.base import State

PURGE_EVERY = 200     # on average, one call in this many deletes the expired ids


class SeenRequests:
    """`first_time(key)`: True once per key within `ttl`, across every process on the state."""

    def __init__(self, state: State, ttl: timedelta = timedelta(minutes=10)) -> None:
        self.state = state
        self.ttl = ttl

    def first_time(self, key: str, now: datetime | None = None) -> bool:
        now = (now or datetime.now(UTC)).astimezone(UTC)
        stamp, expires = now.isoformat(), (now + self.ttl).isoformat()
        with self.state.transaction() as tx:
            if random.randrange(PURGE_EVERY) == 0:
                tx.execute("DELETE FROM seen_requests WHERE expires_at < ?", (stamp,))
            # A new key is inserted; an expired one is taken again; a live one changes nothing.
            return tx.execute(
                "INSERT INTO seen_requests (key, expires_at) VALUES (?, ?) ON CONFLICT (key)"
                " DO UPDATE SET expires_at = excluded.expires_at"
                " WHERE seen_requests.expires_at < ?", (key[:300], expires, stamp)).rowcount == 1
