"""Feishu's im.message.receive_v1 read into what the handlers need: who, where, which message,
the text without @mention placeholders, and whether the bot was mentioned. Plain data, so that
the handlers never reach into the SDK's optional fields."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_PLACEHOLDER = re.compile(r"@_user_\d+")


@dataclass(frozen=True, slots=True)
class Incoming:
    """One user message."""

    event_id: str
    message_id: str
    chat_id: str
    chat_type: str          # p2p or group
    open_id: str
    text: str
    parent_id: str = ""     # the message this one replies to ("" when none)
    mentions_bot: bool = False
    from_user: bool = True

    @property
    def private(self) -> bool:
        return self.chat_type == "p2p"


def incoming(data: Any, bot_open_id: str | None) -> Incoming | None:
    """The message of a P2ImMessageReceiveV1, or None when it carries no text we can read."""
    event = getattr(data, "event", None)
    message = getattr(event, "message", None)
    sender = getattr(event, "sender", None)
    if message is None or sender is None:
        return None
    text = message_text(message.message_type or "", message.content or "")
    if text is None:
        return None
    mentions = list(message.mentions or ())
    bot_keys = {m.key for m in mentions if _is_bot(m, bot_open_id)}
    for mention in mentions:   # others' mentions become their names; the bot's disappears
        if mention.key:
            name = "" if mention.key in bot_keys else f"@{mention.name or ''}"
            text = text.replace(mention.key, name)
    text = " ".join(_PLACEHOLDER.sub(" ", text).split())
    header = getattr(data, "header", None)
    sender_id = getattr(sender, "sender_id", None)
    return Incoming(event_id=str(getattr(header, "event_id", "") or ""),
                    message_id=str(message.message_id or ""), chat_id=str(message.chat_id or ""),
                    chat_type=str(message.chat_type or ""),
                    open_id=str(getattr(sender_id, "open_id", "") or ""), text=text,
                    parent_id=str(message.parent_id or message.root_id or ""),
                    mentions_bot=bool(bot_keys), from_user=sender.sender_type == "user")


def message_text(message_type: str, content: str) -> str | None:
    """The plain text of a text or rich-text (post) message; None for other kinds."""
    try:
        data = json.loads(content or "{}")
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    if message_type == "text":
        text = data.get("text")
        return text if isinstance(text, str) else None
    if message_type == "post":
        body: Any = data.get("content") if "content" in data else next(iter(data.values()), {})
        if isinstance(body, dict):
            body = body.get("content")
        words = []
        for line in body if isinstance(body, list) else ():
            for part in line if isinstance(line, list) else ():
                if isinstance(part, dict) and part.get("tag") in ("text", "a"):
                    words.append(str(part.get("text", "")))
                elif isinstance(part, dict) and part.get("tag") == "at":
                    words.append(str(part.get("user_id", "")))
        return " ".join(words)
    return None


def _is_bot(mention: Any, bot_open_id: str | None) -> bool:
    """The bot's own mention: its open id when known, else any mention of a bot."""
    open_id = getattr(getattr(mention, "id", None), "open_id", None)
    if bot_open_id:
        return open_id == bot_open_id
    return getattr(mention, "mentioned_type", None) == "bot"
