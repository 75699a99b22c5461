"""Per-user question limit (config telegram.questions_per_minute): a sliding one-minute window.

Why not AIORateLimiter: that one paces what the bot *sends* to Telegram; this one protects the
engine from one user flooding it, and tells the user how long to wait.
"""

from __future__ import annotations

import math
import time
from collections import deque


class UserRateLimit:
    def __init__(self, per_minute: int, window: float = 60.0) -> None:
        self.per_minute = per_minute
        self.window = window
        self._seen: dict[str, deque[float]] = {}

    def wait_seconds(self, user_id: str, now: float | None = None) -> int:
        """0 and count this request when allowed; else the whole seconds to wait."""
        if self.per_minute <= 0:
            return 0
        now = time.monotonic() if now is None else now
        seen = self._seen.setdefault(user_id, deque())
        while seen and now - seen[0] >= self.window:
            seen.popleft()
        if len(seen) >= self.per_minute:
            return max(1, math.ceil(self.window - (now - seen[0])))
        seen.append(now)
        if len(self._seen) > 50_000:   # forget idle users now and then
            self._seen = {u: d for u, d in self._seen.items() if d and now - d[-1] < self.window}
        return 0
