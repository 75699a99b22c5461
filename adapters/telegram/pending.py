"""Short-lived memory of answered questions, so buttons carry only a short key.

Why: callback_data is limited to 64 bytes, and a question may be 1,000 characters. Keys are random,
entries expire after `ttl` seconds and the oldest are dropped beyond `size`; after a restart the
buttons of old answers say "expired" (nothing here is worth persisting).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pending:
    text: str              # what the user sent (question or command text)
    is_question: bool      # True: re-ask with offset/lang; False: re-run the command text
    lang: str
    offset: int            # first citation shown
    shown: int             # citations shown
    top_item: str | None   # the item a vote is about


class PendingAnswers:
    def __init__(self, ttl: float = 24 * 3600, size: int = 10_000) -> None:
        self.ttl = ttl
        self.size = size
        self._items: OrderedDict[str, tuple[float, Pending]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, pending: Pending) -> str:
        key = secrets.token_urlsafe(6)
        with self._lock:
            self._items[key] = (time.monotonic(), pending)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> Pending | None:
        with self._lock:
            entry = self._items.get(key)
            if entry is None:
                return None
            if time.monotonic() - entry[0] > self.ttl:
                del self._items[key]
                return None
            return entry[1]
