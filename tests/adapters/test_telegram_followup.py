"""Conversations on Telegram through PTB's real client against the fake Bot API: a private chat
continues its topic; in a group, a reply to one of the bot's messages continues that message's
topic even after the user asked about something else."""

from __future__ import annotations

import itertools
import time

from fakes.telegram_api import BOT_USER, BOT_USERNAME, message_update
from telegram_support import check_html, feed, with_app

ids = itertools.count(70_000)
message_ids = itertools.count(900_000)


def sent_ids(fake) -> list[int]:
    """Answer every sendMessage with a known message id; the list fills as the bot sends."""
    sent: list[int] = []

    def hook(params: dict) -> dict:
        sent.append(next(message_ids))
        chat = {"id": params["chat_id"], "type": "private" if params["chat_id"] > 0 else "group"}
        return {"ok": True, "result": {"message_id": sent[-1], "date": int(time.time()),
                                       "chat": chat, "from": BOT_USER, "text": params["text"]}}
    fake.on("sendMessage", hook)
    return sent


def test_a_private_chat_continues_its_topic(tg_runtime, tg_fake) -> None:
    u = next(ids)

    async def body(app):
        await feed(app, message_update("乌干达的国家生物多样性数据库是什么？", chat_id=u, user_id=u))
        await feed(app, message_update("它是哪一年建立的？", chat_id=u, user_id=u))
    with_app(tg_runtime, tg_fake, body)
    first, second = (check_html(t) for t in tg_fake.sent_texts())
    assert "理解为：" not in first
    assert "理解为：" in second and "乌干达" in second.split("\n")[0]


def test_a_reply_to_a_bot_message_continues_that_messages_topic(tg_runtime, tg_fake) -> None:
    group, u = -next(ids), next(ids)
    sent = sent_ids(tg_fake)

    async def body(app):
        await feed(app, message_update(f"@{BOT_USERNAME} What did Bhutan do when it revised its NBSAP?",
                                       chat_id=group, user_id=u))
        bhutan = sent[-1]
        await feed(app, message_update(f"@{BOT_USERNAME} What is CONABIO?", chat_id=group, user_id=u))
        reply = message_update("who was involved?", chat_id=group, user_id=u)
        reply["message"]["reply_to_message"] = {
            "message_id": bhutan, "date": int(time.time()), "from": BOT_USER,
            "chat": reply["message"]["chat"], "text": "Earlier answer"}
        await feed(app, reply)
    with_app(tg_runtime, tg_fake, body)
    texts = [check_html(t) for t in tg_fake.sent_texts()]
    assert len(texts) == 3
    understood = texts[2].split("\n")[0]
    assert understood.startswith("Understood as: ") and "Bhutan" in understood
    assert "CONABIO" not in understood
