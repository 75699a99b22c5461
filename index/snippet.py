"""Plain-text openings of passages, shared by the backends and the domain."""

from __future__ import annotations


def opening(text: str, limit: int = 240) -> str:
    """The start of `text`, cut at a sentence end when one is near, else marked with '…'."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for mark in ("。", ". ", "；", "; "):
        i = cut.rfind(mark)
        if i > limit // 2:
            return cut[: i + 1].strip()
    return cut.rstrip() + "…"
