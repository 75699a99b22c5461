"""What a card's buttons carry: a small JSON object (Feishu returns a button's `value` in the
card.action.trigger callback), enough to recompute the answer without server-side session state.
Values come back from the client: every field is checked when read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.command_parsing import parse

MORE, FULL, OTHER_LANG, VOTE = "more", "full", "lang", "vote"
MAX_FULL_BUTTONS = 5
MAX_TEXT = 1200           # questions longer than the engine's 1000 characters are refused anyway
SIDE_EFFECTS = {"subscribe", "unsubscribe", "lang", "start"}


def request(action: str, text: str, lang: str, offset: int = 0) -> dict[str, Any]:
    """A button that recomputes `text` (a later page when offset > 0)."""
    return {"nfp": action, "t": text[:MAX_TEXT], "l": lang, "o": offset}


def vote(question: str, item_id: str | None, value: int, lang: str) -> dict[str, Any]:
    return {"nfp": VOTE, "q": question[:MAX_TEXT], "i": item_id, "v": value, "l": lang}


@dataclass(frozen=True, slots=True)
class Pressed:
    """A button press read back from its value."""

    action: str
    text: str
    lang: str
    offset: int = 0
    item_id: str | None = None
    vote: int = 0

    @classmethod
    def from_value(cls, value: Any) -> Pressed | None:
        """None when the value is not one of ours."""
        if not isinstance(value, dict) or value.get("nfp") not in (MORE, FULL, OTHER_LANG, VOTE):
            return None
        lang = "zh" if value.get("l") == "zh" else "en"
        if value["nfp"] == VOTE:
            item = value.get("i")
            return cls(VOTE, str(value.get("q", ""))[:MAX_TEXT], lang,
                       item_id=item if isinstance(item, str) else None,
                       vote=1 if _int(value.get("v"), 1) > 0 else -1)
        return cls(value["nfp"], str(value.get("t", ""))[:MAX_TEXT], lang,
                   max(0, _int(value.get("o"))))


def repeatable(text: str) -> bool:
    """True when recomputing `text` has no side effect."""
    return parse(text).command not in SIDE_EFFECTS


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return default
