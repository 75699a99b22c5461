"""Per-client rate limit of the web API: a token bucket per client address, in memory.

Why in memory: one bucket per process is enough to stop one client from hogging the engine, and
it keeps no client address anywhere it could be logged or stored. Several instances behind a
proxy each allow `per_minute`; the proxy can limit globally. At most `max_clients` buckets are
kept (the least recently seen are forgotten), so many addresses cannot exhaust memory.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict

MAX_CLIENTS = 50_000


class RateLimiter:
    """`allow(client)` spends one token; `per_minute` tokens refill evenly over a minute."""

    def __init__(self, per_minute: int, max_clients: int = MAX_CLIENTS) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, client: str, now: float | None = None) -> float:
        """0 when allowed (a token spent), else the seconds until the next token."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.pop(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self._buckets[client] = (tokens - 1 if wait == 0 else tokens, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
            return wait


def retry_after(wait: float) -> int:
    """Whole seconds to tell the client (at least 1)."""
    return max(1, math.ceil(wait))
