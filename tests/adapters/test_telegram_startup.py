"""`serve telegram` when the Bot API cannot be reached at start: one line per attempt, backoff,
and a clear error (never a traceback) when the attempts are used up or the token is refused."""

from __future__ import annotations

import logging
import socket
from dataclasses import replace

import pytest
from click.testing import CliRunner
from fakes.telegram_api import FakeTelegram
from telegram_support import TOKEN

from adapters.cli.main import cli
from adapters.telegram.startup import BotApiUnreachable, delays, wait_for_bot_api
from bot.foundation.config import TelegramSettings
from bot.foundation.errors import ConfigError


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]       # nothing listens there once the socket is closed


def test_delays_double_up_to_a_minute() -> None:
    wait = delays(1.0)
    assert [wait(n) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 8.0] and wait(20) == 60.0


def test_waits_with_backoff_until_the_api_answers(tg_fake: FakeTelegram, caplog) -> None:
    tg_fake.fail("getMe", 502, "Bad Gateway", times=2)
    settings = TelegramSettings(base_url=tg_fake.base_url, base_file_url=tg_fake.file_url,
                                start_backoff_seconds=0.5, timeout_seconds=5)
    slept: list[float] = []
    with caplog.at_level(logging.WARNING, logger="adapters.telegram.startup"):
        wait_for_bot_api(TOKEN, settings, sleep=slept.append)
    assert slept == [0.5, 1.0]
    lines = [r.getMessage() for r in caplog.records if r.name == "adapters.telegram.startup"]
    assert len(lines) == 2 and all("cannot be reached" in m and "\n" not in m for m in lines)
    assert all(r.exc_info is None for r in caplog.records)


def test_gives_up_after_the_configured_attempts_with_the_fix() -> None:
    settings = TelegramSettings(base_url=f"http://127.0.0.1:{_closed_port()}/bot", start_attempts=2,
                                start_backoff_seconds=0.01, timeout_seconds=2)
    with pytest.raises(BotApiUnreachable, match=r"could not be reached in 2 attempts.*Fix:"):
        wait_for_bot_api(TOKEN, settings, sleep=lambda s: None)


def test_a_refused_token_is_not_retried(tg_fake: FakeTelegram) -> None:
    tg_fake.fail("getMe", 401, "Unauthorized")
    settings = replace(TelegramSettings(), base_url=tg_fake.base_url, start_backoff_seconds=0.01)
    with pytest.raises(ConfigError, match="refused TELEGRAM_BOT_TOKEN.*Fix:"):
        wait_for_bot_api(TOKEN, settings, sleep=pytest.fail)


def test_cli_serve_prints_one_line_per_attempt_and_no_traceback(data_dir, engine, monkeypatch) -> None:
    env = {"NFPBOT_DATA_DIR": str(data_dir), "TELEGRAM_BOT_TOKEN": TOKEN,
           "NFPBOT_TELEGRAM__BASE_URL": f"http://127.0.0.1:{_closed_port()}/bot",
           "NFPBOT_TELEGRAM__START_ATTEMPTS": "3", "NFPBOT_TELEGRAM__START_BACKOFF_SECONDS": "0.01",
           "NFPBOT_TELEGRAM__TIMEOUT_SECONDS": "2", "NFPBOT_TIPS__CHECK_SECONDS": "0",
           # In-process: an ops listener would stay bound to its port after serve gives up.
           "NFPBOT_OPS__PORT": "null"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(cli, ["serve", "telegram"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "could not be reached in 3 attempts" in result.output and "Fix:" in result.output
