"""Who is due when (time zones, DST, missed times), the claim protocol across two processes and a
crash, and the broadcast runner's handling of every outcome: real SQLite files in tmp, explicit
clocks, a recording `send` standing in for a platform (the adapters' tests use the fake servers)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from state_support import TEST_HASH_KEY

from bot.answer.engine import Engine
from bot.commands import Commands
from bot.foundation.answers import Answer
from bot.foundation.config import Settings
from bot.knowledge import Tip
from bot.report.feedback import Feedback
from bot.runtime import Runtime
from bot.state import State, connect_state
from bot.tips.broadcast import RetryPolicy, broadcast, broadcast_due
from bot.tips.delivery import DeliveryLog, Due, Outcome
from bot.tips.rotation import tip_for_day
from bot.tips.subscriptions import Subscription, Subscriptions

FAST = RetryPolicy(concurrency=4, max_attempts=4, max_day_attempts=10, backoff_seconds=0.01,
                   backoff_max_seconds=0.05, max_retry_after_seconds=1.0)


def at(text: str) -> datetime:
    """An instant in UTC: at("2025-03-10 01:00")."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def sub(chat_id: str, send_time: str = "09:00", tz: str = "UTC", lang: str = "en",
        platform: str = "telegram", start: int = 0) -> Subscription:
    return Subscription(platform, chat_id, lang, send_time, tz, start)


@pytest.fixture()
def tips(engine: Engine) -> tuple[Tip, ...]:
    return engine.knowledge.tips


@pytest.fixture()
def dlog(state: State) -> DeliveryLog:
    return DeliveryLog(state, lease=timedelta(minutes=10))


def subscribe(state: State, *subs: Subscription) -> None:
    for s in subs:
        Subscriptions(state).upsert(s)


class Platform:
    """A scripted `send`: per chat, a list of outcomes to return first (then sent); records calls."""

    def __init__(self, script: dict[str, list[Outcome]] | None = None) -> None:
        self.script = {k: list(v) for k, v in (script or {}).items()}
        self.calls: list[tuple[str, str]] = []

    async def __call__(self, s: Subscription, answer: Answer) -> Outcome:
        self.calls.append((s.chat_id, answer.question))
        await asyncio.sleep(0)
        pending = self.script.get(s.chat_id)
        return pending.pop(0) if pending else Outcome.sent()

    def delivered(self) -> list[str]:
        return [chat for chat, _ in self.calls]


class Sleeps:
    """Records the waits the runner asks for, without waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(0)


def answer_for(due: Due) -> Answer:
    return Answer(f"tip {due.tip_id}", due.sub.lang, True, due.tip_id)


def run(dlog: DeliveryLog, tips, now: datetime, send: Callable, sleep=None,
        policy: RetryPolicy = FAST):
    due = dlog.due(now, tips)
    return asyncio.run(broadcast(dlog, due, send, answer_for, clock=lambda: now, policy=policy,
                                 sleep=sleep or Sleeps()))


# -- who is due ---------------------------------------------------------------------------------
# Time-zone and rotation logic in Python over one SELECT: on SQLite only (the tests below run the
# claim protocol and every outcome on PostgreSQL as well).
sqlite_only = pytest.mark.parametrize("state", ["sqlite"], indirect=True)


@sqlite_only
def test_shanghai_and_new_york_across_the_utc_day_boundary(state, dlog, tips) -> None:
    subscribe(state, sub("sh", "09:00", "Asia/Shanghai"), sub("ny", "09:00", "America/New_York"),
              sub("early", "07:00", "Asia/Shanghai"))
    # 23:30 UTC on 9 March: 07:30 on the 10th in Shanghai, 19:30 on the 9th in New York.
    due = {d.sub.chat_id: d.day for d in dlog.due(at("2025-03-09 23:30"), tips)}
    assert due == {"early": date(2025, 3, 10), "ny": date(2025, 3, 9)}
    platform = Platform()
    run(dlog, tips, at("2025-03-09 23:30"), platform)
    assert dlog.due(at("2025-03-10 00:59"), tips) == []
    due = {d.sub.chat_id: d.day for d in dlog.due(at("2025-03-10 01:00"), tips)}
    assert due == {"sh": date(2025, 3, 10)}
    run(dlog, tips, at("2025-03-10 01:00"), platform)
    # 09:00 in New York (daylight time since 9 March) is 13:00 UTC.
    assert dlog.due(at("2025-03-10 12:59"), tips) == []
    (ny,) = dlog.due(at("2025-03-10 13:00"), tips)
    assert (ny.sub.chat_id, ny.day, ny.tip_id) == ("ny", date(2025, 3, 10),
                                                   tip_for_day(tips, date(2025, 3, 10), 0).id)


@sqlite_only
def test_dst_moves_the_utc_instant_not_the_local_time(state, dlog, tips) -> None:
    subscribe(state, sub("ny", "09:00", "America/New_York"))
    assert dlog.due(at("2025-03-08 13:30"), tips) == []          # 08:30 EST
    assert len(dlog.due(at("2025-03-08 14:00"), tips)) == 1      # 09:00 EST
    assert len(dlog.due(at("2025-03-10 13:00"), tips)) == 1      # 09:00 EDT


@sqlite_only
def test_a_time_skipped_by_dst_is_sent_after_the_gap(state, dlog, tips) -> None:
    subscribe(state, sub("ny", "02:30", "America/New_York"))   # 9 March 2025 has no 02:30
    assert dlog.due(at("2025-03-09 06:59"), tips) == []          # 01:59 EST
    assert [d.day for d in dlog.due(at("2025-03-09 07:30"), tips)] == [date(2025, 3, 9)]


@sqlite_only
def test_a_time_repeated_by_dst_is_sent_once(state, dlog, tips) -> None:
    subscribe(state, sub("ny", "01:30", "America/New_York"))   # 2 Nov 2025 has 01:30 twice
    platform = Platform()
    run(dlog, tips, at("2025-11-02 05:30"), platform)           # first 01:30 (EDT)
    run(dlog, tips, at("2025-11-02 06:30"), platform)           # second 01:30 (EST)
    assert platform.delivered() == ["ny"]


@sqlite_only
def test_a_missed_time_is_sent_when_the_process_returns_the_same_day(state, dlog, tips) -> None:
    subscribe(state, sub("sh", "09:00", "Asia/Shanghai"))
    platform = Platform()
    run(dlog, tips, at("2025-03-10 07:00"), platform)           # back at 15:00 local
    assert platform.delivered() == ["sh"]
    assert dlog.status("telegram", "sh", date(2025, 3, 10))["status"] == "sent"
    # Down all of the 11th: nothing is made up on the 12th before 09:00, then the 12th's tip.
    assert dlog.due(at("2025-03-11 23:00"), tips) == []          # 07:00 on the 12th
    due = dlog.due(at("2025-03-12 02:00"), tips)
    assert [(d.day, d.tip_id) for d in due] == [(date(2025, 3, 12),
                                                 tip_for_day(tips, date(2025, 3, 12), 0).id)]


@sqlite_only
def test_moving_the_timezone_westwards_does_not_repeat_a_day(state, dlog, tips) -> None:
    subscribe(state, sub("c", "09:00", "Asia/Shanghai"))
    platform = Platform()
    run(dlog, tips, at("2025-03-10 02:00"), platform)           # 10:00 on the 10th in Shanghai
    subscribe(state, sub("c", "09:00", "Pacific/Honolulu"))     # still the 9th there, 16:00
    assert dlog.due(at("2025-03-10 02:00"), tips) == []
    assert platform.delivered() == ["c"]


@sqlite_only
def test_a_full_cycle_through_the_log_shows_every_tip_once(state, dlog, tips) -> None:
    subscribe(state, sub("a", "08:00", "Europe/Berlin", start=17))
    platform = Platform()
    first = at("2025-10-01 12:00")
    for d in range(len(tips)):           # crosses the end of daylight time in Berlin
        run(dlog, tips, first + timedelta(days=d), platform)
        run(dlog, tips, first + timedelta(days=d, hours=5), platform)   # a second pass: nothing
    shown = [question for _, question in platform.calls]
    assert len(shown) == len(tips) == len(set(shown))


# -- claims across processes and crashes -----------------------------------------------------------

@pytest.fixture(params=["sqlite", "postgresql"])
def open_shared(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], State]]:
    """Opens another instance's connection to one shared store (a SQLite file, a PostgreSQL db)."""
    if request.param == "sqlite":
        target: str | Path = tmp_path / "shared.sqlite3"
    else:
        target = request.getfixturevalue("pg_url")
    opened: list[State] = []

    def open_one() -> State:
        opened.append(connect_state(target, key=TEST_HASH_KEY))
        return opened[-1]

    yield open_one
    for store in opened:
        store.close()


def test_only_one_of_two_processes_wins_a_claim(open_shared, tips) -> None:
    one, two = open_shared(), open_shared()
    subscribe(one, sub("x"))
    now = at("2025-03-10 10:00")
    (due,) = DeliveryLog(one).due(now, tips)
    assert DeliveryLog(one).claim(due, now) is not None
    assert DeliveryLog(two).claim(due, now) is None
    assert DeliveryLog(two).due(now + timedelta(minutes=5), tips) == []    # live claim


def test_two_concurrent_broadcasts_send_each_subscriber_once(open_shared, tips) -> None:
    one, two = open_shared(), open_shared()
    subscribe(one, *(sub(f"c{k}") for k in range(40)))
    now = at("2025-03-10 10:00")
    platform = Platform()

    async def both():
        logs = DeliveryLog(one), DeliveryLog(two)
        dues = [lg.due(now, tips) for lg in logs]  # both see all 40 as due
        return await asyncio.gather(*(broadcast(lg, d, platform, answer_for, clock=lambda: now,
                                                policy=FAST, sleep=Sleeps())
                                      for lg, d in zip(logs, dues, strict=True)))

    reports = asyncio.run(both())
    assert sorted(platform.delivered()) == sorted(f"c{k}" for k in range(40))
    assert sum(r.sent for r in reports) == 40 and sum(r.skipped for r in reports) == 40


def test_crash_mid_broadcast_then_restart_sends_each_subscriber_once(open_shared, tips) -> None:
    chats = [f"c{k}" for k in range(12)]
    subscribe(open_shared(), *(sub(c) for c in chats))
    now = at("2025-03-10 10:00")
    accepted: list[str] = []

    async def dying_platform(s: Subscription, answer: Answer) -> Outcome:
        if len(accepted) >= 5:
            await asyncio.Event().wait()   # the process dies while these sends are in flight
        accepted.append(s.chat_id)
        return Outcome.sent()

    async def first_process() -> None:
        dlog = DeliveryLog(open_shared())
        task = asyncio.ensure_future(broadcast(dlog, dlog.due(now, tips), dying_platform,
                                               answer_for, clock=lambda: now, policy=FAST))
        while len(accepted) < 5:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)
        task.cancel()                      # killed: claims in flight are never confirmed
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(first_process())
    restarted = DeliveryLog(open_shared())
    claimed = [c for c in chats if (restarted.status("telegram", c, now.date()) or {}).get(
        "status") == "claimed"]
    assert claimed  # the crash left claims behind
    held = restarted.held(now + timedelta(minutes=3))
    assert (held.count, held.oldest_seconds, held.resumes_in_seconds) == (len(claimed), 180, 420)
    # Restarted within the lease: the claims may still belong to a live sender, so wait.
    platform = Platform()
    report = run(restarted, tips, now + timedelta(minutes=3), platform)
    assert sorted(platform.delivered()) == sorted(set(chats) - set(accepted) - set(claimed))
    # After the lease, the abandoned claims are resumed.
    report = run(restarted, tips, now + timedelta(minutes=11), platform)
    assert sorted(platform.delivered() + accepted) == sorted(chats)
    assert report.sent == len(claimed)
    # A second run the same day sends nothing.
    report = run(restarted, tips, now + timedelta(hours=3), platform)
    assert report.due == 0 and sorted(platform.delivered() + accepted) == sorted(chats)
    assert all(restarted.status("telegram", c, now.date())["status"] == "sent" for c in chats)


def test_crash_between_accept_and_confirm_gives_one_duplicate(state, dlog, tips) -> None:
    """The documented limit: no idempotency keys on the platforms, so at-least-once there."""
    subscribe(state, sub("x"))
    now = at("2025-03-10 10:00")
    (due,) = dlog.due(now, tips)
    claim = dlog.renew(dlog.claim(due, now), now)
    platform = Platform()
    asyncio.run(platform(due.sub, answer_for(due)))  # the platform accepted it; then the crash
    run(dlog, tips, now + timedelta(minutes=11), platform)
    assert platform.delivered() == ["x", "x"]
    assert dlog.status("telegram", "x", now.date())["attempts"] == claim.attempts + 1


# -- outcomes ----------------------------------------------------------------------------------

def test_rate_limit_is_waited_then_sent(state, dlog, tips) -> None:
    subscribe(state, sub("x"))
    platform, sleeps = Platform({"x": [Outcome.retry_after(0.5), Outcome.retry_after(1)]}), Sleeps()
    report = run(dlog, tips, at("2025-03-10 10:00"), platform, sleeps)
    assert platform.delivered() == ["x", "x", "x"] and sleeps.waits == [0.5, 1.0]
    assert report.sent == 1 and report.retries == 2
    assert dlog.status("telegram", "x", date(2025, 3, 10))["attempts"] == 3


def test_transient_errors_back_off_exponentially_then_send(state, dlog, tips) -> None:
    subscribe(state, sub("x"))
    platform = Platform({"x": [Outcome.transient("timed out")] * 3})
    sleeps = Sleeps()
    report = run(dlog, tips, at("2025-03-10 10:00"), platform, sleeps)
    assert report.sent == 1 and len(platform.calls) == 4
    assert len(sleeps.waits) == 3
    assert all(FAST.backoff_seconds * 2 ** k * 0.5 <= w <= min(FAST.backoff_max_seconds,
                                                             FAST.backoff_seconds * 2 ** k)
               for k, w in enumerate(sleeps.waits))


def test_persistent_network_trouble_is_deferred_then_given_up(state, dlog, tips) -> None:
    subscribe(state, sub("x"))
    now = at("2025-03-10 10:00")
    platform = Platform({"x": [Outcome.transient("down")] * 100})
    report = run(dlog, tips, now, platform)
    assert report.deferred == 1 and len(platform.calls) == FAST.max_attempts
    assert dlog.status("telegram", "x", now.date())["status"] == "claimed"
    assert len(dlog.due(now + timedelta(seconds=1), tips)) == 1    # released: next pass retries
    for minute in range(1, 5):
        run(dlog, tips, now + timedelta(minutes=minute), platform)
    assert len(platform.calls) == FAST.max_day_attempts
    row = dlog.status("telegram", "x", now.date())
    assert row["status"] == "failed" and "too many" in row["detail"]
    assert dlog.due(now + timedelta(hours=1), tips) == []


def test_a_too_long_rate_limit_is_left_to_a_later_pass(state, dlog, tips) -> None:
    subscribe(state, sub("x"))
    now = at("2025-03-10 10:00")
    sleeps = Sleeps()
    report = run(dlog, tips, now, Platform({"x": [Outcome.retry_after(3600)]}), sleeps)
    assert report.deferred == 1 and sleeps.waits == []
    assert len(dlog.due(now + timedelta(minutes=1), tips)) == 1


def test_a_lost_chat_is_unsubscribed(state, dlog, tips) -> None:
    subscribe(state, sub("x"), sub("y"))
    now = at("2025-03-10 10:00")
    report = run(dlog, tips, now, Platform({"x": [Outcome.gone("Forbidden: bot was blocked")]}))
    assert report.gone == 1 and report.sent == 1
    assert Subscriptions(state).get("telegram", "x") is None
    assert dlog.status("telegram", "x", now.date())["status"] == "failed"
    assert [d.sub.chat_id for d in dlog.due(now + timedelta(days=1), tips)] == ["y"]


def test_a_migrated_chat_is_followed_and_delivered_there(state, dlog, tips) -> None:
    subscribe(state, sub("-123", tz="Asia/Shanghai", lang="zh"))
    now = at("2025-03-10 10:00")
    platform = Platform({"-123": [Outcome.moved("-100123")]})
    report = run(dlog, tips, now, platform)
    assert platform.delivered() == ["-123", "-100123"] and report.sent == 1
    moved = Subscriptions(state).get("telegram", "-100123")
    assert moved is not None and (moved.lang, moved.timezone) == ("zh", "Asia/Shanghai")
    assert Subscriptions(state).get("telegram", "-123") is None
    assert dlog.status("telegram", "-100123", date(2025, 3, 10))["status"] == "sent"
    assert dlog.due(now + timedelta(hours=1), tips) == []


def test_a_rejected_message_is_not_retried_today(state, dlog, tips) -> None:
    subscribe(state, sub("x"))
    now = at("2025-03-10 10:00")
    platform = Platform({"x": [Outcome.failed("Bad Request: message is too long")]})
    report = run(dlog, tips, now, platform)
    assert report.failed == 1 and dlog.due(now + timedelta(hours=1), tips) == []
    assert Subscriptions(state).get("telegram", "x") is not None      # still subscribed


def test_an_exception_in_send_fails_one_chat_not_the_broadcast(state, dlog, tips) -> None:
    subscribe(state, sub("bad"), sub("good"))

    async def send(s: Subscription, answer: Answer) -> Outcome:
        if s.chat_id == "bad":
            raise RuntimeError("renderer bug")
        return Outcome.sent()

    report = run(dlog, tips, at("2025-03-10 10:00"), send)
    assert report.sent == 1 and report.failed == 1


def test_broadcast_due_renders_the_tip_in_each_language(state, engine: Engine, settings: Settings,
                                                        tips) -> None:
    runtime = Runtime(settings, engine, state, Commands(engine, state, settings.tips), Feedback(state))
    subscribe(state, sub("zh", lang="zh", start=4), sub("en", lang="en", start=4),
              sub("S1", platform="slack"))
    now = at("2025-03-10 10:00")
    got: dict[str, Answer] = {}

    async def send(s: Subscription, answer: Answer) -> Outcome:
        got[s.chat_id] = answer
        return Outcome.sent()

    report = asyncio.run(broadcast_due(runtime, "telegram", send, clock=lambda: now, policy=FAST))
    assert report.sent == 2 and set(got) == {"zh", "en"}       # only this platform's subscribers
    tip = tip_for_day(tips, now.date(), 4)
    assert tip.text["zh"] in got["zh"].lead and tip.text["en"] in got["en"].lead
    assert [c.id for c in got["en"].citations] == [tip.item]
    assert got["zh"].citations[0].title != got["en"].citations[0].title
