"""Daily tips through the real slack_sdk WebClient against the fake Slack Web API: exactly once
across a crash and a restart and across passes of the checking thread, 429 with Retry-After, lost
channels, timeouts and server errors, and who may change a channel's subscription."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
from fakes.slack_api import FakeSlack
from slack_sdk import WebClient
from tips_support import FAST, NOW, make_runtime

from adapters.slack.handlers import SlackHandlers
from adapters.slack.tips import send_tips_now, start_tips
from bot.foundation.config import load_settings
from bot.runtime import Runtime
from bot.tips.delivery import DeliveryLog
from bot.tips.rotation import tip_for_day
from bot.tips.subscriptions import Subscription, Subscriptions


@pytest.fixture(scope="module")
def slack_server():
    with FakeSlack() as fake:
        yield fake


@pytest.fixture()
def fake(slack_server: FakeSlack) -> FakeSlack:
    slack_server.reset()
    return slack_server


def client(fake: FakeSlack, timeout: int = 5) -> WebClient:
    """No retry handlers: the broadcast's own outcome handling is what is tested."""
    return WebClient(token="xoxb-test", base_url=fake.url, timeout=timeout, retry_handlers=[])


def subscribe(runtime: Runtime, *chats: str, lang: str = "en", tz: str = "UTC") -> None:
    for chat in chats:
        Subscriptions(runtime.state).upsert(Subscription("slack", chat, lang, "09:00", tz, 9))


def send(runtime: Runtime, fake: FakeSlack, now: datetime = NOW, **kw) -> dict:
    return send_tips_now(runtime, kw.pop("web", None) or client(fake), clock=lambda: now,
                         policy=FAST)


def posts_to(fake: FakeSlack, channel: str) -> int:
    return len([c for c in fake.calls_to("chat.postMessage") if c.params.get("channel") == channel])


def test_each_channel_once_a_day_in_its_language(runtime, fake, engine) -> None:
    subscribe(runtime, "T1:C1")
    subscribe(runtime, "C2", lang="zh", tz="Asia/Shanghai")
    report = send(runtime, fake)
    assert report["sent"] == 2
    tip = tip_for_day(engine.knowledge.tips, NOW.date(), 9)
    (en,) = [c for c in fake.calls_to("chat.postMessage") if c.params["channel"] == "C1"]
    (zh,) = [c for c in fake.calls_to("chat.postMessage") if c.params["channel"] == "C2"]
    blocks = str(en.params["blocks"])
    assert tip.text["en"][:60] in blocks and engine.knowledge.get(tip.item).title["en"] in blocks
    assert tip.text["zh"][:30] in str(zh.params["blocks"]) and zh.params["text"]
    assert send(runtime, fake, NOW + timedelta(hours=3))["due"] == 0
    assert len(fake.calls_to("chat.postMessage")) == 2


def test_crash_after_claiming_then_restart_sends_exactly_once(settings, engine, tmp_path,
                                                              fake) -> None:
    path = tmp_path / "state.sqlite3"
    first = make_runtime(settings, engine, path)
    subscribe(first, "C1", "C2")
    dlog = DeliveryLog(first.state)
    (due,) = [d for d in dlog.due(NOW, engine.knowledge.tips) if d.sub.chat_id == "C2"]
    dlog.claim(due, NOW)
    first.state.close()        # died before sending
    restarted = make_runtime(settings, engine, path)
    assert send(restarted, fake, NOW + timedelta(minutes=2))["sent"] == 1
    assert send(restarted, fake, NOW + timedelta(minutes=12))["sent"] == 1
    assert send(restarted, fake, NOW + timedelta(hours=2))["due"] == 0
    assert (posts_to(fake, "C1"), posts_to(fake, "C2")) == (1, 1)


def test_429_waits_retry_after_then_sends(runtime, fake) -> None:
    subscribe(runtime, "C1")
    fake.fail("chat.postMessage", 429, {"Retry-After": "1"})
    report = send(runtime, fake)
    assert report["sent"] == 1 and report["retries"] == 1 and posts_to(fake, "C1") == 2
    assert any("retry_after" in e and "retry in 1.00 s" in e for e in report["events"])


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived"])
def test_lost_channels_are_unsubscribed(runtime, fake, error: str) -> None:
    subscribe(runtime, "C1", "C2")
    fake.fail("chat.postMessage", 200, body={"ok": False, "error": error}, channel="C1")
    report = send(runtime, fake)
    assert report["gone"] == 1 and report["sent"] == 1 and posts_to(fake, "C1") == 1
    assert Subscriptions(runtime.state).get("slack", "C1") is None
    assert Subscriptions(runtime.state).get("slack", "C2") is not None


def test_other_errors_fail_the_day_but_keep_the_subscription(runtime, fake) -> None:
    subscribe(runtime, "C1")
    fake.fail("chat.postMessage", 200, body={"ok": False, "error": "invalid_blocks"})
    report = send(runtime, fake)
    assert report["failed"] == 1 and posts_to(fake, "C1") == 1
    assert Subscriptions(runtime.state).get("slack", "C1") is not None


def test_timeouts_and_server_errors_are_retried(runtime, fake) -> None:
    subscribe(runtime, "C1")
    slow = {"left": 1}

    def stall(params: dict) -> None:
        if slow["left"]:
            slow["left"] -= 1
            time.sleep(1.5)          # longer than the client's timeout
        return None

    fake.on("chat.postMessage", stall)
    fake.fail("chat.postMessage", 500, times=1)
    report = send(runtime, fake, web=client(fake, timeout=1))
    assert report["sent"] == 1 and report["retries"] == 2
    assert posts_to(fake, "C1") == 3
    assert DeliveryLog(runtime.state).status("slack", "C1", NOW.date())["attempts"] == 3


def test_the_thread_sends_once_over_many_passes(runtime, fake) -> None:
    subscribe(runtime, "T1:C1", "T2:C9")
    teams: list[str | None] = []

    def client_for(team: str | None) -> WebClient:
        teams.append(team)
        return client(fake)

    loop = start_tips(runtime, client_for, clock=lambda: NOW, policy=FAST, every=0.05)
    try:
        fake.wait_for("chat.postMessage", 2, timeout=5)
        time.sleep(0.4)                # several more passes
    finally:
        loop.stop()
    assert not loop.thread.is_alive()
    assert (posts_to(fake, "C1"), posts_to(fake, "C9")) == (1, 1)
    assert sorted(teams) == ["T1", "T2"]


def test_only_configured_admins_manage_a_channels_subscription(settings, engine,
                                                               tmp_path) -> None:
    admins = load_settings(env={"NFPBOT_DATA_DIR": str(settings.data_dir),
                                "NFPBOT_SLACK__SUBSCRIPTION_ADMINS": '["U0ADMIN"]'})
    runtime = make_runtime(admins, engine, tmp_path / "state.sqlite3")
    handlers = SlackHandlers(runtime, None)
    member, admin = handlers.context("T1", "C1", "U0OTHER"), handlers.context("T1", "C1", "U0ADMIN")
    refused = runtime.commands.run(member, "subscribe", "08:00")
    assert not refused.answered and Subscriptions(runtime.state).all() == []
    assert runtime.commands.run(admin, "subscribe", "08:00 zh Asia/Shanghai").answered
    (sub,) = Subscriptions(runtime.state).all()
    assert (sub.chat_id, sub.send_time, sub.lang) == ("T1:C1", "08:00", "zh")
    assert not runtime.commands.run(member, "unsubscribe").answered
    assert Subscriptions(runtime.state).all() != []
