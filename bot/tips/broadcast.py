"""The daily-tip broadcast, shared by every adapter: claim, send, act on the outcome, record it.

Why here and not in the adapters: the retry rules (wait on a rate limit, back off on network
trouble, unsubscribe a lost chat, follow a moved one) and the exactly-once bookkeeping are the same on
every platform; an adapter only supplies `send(sub, answer) -> Outcome`, mapping its own errors.

Async with bounded concurrency, so in the Telegram process it runs on PTB's event loop without
blocking question answering (SQLite calls go to a worker thread); Slack runs it in its own thread.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bot.foundation import metrics
from bot.foundation.answers import Answer
from bot.foundation.config import TipsSettings
from bot.tips.delivery import Claim, DeliveryLog, Due, Held, Outcome
from bot.tips.subscriptions import Subscription

if TYPE_CHECKING:
    from bot.runtime import Runtime

log = logging.getLogger(__name__)

Send = Callable[[Subscription, Answer], Awaitable[Outcome]]
Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[object]]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard one pass tries for one subscriber (see config/default.yaml `tips:`)."""

    concurrency: int = 16                 # sends in flight at once
    max_attempts: int = 5                 # attempts per subscriber in one pass
    max_day_attempts: int = 20            # over all passes of a day; then the day is given up
    backoff_seconds: float = 2.0          # first wait after a transient error; doubles each time
    backoff_max_seconds: float = 60.0
    max_retry_after_seconds: float = 300.0  # a longer rate-limit wait is left to a later pass
    lease: timedelta = timedelta(minutes=10)

    @classmethod
    def from_settings(cls, tips: TipsSettings) -> RetryPolicy:
        return cls(tips.concurrency, tips.max_attempts, tips.max_day_attempts, tips.backoff_seconds,
                   tips.backoff_max_seconds, tips.max_retry_after_seconds,
                   timedelta(seconds=tips.lease_seconds))

    def backoff(self, attempt: int) -> float:
        """Exponential with jitter (half to full), so retries of many chats do not stampede."""
        delay = min(self.backoff_max_seconds, self.backoff_seconds * 2 ** max(0, attempt - 1))
        return delay * random.uniform(0.5, 1.0)


@dataclass
class Report:
    """Counts of one pass (and a line per event that was not a plain success)."""

    due: int = 0
    sent: int = 0
    skipped: int = 0       # claimed by another sender, or already done
    gone: int = 0          # unsubscribed
    moved: int = 0         # followed to a new chat id
    failed: int = 0
    deferred: int = 0      # handed back for a later pass
    retries: int = 0
    events: list[str] = field(default_factory=list)
    # Unconfirmed claims after the pass (a crashed sender's backlog, or another
    # instance's sends in flight): count, oldest age, when the oldest is due again.
    held: Held = field(default_factory=lambda: Held(0, 0.0, 0.0))

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("due", "sent", "skipped", "gone", "moved", "failed",
                                               "deferred", "retries")} | {
            "held": self.held.as_dict(), "events": self.events[:50]}


async def broadcast(delivery_log: DeliveryLog, deliveries: Iterable[Due], send: Send,
                    answer_for: Callable[[Due], Answer], *, clock: Clock = utc_now,
                    policy: RetryPolicy = RetryPolicy(), sleep: Sleep = asyncio.sleep) -> Report:
    """Deliver each due tip at most `policy.concurrency` at a time; returns what happened."""
    report = Report()
    queue = list(deliveries)
    report.due = len(queue)
    pending = iter(queue)

    async def worker() -> None:
        for due in pending:  # one shared iterator: each item is taken by exactly one worker
            try:
                await _deliver(delivery_log, due, send, answer_for, clock, policy, sleep, report)
            except Exception:  # a bug for one chat must not stop the others
                log.exception("tip to %s:%s failed unexpectedly", due.sub.platform, due.sub.chat_id)
                report.failed += 1

    workers = max(1, min(policy.concurrency, len(queue)))
    await asyncio.gather(*(worker() for _ in range(workers)))
    return report


async def _deliver(dlog: DeliveryLog, due: Due, send: Send, answer_for: Callable[[Due], Answer],
                   clock: Clock, policy: RetryPolicy, sleep: Sleep, report: Report) -> None:
    claim = await asyncio.to_thread(dlog.claim, due, clock())
    if claim is None:
        report.skipped += 1
        return
    sub, answer, moves, attempt = due.sub, answer_for(due), 0, 0
    where = f"{sub.platform}:{sub.chat_id} {due.day} {due.tip_id}"
    while True:
        attempt += 1
        if attempt > 1:  # the claim counted the first attempt; renew the lease for the others
            renewed = await asyncio.to_thread(dlog.renew, claim, clock())
            if renewed is None:
                _event(report, where, "claim lost to another sender (lease expired)",
                       logging.WARNING)
                report.skipped += 1
                return
            claim = renewed
        if claim.attempts > policy.max_day_attempts:
            await _give_up(dlog, claim, clock, "too many attempts today", report, where)
            report.failed += 1
            return
        outcome = await send(sub, answer)
        kind = metrics.error_kind(outcome.kind, outcome.detail)
        if kind is not None:
            metrics.PLATFORM_ERRORS.labels(sub.platform, kind).inc()
        if outcome.kind == "sent":
            await asyncio.to_thread(dlog.confirm, claim, clock(), outcome.detail)
            report.sent += 1
            log.info("tip sent: %s", where)
            return
        if outcome.kind == "gone":
            await asyncio.to_thread(dlog.subscriptions.remove, claim.platform, claim.chat_id)
            await _give_up(dlog, claim, clock, f"gone, unsubscribed: {outcome.detail}", report,
                           where)
            report.gone += 1
            return
        if outcome.kind == "moved" and outcome.new_chat_id and moves < 2:
            moves += 1
            followed = await asyncio.to_thread(dlog.follow, claim, outcome.new_chat_id)
            _event(report, where, f"moved to {outcome.new_chat_id}")
            report.moved += 1
            if followed is None:  # the new chat has its own row for today
                await _give_up(dlog, claim, clock, "moved; the new chat has its own delivery",
                               report, where)
                report.failed += 1
                return
            claim, sub = followed, replace(sub, chat_id=outcome.new_chat_id)
            where = f"{sub.platform}:{sub.chat_id} {due.day} {due.tip_id}"
            continue
        if outcome.kind in ("retry_after", "transient") and attempt < policy.max_attempts:
            wait = outcome.seconds if outcome.kind == "retry_after" else policy.backoff(attempt)
            if wait <= policy.max_retry_after_seconds:
                report.retries += 1
                _event(report, where, f"{outcome.kind} ({outcome.detail}); retry in {wait:.2f} s")
                await sleep(wait)
                continue
        if outcome.kind in ("retry_after", "transient"):
            await asyncio.to_thread(dlog.release, claim, f"{outcome.kind}: {outcome.detail}")
            _event(report, where, f"deferred to a later pass: {outcome.kind} {outcome.detail}",
                   logging.WARNING)
            report.deferred += 1
            return
        await _give_up(dlog, claim, clock, f"{outcome.kind}: {outcome.detail}", report, where)
        report.failed += 1


async def _give_up(dlog: DeliveryLog, claim: Claim, clock: Clock, detail: str, report: Report,
                   where: str) -> None:
    """Close the day as 'failed': no more attempts for this subscriber today."""
    await asyncio.to_thread(dlog.fail, claim, clock(), detail)
    _event(report, where, detail, logging.WARNING)


def _event(report: Report, where: str, what: str, level: int = logging.INFO) -> None:
    report.events.append(f"{where}: {what}")
    log.log(level, "tip %s: %s", where, what)


async def broadcast_due(runtime: Runtime, platform: str, send: Send, *, clock: Clock = utc_now,
                        policy: RetryPolicy | None = None, sleep: Sleep = asyncio.sleep) -> Report:
    """One scheduler pass for a platform: every subscriber due at `clock()`, delivered once."""
    policy = policy or RetryPolicy.from_settings(runtime.settings.tips)
    dlog = DeliveryLog(runtime.state, policy.lease)
    due = await asyncio.to_thread(dlog.due, clock(), runtime.engine.knowledge.tips, platform)
    cache: dict[tuple, Answer] = {}

    def answer_for(item: Due) -> Answer:
        script = item.sub.script if item.sub.lang == "zh" else "latn"
        key = (item.day, item.sub.cycle_start, item.sub.lang, script)
        if key not in cache:
            cache[key] = runtime.commands.tip_answer(item.day, item.sub.cycle_start,
                                                     item.sub.lang, script)  # type: ignore[arg-type]
        return cache[key]

    report = await broadcast(dlog, due, send, answer_for, clock=clock, policy=policy, sleep=sleep)
    for outcome in ("sent", "failed", "gone", "deferred"):
        metrics.TIPS.labels(platform, outcome).inc(getattr(report, outcome))
    report.held = await asyncio.to_thread(dlog.held, clock(), platform)
    if report.held.count:
        log.warning("%s: %d tip(s) held by unconfirmed claims (oldest %.0f s): if their sender "
                    "died, a pass in %.0f s or later sends them", platform, report.held.count,
                    report.held.oldest_seconds, report.held.resumes_in_seconds)
    return report
