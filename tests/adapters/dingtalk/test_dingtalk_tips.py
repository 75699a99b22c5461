"""Daily tips on DingTalk through the fake robot API: `subscribe` in a chat, then one delivery
run sends exactly one tip in the chat's language; an expired access token is renewed; a rate
limit is waited out; a group the robot was removed from is unsubscribed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tips_support import FAST

from adapters.dingtalk.openapi import OpenApi
from adapters.dingtalk.tips import send_tips_now
from bot.tips.rotation import tip_for_day
from bot.tips.subscriptions import Subscription, Subscriptions

# 08:00 in Shanghai on 10 March 2025 is 00:00 UTC: a run at 00:05 UTC finds the tip due.
DUE = datetime(2025, 3, 10, 0, 5, tzinfo=UTC)


def run(runtime, api, now=DUE) -> dict:
    return send_tips_now(runtime, api, clock=lambda: now, policy=FAST)


def subscribe_in_chat(fake, text: str, **kw) -> str:
    data = fake.chatbot_message(text, **kw)
    fake.push(data)
    (reply,) = fake.wait_for("webhook", session=f"s-{data['msgId']}")
    return reply.markdown


def test_subscribe_then_one_run_sends_exactly_one_tip(dt_bot, dt_fake, dt_runtime) -> None:
    said = subscribe_in_chat(dt_fake, "subscribe 08:00 zh Asia/Shanghai", private=False,
                             conversation="cidTIPS", staff_id="u-t")
    assert "08:00" in said
    (sub,) = Subscriptions(dt_runtime.state).all("dingtalk")
    assert (sub.chat_id, sub.lang, sub.timezone) == ("cidTIPS", "zh", "Asia/Shanghai")
    report = run(dt_runtime, dt_bot.api)
    assert report["sent"] == 1
    (sent,) = dt_fake.calls_of("group")
    tip = tip_for_day(dt_runtime.engine.knowledge.tips, DUE.date(), sub.cycle_start)
    assert sent.body["openConversationId"] == "cidTIPS"
    assert tip.text["zh"][:20] in sent.markdown.replace("\\", "")
    assert run(dt_runtime, dt_bot.api, DUE + timedelta(hours=2))["due"] == 0
    assert len(dt_fake.calls_of("group")) == 1


def test_a_private_subscription_goes_to_the_person(dt_bot, dt_fake, dt_runtime) -> None:
    subscribe_in_chat(dt_fake, "订阅 08:00 Asia/Shanghai", conversation="cidP", staff_id="u-p")
    assert run(dt_runtime, dt_bot.api)["sent"] == 1
    (sent,) = dt_fake.calls_of("private")
    assert sent.body["userIds"] == ["u-p"] and sent.body["robotCode"]


def test_an_expired_token_is_renewed_and_a_rate_limit_waited_out(dt_fake, dt_runtime) -> None:
    api = OpenApi(dt_runtime.settings)
    Subscriptions(dt_runtime.state).upsert(
        Subscription("dingtalk", "cidR", "en", "08:00", "Asia/Shanghai", 3))
    api.access_token()
    dt_fake.expire_tokens()
    dt_fake.fail("group", status=403, times=1,
                 body={"code": "Forbidden.AccessDenied.QpsLimitForApi", "message": "qps limit"})
    assert run(dt_runtime, api)["sent"] == 1
    assert len(dt_fake.calls_of("group-refused")) == 1      # the stale token, then a new one
    assert len(dt_fake.calls_of("token")) == 2
    assert len(dt_fake.calls_of("group")) == 2              # rate limited, then sent


def test_a_group_the_robot_was_removed_from_is_unsubscribed(dt_fake, dt_runtime) -> None:
    subs = Subscriptions(dt_runtime.state)
    for chat in ("cidGONE", "cidSTAY"):
        subs.upsert(Subscription("dingtalk", chat, "en", "08:00", "Asia/Shanghai", 1))
    dt_fake.fail("group", status=400, target="cidGONE", body={
        "code": "invalidParameter.robotCode.notExsit", "message": "机器人不存在,请检查机器人是否在群内"})
    report = run(dt_runtime, OpenApi(dt_runtime.settings))
    assert report["sent"] == 1 and report["gone"] == 1
    assert [s.chat_id for s in subs.all("dingtalk")] == ["cidSTAY"]


def test_only_the_listed_staff_may_change_a_groups_subscription(dt_fake, dt_settings, engine,
                                                                 tmp_path) -> None:
    from dataclasses import replace

    from dingtalk_stream import ChatbotMessage

    from adapters.dingtalk.handlers import NfpChatbotHandler
    from bot.runtime import Runtime
    settings = replace(dt_settings, dingtalk=replace(dt_settings.dingtalk,
                                                     subscription_admins=["boss"]))
    runtime = Runtime.assemble(settings, engine, tmp_path / "admins.sqlite3")
    handler = NfpChatbotHandler(runtime, OpenApi(settings))
    for staff in ("member", "boss"):
        data = dt_fake.chatbot_message("subscribe 08:00", private=False, conversation="cidADM",
                                       staff_id=staff)
        handler.answer(ChatbotMessage.from_dict(data))
    member, boss = (c.markdown for c in dt_fake.calls_of("webhook"))
    assert "08:00" not in member and "08:00" in boss
    assert [s.chat_id for s in Subscriptions(runtime.state).all("dingtalk")] == ["cidADM"]
