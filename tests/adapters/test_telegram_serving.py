"""Serving modes: real long polling, the webhook secret check, `nfpbot serve telegram` as a
process against the fake, and clear start-up errors."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from dataclasses import replace

import httpx
import pytest
from fakes.telegram_api import BOT_USERNAME, FakeTelegram, message_update
from telegram_support import TOKEN, check_html, new_app

from adapters.telegram import build_application
from adapters.telegram.app import ALLOWED_UPDATES, post_init
from adapters.telegram.serve import webhook_secret
from bot.foundation.config import REPO_ROOT, TelegramSettings
from bot.foundation.errors import ConfigError
from bot.runtime import Runtime


def test_long_polling_answers_chinese_and_english_with_citations(tg_runtime, tg_fake) -> None:
    async def main() -> None:
        app = new_app(tg_runtime, tg_fake)
        async with app:
            await post_init(app)
            await app.start()
            await app.updater.start_polling(poll_interval=0, timeout=1,
                                            allowed_updates=ALLOWED_UPDATES)
            tg_fake.push_update(message_update("如何统一国家报告？", chat_id=71, user_id=71))
            tg_fake.push_update(message_update("How can national reporting be harmonised?",
                                               chat_id=72, user_id=72))
            await tg_fake.await_calls("sendMessage", 2)
            await app.updater.stop()
            await app.stop()
    asyncio.run(main())
    assert "出处" in check_html(tg_fake.sent_texts(71)[0])
    assert "Source:" in check_html(tg_fake.sent_texts(72)[0])
    assert len(tg_fake.calls_to("setMyCommands")) == 2


def _port(app) -> int:
    """The port tornado bound for port=0 (PTB does not expose it)."""
    server = app.updater._httpd._http_server  # noqa: SLF001 - test-only peek
    return next(iter(server._sockets.values())).getsockname()[1]  # noqa: SLF001


def test_webhook_refuses_requests_without_the_secret(tg_runtime, tg_fake) -> None:
    update = message_update("/help", chat_id=81, user_id=81)

    async def main() -> list[int]:
        app = new_app(tg_runtime, tg_fake)
        async with app:
            await app.updater.start_webhook(listen="127.0.0.1", port=0, url_path="telegram",
                                            webhook_url="https://bot.example.org/telegram",
                                            secret_token="s3cret_token")
            await app.start()
            url = f"http://127.0.0.1:{_port(app)}/telegram"
            async with httpx.AsyncClient() as client:
                statuses = [
                    (await client.post(url, json=update)).status_code,
                    (await client.post(url, json=update, headers={
                        "X-Telegram-Bot-Api-Secret-Token": "wrong"})).status_code,
                    (await client.post(url, json=update, headers={
                        "X-Telegram-Bot-Api-Secret-Token": "s3cret_token"})).status_code]
            await tg_fake.await_calls("sendMessage", 1)
            await app.updater.stop()
            await app.stop()
        return statuses

    assert asyncio.run(main()) == [403, 403, 200]
    assert tg_fake.calls_to("setWebhook")[0].params["secret_token"] == "s3cret_token"
    assert len(tg_fake.calls_to("sendMessage")) == 1


def test_webhook_mode_requires_url_and_secret() -> None:
    settings = TelegramSettings(mode="webhook", webhook_url="https://bot.example.org/telegram")
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        webhook_secret(settings, None)
    with pytest.raises(ConfigError, match="A-Z"):
        webhook_secret(settings, "has spaces")
    with pytest.raises(ConfigError, match="webhook_url"):
        webhook_secret(replace(settings, webhook_url=None), "ok")
    assert webhook_secret(settings, "ok-secret_1") == "ok-secret_1"


def test_missing_token_fails_clearly(tg_runtime: Runtime) -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN.*BotFather"):
        build_application(tg_runtime)


def test_nfpbot_serve_telegram_process_against_the_fake(tmp_path) -> None:
    """The acceptance path: the CLI's real run_polling loop, stopped with SIGINT."""
    with FakeTelegram() as fake:
        env = os.environ | {"TELEGRAM_BOT_TOKEN": TOKEN, "NFPBOT_DATA_DIR": str(tmp_path),
                            "NFPBOT_TELEGRAM__BASE_URL": fake.base_url,
                            "NFPBOT_TELEGRAM__BASE_FILE_URL": fake.file_url,
                            "NFPBOT_OPS__PORT": "null"}   # tests/adapters/test_ops_http.py
        env.pop("SLACK_BOT_TOKEN", None)
        proc = subprocess.Popen([sys.executable, "-m", "adapters.cli.main", "serve", "telegram"],
                                cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        try:
            fake.push_update(message_update("如何统一国家报告？", chat_id=91, user_id=91))
            fake.push_update(message_update(f"/ask@{BOT_USERNAME} How can national reporting "
                                            "be harmonised?", chat_id=-92, user_id=92))
            fake.wait_for("sendMessage", 2, timeout=120)   # includes building the index (cold)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                output = proc.communicate(timeout=15)[0].decode()
            except subprocess.TimeoutExpired:
                proc.kill()
                output = proc.communicate()[0].decode()
        assert "Traceback" not in output, output
        assert "出处" in check_html(fake.sent_texts(91)[0])
        assert "Source:" in check_html(fake.sent_texts(-92)[0])
        assert fake.calls_to("setMyCommands")
