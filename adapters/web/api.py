"""The JSON API under the page: ask, show, feedback. Synchronous (the engine is): the ASGI app
runs these on its thread pool. Input is validated here; what goes out is plain JSON data, never
markup, so every front end (ours included) must escape it.

POST /api/ask {"question", "conversation"?, "lang"?, "offset"?} -> the object of one line of
`ask --json` plus "conversation" (the id used: the client's, or a new random one), "more",
"offset", "total", "script", "suggestions", "notice" (for paging and display) and "listed" (the
ids of a list's members its lead already names: not shown again under it).
GET /api/show/ID?lang=zh|en&script=hant -> the same object for `show ID`.
POST /api/feedback {"question", "item"?, "vote": 1|-1, "conversation"?} -> {"ok", "message"}.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from bot.command_parsing import Context
from bot.foundation.answers import Answer, Lang, cited_below
from bot.runtime import Runtime

PLATFORM = "web"
MAX_QUESTION = 4000        # characters; the engine declines above search.max_question_chars
MAX_OFFSET = 1000
_CONVERSATION = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
_ITEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:#-]{0,159}$")


class BadRequest(ValueError):
    """The request's JSON is not what the API takes (400 with this reason)."""


def new_conversation() -> str:
    """A random conversation id: 128 bits, URL-safe."""
    return secrets.token_urlsafe(16)


def conversation_of(data: dict[str, Any]) -> str:
    value = data.get("conversation")
    if value is None or value == "":
        return new_conversation()
    if not isinstance(value, str) or not _CONVERSATION.match(value):
        raise BadRequest("conversation must be the id an earlier answer returned")
    return value


def lang_of(data: dict[str, Any]) -> Lang | None:
    value = data.get("lang")
    if value in (None, ""):
        return None
    if value not in ("zh", "en"):
        raise BadRequest("lang must be zh or en")
    return value


def context(runtime: Runtime, conversation: str, lang: Lang | None) -> Context:
    """The core's Context for a web conversation (the conversation id stands for the user: the
    page keeps no other identity, and the state stores only its hash)."""
    chosen = lang or runtime.commands.user_lang(PLATFORM, conversation)
    return Context(platform=PLATFORM, chat_id=f"web:{conversation}", user_id=conversation,
                   lang=chosen, can_manage=True, conversation=f"web:{conversation}")


def answer_json(answer: Answer, conversation: str) -> dict[str, Any]:
    return {**answer.to_json(), "conversation": conversation, "more": answer.more,
            "offset": answer.offset, "total": answer.total, "script": answer.script,
            "suggestions": list(answer.suggestions), "notice": answer.notice,
            "listed": _listed(answer)}


def _listed(answer: Answer) -> list[str]:
    shown = {c.id for _, c in cited_below(answer)}
    return [c.id for c in answer.citations if c.id not in shown]


def ask(runtime: Runtime, data: dict[str, Any]) -> dict[str, Any]:
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        raise BadRequest("question must be non-empty text")
    if len(question) > MAX_QUESTION:
        question = question[:MAX_QUESTION]   # the engine declines it as too long, politely
    offset = data.get("offset", 0)
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= MAX_OFFSET:
        raise BadRequest(f"offset must be a whole number from 0 to {MAX_OFFSET}")
    conversation, lang = conversation_of(data), lang_of(data)
    ctx = context(runtime, conversation, lang)
    if offset:
        answer = runtime.commands.ask(ctx, question, offset=offset, lang=lang)
    else:
        answer = runtime.commands.handle(ctx, question)
    return answer_json(answer, conversation)


def show(runtime: Runtime, item_id: str, lang: str | None, script: str | None) -> dict[str, Any]:
    """`show ID` as the commands run it (traditional characters when asked for)."""
    if not _ITEM.match(item_id):
        raise BadRequest("the id is not one that show takes")
    answer_lang = lang_of({"lang": lang})
    ctx = context(runtime, new_conversation(), answer_lang or runtime.engine.default_lang)
    alias = "顯示" if script == "hant" else ""
    answer = runtime.commands.run(ctx, "show", item_id, alias)
    return answer_json(answer, "")


def feedback(runtime: Runtime, data: dict[str, Any]) -> dict[str, Any]:
    question, item, vote = data.get("question"), data.get("item"), data.get("vote")
    if not isinstance(question, str) or not question.strip() or len(question) > MAX_QUESTION:
        raise BadRequest("question must be the text of the answer's question")
    if item is not None and (not isinstance(item, str) or not _ITEM.match(item)):
        raise BadRequest("item must be a citation id or null")
    if vote not in (1, -1) or isinstance(vote, bool):
        raise BadRequest("vote must be 1 or -1")
    conversation = conversation_of(data)
    runtime.feedback.record(PLATFORM, conversation, question, item, vote)
    lang = lang_of(data) or runtime.engine.default_lang
    return {"ok": True, "message": runtime.engine.messages.get("feedback_thanks", lang)}
