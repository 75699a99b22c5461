"""Daily tips on Feishu: a checking thread, `send_tips_now`, and the sender mapping Feishu errors.

Why a thread with its own asyncio loop: the long connection's client blocks its own thread and
the open API calls are synchronous; the broadcast runner (bot/tips/broadcast.py) is async and
shared with Telegram and Slack, so each send runs in a worker thread (`asyncio.to_thread`).
Each tip carries a `uuid` made of the chat, the local day and the tip: Feishu sends one message
per uuid, so a tip sent again after a crash between sending and confirming is not a duplicate.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging

from adapters.feishu.api import FeishuApi, FeishuError
from adapters.feishu.card import shorter, to_card
from bot.foundation.answers import Answer
from bot.foundation.errors import ConfigError
from bot.foundation.messages import Messages
from bot.runtime import Runtime
from bot.tips.broadcast import Clock, RetryPolicy, broadcast_due, utc_now
from bot.tips.checker import TipsLoop, start_checker
from bot.tips.delivery import Outcome
from bot.tips.subscriptions import Subscription

log = logging.getLogger(__name__)
PLATFORM = "feishu"


def tip_uuid(chat_id: str, day: str, question: str) -> str:
    return "tip-" + hashlib.sha256(f"{chat_id}|{day}|{question}".encode()).hexdigest()[:40]


class FeishuSender:
    """`send(sub, answer) -> Outcome` with im.v1.message.create; errors mapped to outcomes.
    The broadcast does the waiting and retrying, so the api should make one attempt per call."""

    def __init__(self, api: FeishuApi, messages: Messages, clock: Clock = utc_now) -> None:
        self.api, self.messages, self.clock = api, messages, clock

    async def __call__(self, sub: Subscription, answer: Answer) -> Outcome:
        card = to_card(answer, self.messages, with_buttons=False)
        day = self.clock().astimezone(sub.tz).date().isoformat()
        uuid = tip_uuid(sub.chat_id, day, answer.question)
        try:
            try:
                await asyncio.to_thread(self.api.send, sub.chat_id, card, uuid)
            except FeishuError as exc:
                if exc.kind != "too_long":
                    raise
                await asyncio.to_thread(self.api.send, sub.chat_id, shorter(card), uuid[:-1] + "s")
        except FeishuError as exc:
            return outcome_of(exc)
        return Outcome.sent()


def outcome_of(exc: FeishuError) -> Outcome:
    """Rate limited -> wait; chat lost -> gone (unsubscribed); 5xx/network -> transient."""
    if exc.kind == "rate_limited":
        return Outcome.retry_after(exc.retry_after or 1.0, str(exc))
    if exc.kind == "gone":
        return Outcome.gone(str(exc))
    if exc.kind == "transient":
        return Outcome.transient(str(exc))
    return Outcome.failed(str(exc))


def tips_api(runtime: Runtime) -> FeishuApi:
    """One attempt per call: the broadcast's retry policy does the rest."""
    secrets = runtime.settings.secrets
    if not (secrets.feishu_app_id and secrets.feishu_app_secret):
        raise ConfigError("FEISHU_APP_ID and FEISHU_APP_SECRET are not set. Fix: export them from "
                          "your app's Credentials & Basic Info page (see docs/feishu.md).")
    return FeishuApi(runtime.settings.feishu.domain, secrets.feishu_app_id,
                     secrets.feishu_app_secret, attempts=1)


def start_tips(runtime: Runtime, api: FeishuApi | None = None, clock: Clock = utc_now,
               every: float | None = None) -> TipsLoop:
    """Check for due tips every `tips.check_seconds` in a daemon thread."""
    sender = FeishuSender(api or tips_api(runtime), runtime.engine.messages, clock)
    return start_checker(runtime, PLATFORM, sender, clock, None, every)


def send_tips_now(runtime: Runtime, api: FeishuApi | None = None, clock: Clock = utc_now,
                  policy: RetryPolicy | None = None) -> dict:
    """`nfpbot tips send-now feishu`: deliver today's due tips once, then return the counts."""
    sender = FeishuSender(api or tips_api(runtime), runtime.engine.messages, clock)
    report = asyncio.run(broadcast_due(runtime, PLATFORM, sender, clock=clock, policy=policy))
    return report.as_dict()


__all__ = ["FeishuSender", "send_tips_now", "start_tips"]
