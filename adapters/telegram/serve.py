"""`nfpbot serve telegram`: long polling (default) or a webhook with a secret token.

Why the secret is required in webhook mode: anyone who learns the URL could otherwise post fake
updates; with `secret_token`, PTB answers 403 to requests without the matching
X-Telegram-Bot-Api-Secret-Token header.
"""

from __future__ import annotations

import logging
import re

from adapters.telegram.app import ALLOWED_UPDATES, build_application
from adapters.telegram.startup import wait_for_bot_api
from bot.foundation.config import TelegramSettings
from bot.foundation.errors import ConfigError
from bot.runtime import Runtime

log = logging.getLogger(__name__)

_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def webhook_secret(settings: TelegramSettings, secret: str | None) -> str:
    """The checked secret for webhook mode, or a ConfigError that says how to fix it."""
    if not settings.webhook_url:
        raise ConfigError("telegram.mode is webhook but telegram.webhook_url is not set. Fix: set "
                          "telegram.webhook_url to the public https URL, e.g. "
                          "https://bot.example.org/telegram (see docs/telegram.md).")
    if not secret:
        raise ConfigError("telegram.mode is webhook but TELEGRAM_WEBHOOK_SECRET is not set. Fix: "
                          "export TELEGRAM_WEBHOOK_SECRET=$(python -c 'import secrets; "
                          "print(secrets.token_urlsafe(32))') (see docs/telegram.md).")
    if not _SECRET.match(secret):
        raise ConfigError("TELEGRAM_WEBHOOK_SECRET may only use A-Z, a-z, 0-9, _ and - "
                          "(1-256 characters). Fix: generate one with secrets.token_urlsafe(32).")
    return secret


def serve(runtime: Runtime) -> None:
    """Run until interrupted (blocks; uses the calling thread's event loop)."""
    settings = runtime.settings.telegram
    if settings.mode not in ("polling", "webhook"):
        raise ConfigError(f"telegram.mode is {settings.mode!r}. Fix: use polling or webhook.")
    secret = (webhook_secret(settings, runtime.settings.secrets.telegram_webhook_secret)
              if settings.mode == "webhook" else None)
    app = build_application(runtime)
    wait_for_bot_api(app.bot.token, settings)
    runtime.health.register("telegram", lambda: bool(app.running and app.updater
                                                      and app.updater.running))
    if secret:
        log.info("Telegram webhook on %s:%s/%s for %s", settings.webhook_listen,
                 settings.webhook_port, settings.webhook_path, settings.webhook_url)
        app.run_webhook(listen=settings.webhook_listen, port=settings.webhook_port,
                        url_path=settings.webhook_path, webhook_url=settings.webhook_url,
                        secret_token=secret, allowed_updates=ALLOWED_UPDATES)
    else:
        log.info("Telegram long polling")
        app.run_polling(allowed_updates=ALLOWED_UPDATES)
