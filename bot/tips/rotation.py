"""Which tip a chat gets on a given day: a pure function of the date and the subscriber's start.

The rotation is a fixed order of all tips; subscriber k on day d gets tip (start_k + d) mod n, so every
tip is shown once before any repeats, and a new subscriber starts anywhere in the cycle.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

from bot.knowledge import Tip

EPOCH = date(2024, 1, 1)


def rotation(tips: Sequence[Tip]) -> list[Tip]:
    """The fixed order of the cycle: shuffled by a stable hash so related tips do not cluster."""
    return sorted(tips, key=lambda t: hashlib.sha256(t.id.encode()).hexdigest())


def tip_for_day(tips: Sequence[Tip], day: date, start: int = 0) -> Tip:
    """The tip for `day` of a subscriber whose cycle starts at `start`."""
    order = rotation(tips)
    if not order:
        raise ValueError("no tips in the knowledge base")
    return order[(start + (day - EPOCH).days) % len(order)]


def start_for(chat_key: str, tips_count: int) -> int:
    """A start position derived from the chat, so new subscribers begin at different tips."""
    if tips_count <= 0:
        return 0
    return int(hashlib.sha256(chat_key.encode()).hexdigest(), 16) % tips_count
