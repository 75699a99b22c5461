"""Waiting for the Bot API at start: retry with backoff and one log line per attempt.

Why: a bot started while the network (or a local Bot API server) is not up yet used to die with a
254-line traceback. A service should wait, say once per attempt what is wrong and when it tries
again, and stop only on what retrying cannot fix (a token Telegram refuses) or after the configured
number of attempts.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from telegram import Bot
from telegram.error import InvalidToken, NetworkError
from telegram.request import HTTPXRequest

from bot.foundation.config import TelegramSettings
from bot.foundation.errors import BotError, ConfigError

log = logging.getLogger(__name__)
MAX_DELAY = 60.0

REFUSED_TOKEN = ("Telegram refused TELEGRAM_BOT_TOKEN ({error}). Fix: copy the token again from "
                 "@BotFather (/token) and export TELEGRAM_BOT_TOKEN=...; see docs/telegram.md.")


class BotApiUnreachable(BotError):
    """The Bot API could not be reached in the configured number of attempts."""


def delays(base: float, cap: float = MAX_DELAY) -> Callable[[int], float]:
    """Seconds to wait after failed attempt n: base, 2·base, 4·base ... at most `cap`."""
    return lambda attempt: min(cap, base * 2 ** (attempt - 1))


def wait_for_bot_api(token: str, settings: TelegramSettings,
                     sleep: Callable[[float], None] = time.sleep) -> None:
    """Return once getMe succeeds; one warning per failed attempt, then a BotError if
    `settings.start_attempts` (0: no limit) is used up."""
    host = urlsplit(settings.base_url).netloc or settings.base_url
    wait = delays(settings.start_backoff_seconds)
    attempt = 0
    while True:
        attempt += 1
        try:
            asyncio.run(_get_me(token, settings))
            if attempt > 1:
                log.info("Telegram Bot API at %s reached (attempt %d)", host, attempt)
            return
        except InvalidToken as exc:
            raise ConfigError(REFUSED_TOKEN.format(error=exc.message)) from None
        except NetworkError as exc:   # includes TimedOut and Bad Gateway
            reason = " ".join(str(exc).split())[:160]
            if settings.start_attempts and attempt >= settings.start_attempts:
                raise BotApiUnreachable(
                    f"Telegram Bot API at {host} could not be reached in {attempt} attempts "
                    f"({reason}). Fix: check the network, a proxy or telegram.base_url, or raise "
                    "telegram.start_attempts (0 keeps trying).") from None
            delay = wait(attempt)
            log.warning("Telegram Bot API at %s cannot be reached (%s); attempt %d, next in %.1f s",
                        host, reason, attempt, delay)
            sleep(delay)


async def _get_me(token: str, settings: TelegramSettings) -> None:
    timeout = settings.timeout_seconds
    request = HTTPXRequest(connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout,
                           pool_timeout=timeout)
    bot = Bot(token, base_url=settings.base_url, base_file_url=settings.base_file_url,
              request=request)
    async with bot:   # initialize() calls getMe
        pass
