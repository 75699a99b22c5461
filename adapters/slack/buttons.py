"""What the answer's buttons carry: action ids and compact JSON values (Slack caps a value at 2000
characters), so a click can recompute its answer without server-side session state."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.command_parsing import parse

MORE = "nfp_more"
OTHER_LANG = "nfp_lang"
VOTE_UP = "nfp_vote_up"
VOTE_DOWN = "nfp_vote_down"
SHARE = "nfp_share"
FULL = "nfp_full"        # its value is a Request for "show ID" (顯示 ID keeps traditional script)
MAX_FULL_BUTTONS = 5

MAX_VALUE = 2000
MAX_TEXT = 1200          # questions longer than the engine's 1000 chars are refused anyway
SIDE_EFFECTS = {"subscribe", "unsubscribe", "lang", "start"}


@dataclass(frozen=True, slots=True)
class Request:
    """Enough to recompute an answer: the user's text, the language and the page offset.

    With offset 0 the text goes through Commands.handle (a command or a question); with an offset
    it is a question asked again for a later page.
    """

    text: str
    lang: str
    offset: int = 0

    def to_value(self) -> str:
        return _dump({"t": self.text[:MAX_TEXT], "l": self.lang, "o": self.offset})

    @classmethod
    def from_value(cls, value: str) -> Request:
        data = _load(value)
        lang = "zh" if data.get("l") == "zh" else "en"
        return cls(str(data.get("t", "")), lang, max(0, _int(data.get("o"))))


@dataclass(frozen=True, slots=True)
class Vote:
    """A 👍/👎 on an answer: the question, its top item and the vote."""

    question: str
    item_id: str | None
    vote: int
    lang: str = "en"

    def to_value(self) -> str:
        return _dump({"q": self.question[:MAX_TEXT], "i": self.item_id, "v": self.vote, "l": self.lang})

    @classmethod
    def from_value(cls, value: str) -> Vote:
        data = _load(value)
        vote = 1 if _int(data.get("v"), 1) > 0 else -1
        lang = "zh" if data.get("l") == "zh" else "en"
        item = data.get("i")
        return cls(str(data.get("q", "")), item if isinstance(item, str) else None, vote, lang)


def repeatable(text: str) -> bool:
    """True when recomputing `text` has no side effect (so it can be shared or re-asked)."""
    return parse(text).command not in SIDE_EFFECTS


def _dump(data: dict[str, Any]) -> str:
    value = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(value) > MAX_VALUE:   # only pathological texts (quotes escaped) get here
        data = {k: v[:400] if k in ("t", "q") and isinstance(v, str) else v for k, v in data.items()}
        value = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return value


def _int(value: Any, default: int = 0) -> int:
    """An int from a button value; anything else (text, lists, NaN) gives `default`."""
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return default


def _load(value: str) -> dict[str, Any]:
    try:
        data = json.loads(value or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
