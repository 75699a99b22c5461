"""Daily tips through the real PTB bot against the fake Bot API: exactly once across a crash and a
restart, each Telegram fault (RetryAfter, Forbidden, migrated group, timeout), and the repeating job
running beside question answering in a real Application."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fakes.telegram_api import FakeTelegram, message_update
from telegram_support import TOKEN, check_html, feed, new_app
from tips_support import FAST, NOW, make_runtime

from adapters.telegram.tips import rate_limiter, schedule_tips, send_due, tips_bot
from bot.foundation.config import load_settings
from bot.runtime import Runtime
from bot.state import connect_state
from bot.tips.delivery import DeliveryLog
from bot.tips.rotation import tip_for_day
from bot.tips.subscriptions import Subscription, Subscriptions


def subscribe(runtime: Runtime, *chat_ids: int, lang: str = "en", tz: str = "UTC") -> None:
    for chat in chat_ids:
        Subscriptions(runtime.state).upsert(Subscription("telegram", str(chat), lang, "09:00", tz, 5))


def send(runtime: Runtime, fake: FakeTelegram, now: datetime = NOW, retries: int = 0) -> dict:
    """One pass of `nfpbot tips send-now telegram` at `now`, against the fake."""
    bot = tips_bot(runtime, TOKEN, fake.base_url, rate_limiter(max_retries=retries))
    return asyncio.run(send_due(runtime, bot, lambda: now, FAST))


def sends_to(fake: FakeTelegram, chat: int) -> int:
    return len([c for c in fake.calls_to("sendMessage") if c.params.get("chat_id") == chat])


def test_each_subscriber_once_a_day_in_its_language_with_the_citation(runtime, tg_fake,
                                                                      engine) -> None:
    subscribe(runtime, 501, 502)
    subscribe(runtime, -100503, lang="zh", tz="Asia/Shanghai")
    report = send(runtime, tg_fake)
    assert report["sent"] == 3 and report["failed"] == 0
    tip = tip_for_day(engine.knowledge.tips, NOW.date(), 5)
    item = engine.knowledge.get(tip.item)
    english = check_html(tg_fake.sent_texts(501)[0])
    assert tip.text["en"] in english and item.title["en"] in english
    chinese = check_html(tg_fake.sent_texts(-100503)[0])
    assert tip.text["zh"] in chinese and item.title["zh"] in chinese
    assert tg_fake.calls_to("sendMessage")[0].params["parse_mode"] == "HTML"
    assert send(runtime, tg_fake, NOW + timedelta(hours=2))["due"] == 0   # same day: nothing
    assert len(tg_fake.calls_to("sendMessage")) == 3


def test_crash_after_claiming_then_restart_sends_exactly_once(settings, engine, tmp_path,
                                                              tg_fake) -> None:
    path = tmp_path / "state.sqlite3"
    first = make_runtime(settings, engine, path)
    subscribe(first, 601, 602, 603)
    dlog = DeliveryLog(first.state)
    crashed = [d for d in dlog.due(NOW, engine.knowledge.tips) if d.sub.chat_id == "602"]
    assert dlog.claim(crashed[0], NOW) is not None   # claimed, then the process died unsent
    first.state.close()

    restarted = make_runtime(settings, engine, path)
    assert send(restarted, tg_fake, NOW + timedelta(minutes=1))["sent"] == 2   # 602 is leased
    assert send(restarted, tg_fake, NOW + timedelta(minutes=11))["sent"] == 1  # lease expired
    assert send(restarted, tg_fake, NOW + timedelta(hours=5))["due"] == 0
    assert [sends_to(tg_fake, c) for c in (601, 602, 603)] == [1, 1, 1]


def test_retry_after_is_waited_then_sent(runtime, tg_fake) -> None:
    subscribe(runtime, 701)
    tg_fake.fail("sendMessage", 429, "Too Many Requests: retry after 1", {"retry_after": 1})
    report = send(runtime, tg_fake)
    assert report["sent"] == 1 and report["retries"] == 1
    assert sends_to(tg_fake, 701) == 2
    assert any("retry_after" in e for e in report["events"])


def test_retry_after_absorbed_by_the_rate_limiter(runtime, tg_fake) -> None:
    subscribe(runtime, 702)
    tg_fake.fail("sendMessage", 429, "Too Many Requests: retry after 1", {"retry_after": 1})
    report = send(runtime, tg_fake, retries=2)
    assert report["sent"] == 1 and sends_to(tg_fake, 702) == 2


def test_blocked_bot_unsubscribes_the_chat(runtime, tg_fake) -> None:
    subscribe(runtime, 801, 802)
    tg_fake.fail("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=801)
    report = send(runtime, tg_fake)
    assert report["gone"] == 1 and report["sent"] == 1
    assert Subscriptions(runtime.state).get("telegram", "801") is None
    assert sends_to(tg_fake, 801) == 1      # not retried
    assert send(runtime, tg_fake, NOW + timedelta(days=1))["due"] == 1


def test_migrated_group_is_followed_and_delivered_there(runtime, tg_fake) -> None:
    subscribe(runtime, -123, lang="zh", tz="Asia/Shanghai")
    tg_fake.fail("sendMessage", 400, "Bad Request: group chat was upgraded to a supergroup chat",
                 {"migrate_to_chat_id": -100123}, chat_id=-123)
    report = send(runtime, tg_fake)
    assert report["moved"] == 1 and report["sent"] == 1
    assert sends_to(tg_fake, -123) == 1 and sends_to(tg_fake, -100123) == 1
    moved = Subscriptions(runtime.state).get("telegram", "-100123")
    assert moved is not None and moved.lang == "zh"
    assert Subscriptions(runtime.state).get("telegram", "-123") is None
    day = NOW.astimezone(moved.tz).date()
    assert DeliveryLog(runtime.state).status("telegram", "-100123", day)["status"] == "sent"


def test_chat_not_found_unsubscribes_other_bad_requests_fail_the_day(runtime, tg_fake) -> None:
    subscribe(runtime, 901, 902)
    tg_fake.fail("sendMessage", 400, "Bad Request: chat not found", chat_id=901)
    tg_fake.fail("sendMessage", 400, "Bad Request: can't parse entities", chat_id=902)
    report = send(runtime, tg_fake)
    assert report["gone"] == 1 and report["failed"] == 1
    assert Subscriptions(runtime.state).get("telegram", "902") is not None
    assert DeliveryLog(runtime.state).status("telegram", "902", NOW.date())["status"] == "failed"


def test_timeout_is_retried_with_backoff(settings, engine, tmp_path, tg_fake) -> None:
    quick = load_settings(env={"NFPBOT_DATA_DIR": str(settings.data_dir),
                               "NFPBOT_TELEGRAM__TIMEOUT_SECONDS": "0.3"})
    runtime = make_runtime(quick, engine, tmp_path / "state.sqlite3")
    subscribe(runtime, 1001)
    tg_fake.delay("sendMessage", 1.0)
    report = send(runtime, tg_fake)
    assert report["sent"] == 1 and report["retries"] == 1
    assert any("transient" in e for e in report["events"])
    # The timed-out request reached the server: Telegram may have accepted it (at-least-once).
    assert sends_to(tg_fake, 1001) == 2
    row = DeliveryLog(runtime.state).status("telegram", "1001", NOW.date())
    assert row["status"] == "sent" and row["attempts"] == 2


def test_the_job_delivers_to_an_admins_group_while_questions_are_answered(
        settings, engine, tmp_path, tg_fake) -> None:
    every = load_settings(env={"NFPBOT_DATA_DIR": str(settings.data_dir),
                               "NFPBOT_TIPS__CHECK_SECONDS": "0.2"})
    runtime = make_runtime(every, engine, tmp_path / "state.sqlite3")
    group, admin, member, asker = -1005001, 5001, 5002, 5003
    tg_fake.set_member_status(group, admin, "administrator")
    today = datetime.now(UTC).date()

    async def body() -> None:
        app = new_app(runtime, tg_fake)
        async with app:
            await feed(app, message_update("/subscribe 00:00 en UTC", chat_id=group,
                                           user_id=member))
            assert Subscriptions(runtime.state).get("telegram", str(group)) is None
            await feed(app, message_update("/subscribe 00:00 en UTC", chat_id=group,
                                           user_id=admin))
            tg_fake.delay("sendMessage", 1.0)          # the tip's send will be slow
            schedule_tips(app, runtime)
            await app.start()
            try:
                await tg_fake.await_calls("sendMessage", 3, timeout=5)   # the tip is in flight
                await feed(app, message_update("/help", chat_id=asker, user_id=asker))
                row = DeliveryLog(runtime.state).status("telegram", str(group), today)
                assert row["status"] == "claimed"     # answered while the tip was still sending
                for _ in range(100):
                    row = DeliveryLog(runtime.state).status("telegram", str(group), today)
                    if row["status"] == "sent":
                        break
                    await asyncio.sleep(0.05)
                await asyncio.sleep(0.5)               # a few more passes of the job
            finally:
                await app.stop()

    asyncio.run(body())
    texts = tg_fake.sent_texts(group)
    assert "administrators" in texts[0]
    tips = [t for t in texts if "Tip of the day" in t]
    assert len(tips) == 1
    assert tg_fake.sent_texts(asker)
    assert DeliveryLog(runtime.state).status("telegram", str(group), today)["status"] == "sent"


def test_cli_send_now_delivers_once(settings, tg_fake) -> None:
    """`nfpbot tips send-now telegram`: the composition root reaches this sender."""
    from click.testing import CliRunner

    from adapters.cli.main import cli
    state = connect_state(Path(settings.data_dir) / "state.sqlite3")
    Subscriptions(state).upsert(Subscription("telegram", "424242", "zh", "00:00", "UTC", 1))
    env = {"NFPBOT_DATA_DIR": str(settings.data_dir), "TELEGRAM_BOT_TOKEN": TOKEN,
           "NFPBOT_TELEGRAM__BASE_URL": tg_fake.base_url}
    result = CliRunner().invoke(cli, ["tips", "send-now", "telegram"], env=env)
    assert result.exit_code == 0, result.output
    assert '"sent":' in result.output
    assert sends_to(tg_fake, 424242) == 1
    assert "今日提示" in tg_fake.sent_texts(424242)[0]
