"""Daily tips on Feishu: `subscribe 08:00 zh Asia/Shanghai` typed in a chat (through the long
connection), then the delivery run sends exactly one tip, in Chinese, as a new card in that chat;
a rate-limited send is retried; a chat the bot left is unsubscribed."""

from __future__ import annotations

from datetime import UTC, datetime

from fakes.feishu_api import FakeFeishu
from fakes.feishu_events import message_event
from feishu_support import Live, card_text, new_chat, wait_reply
from tips_support import FAST

from adapters.feishu.api import FeishuApi
from adapters.feishu.tips import send_tips_now
from bot.runtime import Runtime
from bot.tips.subscriptions import Subscription, Subscriptions

# 08:30 in Shanghai (UTC+8): a subscription for 08:00 there is due.
MORNING = datetime(2025, 3, 10, 0, 30, tzinfo=UTC)


def api(fake: FakeFeishu) -> FeishuApi:
    from fakes.feishu_api import APP_ID, APP_SECRET
    return FeishuApi(fake.url, APP_ID, APP_SECRET, attempts=1)


def test_subscribe_in_a_chat_then_exactly_one_tip(feishu_live: Live) -> None:
    fake, chat = feishu_live.fake, new_chat()
    event = message_event("subscribe 08:00 zh Asia/Shanghai", chat_id=chat)
    fake.push_event(event)
    confirmation = card_text(wait_reply(feishu_live, event["event"]["message"]["message_id"]))
    assert "08:00" in confirmation
    sub = Subscriptions(feishu_live.runtime.state).get("feishu", chat)
    assert sub is not None and sub.lang == "zh" and sub.timezone == "Asia/Shanghai"
    for _ in range(2):   # a second run the same day sends nothing more
        send_tips_now(feishu_live.runtime, api(fake), clock=lambda: MORNING, policy=FAST)
    tips = [m for m in fake.sent(chat) if m["kind"] == "create"]
    assert len(tips) == 1
    assert tips[0]["msg_type"] == "interactive"
    text = card_text(tips[0])
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)   # in the chat's language


def test_a_rate_limited_tip_is_retried_and_a_lost_chat_unsubscribed(
        feishu_runtime: Runtime, feishu_fake: FakeFeishu) -> None:
    subs = Subscriptions(feishu_runtime.state)
    busy, gone = new_chat("g"), new_chat("g")
    for chat in (busy, gone):
        subs.upsert(Subscription("feishu", chat, "en", "08:00", "Asia/Shanghai", 3))
    sent_before = len(feishu_fake.sent(busy))
    feishu_fake.fail("create", status=429, headers={"x-ogw-ratelimit-reset": "0.1"}, chat_id=busy)
    report = send_tips_now(feishu_runtime, api(feishu_fake), clock=lambda: MORNING, policy=FAST)
    assert report["sent"] == 2 and report["retries"] >= 1
    assert len(feishu_fake.sent(busy)) == sent_before + 1
    feishu_fake.fail("create", status=400, body={"code": 230002, "msg": "Bot/User can NOT be out "
                                                 "of the chat."}, headers={}, chat_id=gone)
    later = datetime(2025, 3, 11, 0, 30, tzinfo=UTC)
    report = send_tips_now(feishu_runtime, api(feishu_fake), clock=lambda: later, policy=FAST)
    assert report["gone"] == 1
    assert {s.chat_id for s in subs.all("feishu")} == {busy}
