"""What a chat message is: a command (with or without '/', or a Chinese alias glued to its argument),
small talk, or a question; and `Context`, who is asking where, filled in by each adapter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.foundation.answers import Lang
from index import clean_text, has_han, to_simplified

ALIASES: dict[str, str] = {
    "help": "help", "帮助": "help", "start": "start", "开始": "start",
    "ask": "ask", "问": "ask", "提问": "ask",
    "themes": "themes", "主题": "themes", "theme": "theme",
    "case": "case", "案例": "case", "cases": "cases",
    "lessons": "lessons", "经验": "lessons", "经验教训": "lessons",
    "conventions": "conventions", "公约": "conventions",
    "tip": "tip", "提示": "tip", "subscribe": "subscribe", "订阅": "subscribe",
    "unsubscribe": "unsubscribe", "退订": "unsubscribe", "取消订阅": "unsubscribe",
    "lang": "lang", "language": "lang", "语言": "lang",
    "doc": "doc", "文档": "doc",
    "show": "show", "显示": "show", "全文": "show", "more": "more", "更多": "more",
}
# The console and the web chat deliver no daily tip (nothing runs when the chat is closed, and a
# web page has no address to send to): there subscribe explains where tips are delivered and
# stores nothing.
NO_TIP_PLATFORMS = frozenset({"console", "web"})
CHINESE_ALIASES = {alias for alias in ALIASES if has_han(alias)}
# Whole messages that are small talk, not questions: answered with the welcome or a thank-you.
SMALL_TALK = {
    **dict.fromkeys(("hi", "hello", "hey", "good morning", "good afternoon", "good evening", "hi there",
                     "hello there", "你好", "您好", "嗨", "早上好", "下午好", "晚上好", "大家好", "哈喽"),
                    "start"),
    **dict.fromkeys(("thanks", "thank you", "thx", "many thanks", "thanks a lot", "thank you very much",
                     "thank you so much", "thanks so much", "cheers", "ok thanks", "great thanks",
                     "谢谢", "多谢", "感谢", "谢谢你", "谢谢您", "非常感谢", "太感谢了", "谢谢啦", "谢啦",
                     "辛苦了"), "thanks"),
}
# Other small talk and questions about the bot ("谢谢，你帮了大忙！", "who made you?") are answered by
# the engine from its built-in text (bot/answer/meta.py).
_SMALL_TALK_STRIP = re.compile(r"[\s!！.。,，~～?？]+")
_LEADING = re.compile(r"^\s*/?([^\s@/]+)(?:@\S+)?\s*(.*)$", re.S)
_ITEM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$|^[^\W_][\w.-]{0,79}#\d+$")  # item or passage


@dataclass(frozen=True, slots=True)
class Context:
    """Who is asking, where: filled in by the adapter from the platform event."""

    platform: str = "console"
    chat_id: str = "console"
    user_id: str = "console"
    lang: Lang | None = None          # the user's chosen language, if any
    can_manage: bool = True           # may change this chat's subscription (admins in groups)
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    # The thread this message belongs to (raw key, hashed by the store; None: no context kept)
    # and the bot message it replies to, if any (see bot/answer/conversation.py for the keys).
    conversation: str | None = None
    reply_to: str | None = None


@dataclass(frozen=True, slots=True)
class Parsed:
    command: str | None   # canonical name, or None for a plain question
    args: str
    alias: str = ""


def parse(text: str, slash_required: bool = False) -> Parsed:
    """Split a message into a command and its arguments; anything else is a question.

    With `slash_required`, only `/command` counts (plain private messages in Telegram).
    A leading `/word` that is no command is reported as the unknown command `word`.
    """
    text = clean_text(text or "").strip()
    small = SMALL_TALK.get(_SMALL_TALK_STRIP.sub(" ", to_simplified(text)).strip().lower())
    if small:
        return Parsed(small, "", text)
    match = _LEADING.match(text)
    if not match:
        return Parsed(None, text)
    typed, rest = match.group(1), match.group(2).strip()
    word = to_simplified(typed)  # 主題 is 主题
    slashed = text.startswith("/")
    name = ALIASES.get(word.lower())
    if name is None and not slashed and has_han(word):
        # Chinese has no spaces: "主题2" or "案例乌干达" are a command glued to its argument.
        for alias in sorted(CHINESE_ALIASES, key=len, reverse=True):
            if word.startswith(alias) and not _question_like(word):
                return Parsed(ALIASES[alias], (typed[len(alias):] + " " + rest).strip(),
                              typed[: len(alias)])
    if name is not None and (slashed or not slash_required or _unambiguous(name, rest)):
        return Parsed(name, rest, typed)
    if slashed:
        return Parsed("unknown", word)
    return Parsed(None, text)


def _unambiguous(name: str, rest: str) -> bool:
    """Plain text that can only mean the command even where commands need a '/': a lone "more",
    or "show" followed by an item id (show case-uganda-data-bank)."""
    return (name == "more" and not rest) or (name == "show" and _ITEM_ID.match(rest) is not None)


def _question_like(word: str) -> bool:
    return any(q in word for q in ("什么", "如何", "怎么", "哪", "吗", "？", "?", "为什么"))
