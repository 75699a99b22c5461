"""Daily tips on Telegram: the repeating job, `send_tips_now`, and the sender that maps telegram.error.

Why a repeating check and not `run_daily` per chat: subscriptions live in SQLite (PTB jobs are not
persisted), each has its own zone and time, and a pass after a restart must catch up the times
missed the same day. The job awaits the shared broadcast (bot/tips/broadcast.py), so updates keep being
answered meanwhile; PTB's AIORateLimiter on the bot paces the sends (30/s overall, 20/min a group).
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from datetime import timedelta

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import AIORateLimiter, Application, ContextTypes, ExtBot, Job
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning

from adapters.telegram.render import render_answer
from bot.foundation.answers import Answer
from bot.foundation.errors import ConfigError
from bot.foundation.messages import Messages
from bot.runtime import Runtime
from bot.tips.broadcast import Clock, RetryPolicy, broadcast_due, utc_now
from bot.tips.delivery import Outcome
from bot.tips.subscriptions import Subscription

log = logging.getLogger(__name__)

PLATFORM = "telegram"
JOB_NAME = "nfpbot-daily-tips"
_GONE_BAD_REQUESTS = ("chat not found", "group chat was deactivated", "peer_id_invalid")


class TelegramSender:
    """`send(sub, answer) -> Outcome` over a PTB bot: HTML chunks, errors mapped to outcomes.

    A tip longer than one message is several chunks; chunks already accepted are remembered, so a
    retry after a rate limit or a network error resumes with the next chunk instead of repeating.
    """

    def __init__(self, bot: Bot, messages: Messages) -> None:
        self.bot = bot
        self.messages = messages
        self._progress: dict[tuple[str, str], int] = {}

    async def __call__(self, sub: Subscription, answer: Answer) -> Outcome:
        chunks = render_answer(answer, self.messages)
        key = (sub.chat_id, answer.question)
        try:
            for i in range(self._progress.get(key, 0), len(chunks)):
                await self.bot.send_message(
                    chat_id=chat_id(sub.chat_id), text=chunks[i], parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(is_disabled=True))
                self._progress[key] = i + 1
        except RetryAfter as exc:
            with warnings.catch_warnings():  # int vs timedelta: PTB 22 deprecation notice
                warnings.simplefilter("ignore", PTBDeprecationWarning)
                return Outcome.retry_after(_seconds(exc.retry_after), exc.message)
        except ChatMigrated as exc:
            self._progress[(str(exc.new_chat_id), answer.question)] = self._progress.pop(key, 0)
            return Outcome.moved(exc.new_chat_id, exc.message)
        except Forbidden as exc:  # blocked by the user, kicked from the group
            return Outcome.gone(exc.message)
        except InvalidToken as exc:  # misconfiguration: keep the day for a later pass
            return Outcome.transient(exc.message)
        except BadRequest as exc:
            if any(text in exc.message.lower() for text in _GONE_BAD_REQUESTS):
                return Outcome.gone(exc.message)
            return Outcome.failed(exc.message)
        except (TimedOut, NetworkError) as exc:
            return Outcome.transient(exc.message or type(exc).__name__)
        except TelegramError as exc:
            return Outcome.failed(exc.message)
        self._progress.pop(key, None)
        return Outcome.sent(f"{len(chunks)} message(s)")


def chat_id(value: str) -> int | str:
    """Numeric ids as int (what Telegram expects); '@channel' names as they are."""
    return int(value) if value.lstrip("-").isdecimal() else value


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def schedule_tips(application: Application, runtime: Runtime) -> Job | None:
    """Check for due tips every `tips.check_seconds` (first check soon after start)."""
    if application.job_queue is None:
        log.warning("PTB's job queue is missing (install python-telegram-bot[job-queue]): "
                    "no daily tips")
        return None
    every = runtime.settings.tips.check_seconds
    if every <= 0:
        log.info("daily tips are switched off (tips.check_seconds is 0)")
        return None
    running = asyncio.Lock()

    async def check(context: ContextTypes.DEFAULT_TYPE) -> None:
        if running.locked():  # a long broadcast is still going: it will take the new ones too
            return
        async with running:
            try:
                sender = TelegramSender(context.bot, runtime.engine.messages)
                report = await broadcast_due(runtime, PLATFORM, sender)
            except Exception:
                log.exception("daily tips pass failed")
                return
            if report.due:
                log.info("daily tips: %s", report.as_dict() | {"events": len(report.events)})

    return application.job_queue.run_repeating(
        check, interval=every, first=min(5.0, every), name=JOB_NAME,
        job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None})


def rate_limiter(speedup: float = 1.0, max_retries: int = 2) -> AIORateLimiter:
    """Telegram's broadcast limits (30 messages a second, 20 a minute per group), scaled for tests.

    With `max_retries`, a RetryAfter pauses every send of this bot for the time asked (Telegram's
    flood control is per bot, so other chats would only collect more 429s), then retries; beyond
    that the error reaches the broadcast as Outcome.retry_after.
    """
    return AIORateLimiter(overall_max_rate=30 * speedup, overall_time_period=1,
                          group_max_rate=20 * speedup, group_time_period=60,
                          max_retries=max_retries)


def tips_bot(runtime: Runtime, token: str | None = None, base_url: str | None = None,
             limiter: AIORateLimiter | None = None, pool_size: int = 64) -> ExtBot:
    """A bot for `send_tips_now`: the configured endpoint, timeouts and a rate limiter."""
    settings = runtime.settings.telegram
    token = token or runtime.settings.secrets.telegram_bot_token
    if not token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set. Fix: export TELEGRAM_BOT_TOKEN=... "
                          "(from @BotFather) to send the Telegram tips.")
    timeout = settings.timeout_seconds
    request = HTTPXRequest(connection_pool_size=pool_size, connect_timeout=timeout,
                           read_timeout=timeout, write_timeout=timeout, pool_timeout=timeout)
    return ExtBot(token, base_url=base_url or settings.base_url,
                  base_file_url=settings.base_file_url, request=request,
                  rate_limiter=limiter or rate_limiter())


async def send_due(runtime: Runtime, bot: ExtBot, clock: Clock = utc_now,
                   policy: RetryPolicy | None = None) -> dict:
    """One pass with an initialised-here bot; the report as a dict."""
    async with bot:
        report = await broadcast_due(runtime, PLATFORM, TelegramSender(bot, runtime.engine.messages),
                                     clock=clock, policy=policy)
    return report.as_dict()


def send_tips_now(runtime: Runtime, token: str | None = None, base_url: str | None = None,
                  clock: Clock = utc_now, policy: RetryPolicy | None = None) -> dict:
    """`nfpbot tips send-now telegram`: deliver today's due tips once, then return the counts."""
    return asyncio.run(send_due(runtime, tips_bot(runtime, token, base_url), clock, policy))
