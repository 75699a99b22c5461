"""The ranges numeric settings must lie in: `search.limit: 0` was accepted, after which every answer
said "There are no more passages for this question". Checked at start with the key and the fix."""

from __future__ import annotations

import math

INF = math.inf
# key: (lowest, highest), both allowed. Keys not listed here fall back to their name's rule below.
RANGES: dict[str, tuple[float, float]] = {
    "search.limit": (1, 20),
    "search.max_question_chars": (10, 100_000),
    "search.min_coverage": (0, 1),
    "search.related_ratio": (0, 1),
    "search.expansion_weight": (0, 1),
    "search.max_unknown_share": (0, 1),
    "search.max_unknown_share_zh": (0, 1),
    "search.background_boost": (0.01, 10),
    "search.document_boost": (0.01, 10),
    "search.large_corpus": (0, INF),    # 0: tantivy whatever the size
    "search.rrf_k": (1, INF),
    "embeddings.batch_size": (1, 4096),
    "embeddings.documents_limit": (0, INF),
    "telegram.questions_per_minute": (1, 10_000),
    "tips.lease_seconds": (1, INF),
    "tips.concurrency": (1, 1000),
    "tips.max_attempts": (1, 1000),
    "tips.max_day_attempts": (1, 10_000),
    "state.pool_size": (1, 1000),
    "dingtalk.send_attempts": (1, 100),
}


def range_of(key: str) -> tuple[float, float] | None:
    """The allowed range of a numeric setting: listed, or by its name (ports, durations, counts)."""
    if key in RANGES:
        return RANGES[key]
    name = key.rsplit(".", 1)[-1]
    if name.endswith("port"):
        return (0, 65535)   # 0: any free port
    if name.endswith(("_seconds", "_attempts", "threads", "_weight", "_z", "_z_agree", "_score")):
        return (0, INF)
    return None


def check_range(value: float, key: str, where: str) -> str | None:
    """The problem with `value`, or None when it lies in the key's range."""
    bounds = range_of(key)
    if bounds is None or bounds[0] <= value <= bounds[1]:
        return None
    low, high = bounds
    allowed = (f"at least {low:g}" if high == INF else f"from {low:g} to {high:g}")
    return f"{where}: '{key}' is {value!r}, out of range. Fix: use a number {allowed}."
