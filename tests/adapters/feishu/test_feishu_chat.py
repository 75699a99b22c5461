"""Feishu through the real lark_oapi long-connection client and open API client against the fake
platform (protobuf frames over a websocket, the message APIs over HTTP), answered by the real
engine with the real SQLite state: private chats, group @mentions, card buttons, follow-ups, a
dropped connection, redelivered events, rate limits, an expired token and the bot's removal."""

from __future__ import annotations

import time
from typing import Any

from fakes.feishu_events import bot_removed, card_action, message_event
from feishu_support import Live, buttons_of, card_text, new_chat, replies_to, wait_reply

from bot.answer.engine import Engine
from bot.tips.subscriptions import Subscription, Subscriptions

QUESTION_ZH = "不丹修订国家生物多样性战略和行动计划时做了什么？"


def ask(live: Live, text: str, chat: str, **kw: Any) -> dict[str, Any]:
    """Push a message event; wait for the bot's reply to it and return it."""
    event = message_event(text, chat_id=chat, **kw)
    live.fake.push_event(event)
    return wait_reply(live, event["event"]["message"]["message_id"])


def test_a_chinese_question_in_a_private_chat_gets_the_engines_card(feishu_live: Live,
                                                                    engine: Engine) -> None:
    reply = ask(feishu_live, QUESTION_ZH, new_chat())
    assert reply["msg_type"] == "interactive" and reply["kind"] == "reply"
    expected = engine.answer(QUESTION_ZH)
    assert expected.answered and expected.lang == "zh"
    text = card_text(reply)
    assert expected.lead in text
    for cite in expected.citations:
        assert cite.title in text
    labels = buttons_of(reply)
    assert "👍" in labels and "👎" in labels
    assert any("全文" in label for label in labels), labels


def test_group_chatter_is_ignored_and_a_mention_answered(feishu_live: Live) -> None:
    fake, chat = feishu_live.fake, new_chat("g")
    quiet = message_event("How can national reporting be harmonised?", chat_id=chat,
                          chat_type="group", open_id="ou_member1")
    frame = fake.push_event(quiet)
    assert fake.ack(frame) is not None   # received and acknowledged, not answered
    reply = ask(feishu_live, "How can national reporting be harmonised?", chat,
                chat_type="group", open_id="ou_member1", mention_bot=True)
    text = card_text(reply)
    assert "@_user_1" not in text and "[1]" in text
    time.sleep(0.3)
    assert replies_to(feishu_live, quiet["event"]["message"]["message_id"]) == []


def test_buttons_more_results_full_text_and_a_vote(feishu_live: Live) -> None:
    fake, chat = feishu_live.fake, new_chat()
    reply = ask(feishu_live, "How can national reporting be harmonised?", chat)
    labels = buttons_of(reply)
    more = next(v for k, v in labels.items() if k.startswith("More"))
    full = next(v for k, v in labels.items() if k.startswith("Full text"))
    frame = fake.push_event(card_action(more, chat_id=chat, message_id=reply["message_id"]))
    assert fake.ack(frame)["code"] == 200
    page = wait_reply(feishu_live, reply["message_id"])
    assert "[4]" in card_text(page)            # the next page continues the numbering
    fake.push_event(card_action(full, chat_id=chat, message_id=page["message_id"]))
    shown = card_text(wait_reply(feishu_live, page["message_id"]))
    assert full["t"].split()[-1] in shown       # the item's id: its full text with the source
    up = labels["👍"]
    frame = fake.push_event(card_action(up, chat_id=chat, message_id=reply["message_id"]))
    toast = fake.ack(frame)["data"]["toast"]
    assert toast["type"] == "success" and toast["content"]
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        with feishu_live.runtime.state.transaction() as tx:
            votes = tx.execute("SELECT COUNT(*) AS n FROM feedback").fetchone()["n"]
        if votes:
            break
        time.sleep(0.05)
    assert votes >= 1


def test_a_follow_up_continues_the_topic_in_a_chat_and_in_a_reply(feishu_live: Live) -> None:
    chat = new_chat()
    first = ask(feishu_live, "What did Bhutan do when it revised its NBSAP?", chat)
    assert "Understood as" not in card_text(first)
    second = card_text(ask(feishu_live, "who was involved?", chat))
    assert "Understood as: " in second and "Bhutan" in second
    group = new_chat("g")
    answer = ask(feishu_live, "What is CONABIO?", group, chat_type="group",
                 open_id="ou_g1", mention_bot=True)
    ask(feishu_live, "What did Bhutan do when it revised its NBSAP?", group,
        chat_type="group", open_id="ou_g1", mention_bot=True)
    # a reply to the first answer continues that answer's topic, not the latest one
    threaded = card_text(ask(feishu_live, "用中文说一下", group, chat_type="group",
                             open_id="ou_g1", mention_bot=True, parent_id=answer["message_id"]))
    assert "理解为：" in threaded and "CONABIO" in threaded


def test_a_dropped_connection_loses_and_duplicates_nothing(feishu_live: Live) -> None:
    fake, chat = feishu_live.fake, new_chat()
    before = fake.connections
    fake.lose_acks(1)     # Feishu never hears this event was received: it delivers it again
    lost = message_event("What is CONABIO?", chat_id=chat)
    fake.push_event(lost)
    wait_reply(feishu_live, lost["event"]["message"]["message_id"])
    fake.drop_connection()
    during = message_event("How can national reporting be harmonised?", chat_id=chat)
    fake.push_event(during)          # while the client reconnects: delivered on the new socket
    assert fake.wait_connected(before + 1, timeout=15)
    wait_reply(feishu_live, during["event"]["message"]["message_id"])
    time.sleep(0.5)
    for event in (lost, during):
        assert len(replies_to(feishu_live, event["event"]["message"]["message_id"])) == 1


def test_a_rate_limit_and_an_expired_token_are_retried(feishu_live: Live) -> None:
    fake, chat = feishu_live.fake, new_chat()
    fake.fail("reply", status=429, headers={"x-ogw-ratelimit-reset": "0.2"})
    fake.fail("reply", status=400, body={"code": 99991400, "msg": "request trigger frequency limit"},
              headers={})
    ask(feishu_live, "What is CONABIO?", chat)
    tokens = len(fake.calls_to("token"))
    fake.expire_tokens()
    ask(feishu_live, "How can national reporting be harmonised?", chat)
    assert len(fake.calls_to("token")) == tokens + 1


def test_the_bot_removed_from_a_group_unsubscribes_it(feishu_live: Live) -> None:
    subs, group, other = Subscriptions(feishu_live.runtime.state), new_chat("g"), new_chat("g")
    for chat in (group, other):
        subs.upsert(Subscription("feishu", chat, "zh", "08:00", "Asia/Shanghai", 0))
    frame = feishu_live.fake.push_event(bot_removed(group))
    assert feishu_live.fake.ack(frame) is not None
    deadline = time.monotonic() + 5
    while subs.get("feishu", group) is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert subs.get("feishu", group) is None and subs.get("feishu", other) is not None
    # a reply refused because the bot is not in the chat any more unsubscribes it too
    feishu_live.fake.fail("reply", status=400, body={"code": 230002, "msg": "Bot/User can NOT be "
                                                     "out of the chat."}, headers={})
    event = message_event("What is CONABIO?", chat_id=other, chat_type="group",
                          mention_bot=True)
    feishu_live.fake.push_event(event)
    while subs.get("feishu", other) is not None and time.monotonic() < deadline + 5:
        time.sleep(0.02)
    assert subs.get("feishu", other) is None


def test_a_card_refused_as_too_long_is_sent_shorter(feishu_live: Live) -> None:
    feishu_live.fake.fail("reply", status=400, body={"code": 230025, "msg": "The content of the "
                                                     "message is too long."}, headers={})
    reply = ask(feishu_live, "How can national reporting be harmonised?", new_chat())
    elements = reply["content"]["elements"]
    assert elements[0]["tag"] == "div" and len(elements[0]["text"]["content"]) <= 1500
    assert [e for e in elements if e["tag"] == "action"]   # the buttons stay
    assert reply["uuid"].endswith("s")
