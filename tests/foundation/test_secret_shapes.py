"""A token with a comment, a space or quotes in it stops the bot at start, naming the variable and
never printing the value (issue 23, item 10)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from adapters.cli.main import cli
from bot.foundation.config import load_settings
from bot.foundation.errors import ConfigError


@pytest.mark.parametrize(("name", "value", "why"), [
    ("TELEGRAM_BOT_TOKEN", "123456:ABCdef   # from @BotFather", "comment"),
    ("SLACK_BOT_TOKEN", '"xoxb-1-2-abc"', "quotes"),
    ("SLACK_SIGNING_SECRET", "abc def", "white space"),
    ("SLACK_APP_TOKEN", "xoxb-1-2-abc", "xapp-"),
    ("TELEGRAM_BOT_TOKEN", "ABCdef", "digits, a colon"),
    ("NFPBOT_HASH_KEY", "00ff\t# key", "comment"),
])
def test_a_misshapen_secret_is_named_not_shown(tmp_path, name: str, value: str, why: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(env={"NFPBOT_DATA_DIR": str(tmp_path), name: value})
    message = str(caught.value)
    assert name in message and why in message and "Fix:" in message
    assert value not in message and value.split()[0].strip('"') not in message


def test_real_shapes_pass(tmp_path) -> None:
    settings = load_settings(env={"TELEGRAM_BOT_TOKEN": "123456:AAH-x_y", "SLACK_BOT_TOKEN":
                                  "xoxb-1111-2222-abcdef", "SLACK_APP_TOKEN": "xapp-1-A1-2-ff",
                                  "SLACK_SIGNING_SECRET": "8f742231b10e8888abcd99yyyzzz85a5"})
    assert settings.secrets.telegram_bot_token == "123456:AAH-x_y"


def test_the_cli_stops_in_one_line_with_exit_code_2(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["run"], env={"NFPBOT_DATA_DIR": str(tmp_path),
                                                   "TELEGRAM_BOT_TOKEN": "1:abc # from @BotFather"})
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1, result.output
    assert "TELEGRAM_BOT_TOKEN" in result.output and "1:abc" not in result.output
