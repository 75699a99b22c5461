"""Daily tips on DingTalk: the checking thread, `send_tips_now`, and the sender.

Why the robot API and not the session webhooks: a webhook expires soon after the message that
brought it, while a subscription lasts; the robot API writes to a group by its
openConversationId (POST /v1.0/robot/groupMessages/send) and to a person by staff id
(POST /v1.0/robot/oToMessages/batchSend), with the app's access token. Chat ids are the group's
conversation id, or "user:<staffId>" for a private chat (adapters/dingtalk/handlers.py).
The broadcast itself (claims, retries, unsubscribing a lost chat) is bot/tips/broadcast.py.
"""

from __future__ import annotations

import asyncio
import logging

from adapters.dingtalk import render
from adapters.dingtalk.openapi import DingTalkError, OpenApi
from bot.foundation.answers import Answer
from bot.foundation.errors import ConfigError
from bot.foundation.messages import Messages
from bot.runtime import Runtime
from bot.tips.broadcast import Clock, RetryPolicy, broadcast_due, utc_now
from bot.tips.checker import TipsLoop, start_checker
from bot.tips.delivery import Outcome
from bot.tips.subscriptions import Subscription

log = logging.getLogger(__name__)
PLATFORM = "dingtalk"


class DingTalkSender:
    """`send(sub, answer) -> Outcome` over the robot API; DingTalk's errors mapped to outcomes.

    The OpenApi client retries rate limits itself a few times; what is still refused reaches the
    broadcast as retry_after, which waits and tries again within its own limits."""

    def __init__(self, api: OpenApi, messages: Messages) -> None:
        self.api = api
        self.messages = messages
        self._progress: dict[tuple[str, str], int] = {}   # parts already accepted (retries resume)

    async def __call__(self, sub: Subscription, answer: Answer) -> Outcome:
        parts = render.to_messages(answer, self.messages, private=False)
        key = (sub.chat_id, answer.question)
        try:
            for i in range(self._progress.get(key, 0), len(parts)):
                await asyncio.to_thread(self._send, sub.chat_id, parts[i])
                self._progress[key] = i + 1
        except DingTalkError as exc:
            return outcome_of(exc)
        self._progress.pop(key, None)
        return Outcome.sent(f"{len(parts)} message(s)")

    def _send(self, chat_id: str, part: render.Message) -> None:
        if chat_id.startswith("user:"):
            self.api.send_private(chat_id[len("user:"):], part.title, part.text)
        else:
            self.api.send_group(chat_id, part.title, part.text)


def outcome_of(exc: DingTalkError) -> Outcome:
    """Rate limit -> wait; robot no longer in the group -> gone; network, 5xx, a token DingTalk
    keeps refusing -> transient; anything else -> failed for today."""
    kind = exc.kind
    if kind == "rate_limit":
        return Outcome.retry_after(exc.retry_after if exc.retry_after is not None else 2.0,
                                   exc.code)
    if kind == "gone":
        return Outcome.gone(exc.code)
    if kind in ("transient", "auth"):
        return Outcome.transient(str(exc))
    return Outcome.failed(str(exc))


def start_tips(runtime: Runtime, api: OpenApi, clock: Clock = utc_now,
               policy: RetryPolicy | None = None, every: float | None = None) -> TipsLoop:
    """Check for due tips every `tips.check_seconds` in a daemon thread."""
    sender = DingTalkSender(api, runtime.engine.messages)
    return start_checker(runtime, PLATFORM, sender, clock, policy, every)


def default_api(runtime: Runtime) -> OpenApi:
    secrets = runtime.settings.secrets
    if not (secrets.dingtalk_client_id and secrets.dingtalk_client_secret):
        raise ConfigError("DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET are not set. Fix: export "
                          "the app's Client ID and Client Secret (see docs/dingtalk.md) to send "
                          "DingTalk tips.")
    return OpenApi(runtime.settings)


def send_tips_now(runtime: Runtime, api: OpenApi | None = None, clock: Clock = utc_now,
                  policy: RetryPolicy | None = None) -> dict:
    """`nfpbot tips send-now dingtalk`: deliver today's due tips once, then return the counts."""
    sender = DingTalkSender(api or default_api(runtime), runtime.engine.messages)
    report = asyncio.run(broadcast_due(runtime, PLATFORM, sender, clock=clock, policy=policy))
    return report.as_dict()
