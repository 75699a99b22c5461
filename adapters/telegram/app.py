"""Builds the PTB `Application`: transport settings, rate limiter, handlers, start-up hooks.

Why a builder function: `serve` (polling or webhook), the daily-tips sender and the tests all need
the same application, pointed at Telegram or at a fake server (`base_url`).
"""

from __future__ import annotations

import importlib
import logging
from functools import partial

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from adapters.telegram.handlers import TelegramChat
from adapters.telegram.inline import on_inline_query
from bot.foundation.errors import ConfigError
from bot.runtime import Runtime

log = logging.getLogger(__name__)

RUNTIME_KEY = "nfpbot_runtime"
CHAT_KEY = "nfpbot_chat"
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
MAX_RETRIES = 3   # RetryAfter (429) retries by AIORateLimiter
MISSING_TOKEN = ("TELEGRAM_BOT_TOKEN is not set. Fix: create a bot with @BotFather (/newbot) and "
                 "`export TELEGRAM_BOT_TOKEN=123456:ABC...`; see docs/telegram.md.")


CONCURRENT_UPDATES = 8


def build_application(runtime: Runtime, token: str | None = None, base_url: str | None = None,
                      base_file_url: str | None = None, timeout: float | None = None,
                      max_retries: int = MAX_RETRIES) -> Application:
    """The application with every handler; arguments override the settings (tests, tools)."""
    settings = runtime.settings.telegram
    token = token or runtime.settings.secrets.telegram_bot_token
    if not token:
        raise ConfigError(MISSING_TOKEN)
    timeout = settings.timeout_seconds if timeout is None else timeout
    app = (Application.builder().token(token)
           .base_url(base_url or settings.base_url)
           .base_file_url(base_file_url or settings.base_file_url)
           .connect_timeout(timeout).read_timeout(timeout).write_timeout(timeout)
           .pool_timeout(timeout)
           .get_updates_connect_timeout(timeout).get_updates_read_timeout(timeout)
           .get_updates_write_timeout(timeout).get_updates_pool_timeout(timeout)
           .rate_limiter(AIORateLimiter(max_retries=max_retries))
           # Several chats are answered at once: the engine runs in worker threads and is
           # thread-safe, and replies need more than PTB's default single connection.
           .concurrent_updates(CONCURRENT_UPDATES).connection_pool_size(CONCURRENT_UPDATES * 2)
           .post_init(post_init)
           .build())
    chat = TelegramChat(runtime)
    app.bot_data[RUNTIME_KEY] = runtime
    app.bot_data[CHAT_KEY] = chat
    not_edited = ~filters.UpdateType.EDITED
    app.add_handler(MessageHandler(filters.COMMAND & not_edited, chat.on_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & not_edited, chat.on_text))
    app.add_handler(CallbackQueryHandler(chat.on_callback))
    app.add_handler(InlineQueryHandler(partial(on_inline_query, chat)))
    app.add_error_handler(chat.on_error)
    return app


def menu(runtime: Runtime, lang: str) -> list[BotCommand]:
    """The command menu from messages.yaml ("command: description" lines)."""
    lines = runtime.engine.messages.get_list("telegram_menu", lang)
    return [BotCommand(*(part.strip() for part in line.split(":", 1))) for line in lines]


async def post_init(app: Application) -> None:
    """Start-up: command menus in English (default) and Chinese, then the daily-tip schedule."""
    runtime: Runtime = app.bot_data[RUNTIME_KEY]
    try:
        await app.bot.set_my_commands(menu(runtime, "en"))
        await app.bot.set_my_commands(menu(runtime, "zh"), language_code="zh")
    except TelegramError as exc:
        log.warning("could not set the command menus: %s", exc)
    try:
        tips = importlib.import_module("adapters.telegram.tips")
    except ModuleNotFoundError as exc:
        if exc.name != "adapters.telegram.tips":
            raise
        log.info("adapters.telegram.tips is missing: no daily tips scheduled")
        return
    tips.schedule_tips(app, runtime)
