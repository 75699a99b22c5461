"""Settings: defaults, user file, environment; errors name the key, the file (and line) and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.foundation.config import load_settings
from bot.foundation.errors import ConfigError


def test_defaults_load(tmp_path):
    s = load_settings(env={})
    assert s.search.limit == 3 and s.telegram.mode == "polling" and s.slack.command == "/nfp"
    assert s.secrets.telegram_bot_token is None
    assert s.knowledge_path.name == "knowledge"


def test_user_file_then_environment_override(tmp_path):
    user = tmp_path / "my.yaml"
    user.write_text("search:\n  limit: 5\ndata_dir: /srv/nfp\n", "utf-8")
    s = load_settings(user, env={"NFPBOT_SEARCH__LIMIT": "7", "TELEGRAM_BOT_TOKEN": "1:T"})
    assert s.search.limit == 7 and s.data_dir == Path("/srv/nfp")
    assert s.secrets.telegram_bot_token == "1:T"
    s = load_settings(env={"NFPBOT_CONFIG": str(user)})
    assert s.search.limit == 5


def test_unknown_key_names_file_and_line(tmp_path):
    user = tmp_path / "bad.yaml"
    user.write_text("search:\n  limit: 5\n  limt: 3\n", "utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(user, env={})
    assert f"{user}:3" in str(err.value) and "search.limt" in str(err.value) and "Fix" in str(err.value)


def test_wrong_type_and_choice(tmp_path):
    user = tmp_path / "bad.yaml"
    user.write_text("telegram:\n  mode: pigeon\n", "utf-8")
    with pytest.raises(ConfigError, match=r"bad.yaml:2.*telegram.mode.*polling, webhook"):
        load_settings(user, env={})
    with pytest.raises(ConfigError, match="search.limit.*number"):
        load_settings(env={"NFPBOT_SEARCH__LIMIT": "many"})


def test_malformed_yaml_and_missing_file(tmp_path):
    user = tmp_path / "broken.yaml"
    user.write_text("search:\n  limit: [1, 2\n", "utf-8")
    with pytest.raises(ConfigError, match=r"broken.yaml:\d+: invalid YAML"):
        load_settings(user, env={})
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.yaml", env={})


@pytest.mark.parametrize(("setting", "value", "problem"), [
    ("default_timezone", "Mars/Olympus", "not a time zone"),
    ("default_time", '"9am"', "not a time of day"),
    ("default_time", '"24:00"', "not a time of day"),
])
def test_tip_time_and_zone_are_checked_at_start(tmp_path, setting, value, problem):
    """A wrong zone or time once reached subscriptions; now it stops the start, with the fix."""
    user = tmp_path / "tips.yaml"
    user.write_text(f"# my settings\ntips:\n  {setting}: {value}\n", "utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(user, env={})
    message = str(err.value)
    assert f"{user}:3" in message and f"'tips.{setting}'" in message
    assert problem in message and "Fix:" in message


def test_tip_settings_from_the_environment_are_checked_and_normalised():
    with pytest.raises(ConfigError, match=r"NFPBOT_TIPS__DEFAULT_TIMEZONE.*did you mean Asia/Shanghai"):
        load_settings(env={"NFPBOT_TIPS__DEFAULT_TIMEZONE": "Asia/Shanghia"})
    s = load_settings(env={"NFPBOT_TIPS__DEFAULT_TIME": "9:05",
                           "NFPBOT_TIPS__DEFAULT_TIMEZONE": "Asia/Shanghai"})
    assert s.tips.default_time == "09:05" and s.tips.default_timezone == "Asia/Shanghai"


@pytest.mark.parametrize("text", ["search:\n  limit: three\n", "slack:\n  scopes: chat\n",
                                  "data_dir: [a]\n", "search: 5\n"])
def test_every_wrong_type_message_says_how_to_fix_it(tmp_path, text):
    user = tmp_path / "bad.yaml"
    user.write_text(text, "utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml:\d+: .*Fix: "):
        load_settings(user, env={})


@pytest.mark.parametrize(("text", "key"), [
    ("search:\n  limit: 0\n", "search.limit"), ("search:\n  min_coverage: 1.5\n", "search.min_coverage"),
    ("slack:\n  http_port: 70000\n", "slack.http_port"), ("tips:\n  concurrency: -1\n", "tips.concurrency"),
])
def test_out_of_range_numbers_are_refused(tmp_path, text, key):
    user = tmp_path / "range.yaml"
    user.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(user, env={})
    assert f"{user}:2" in str(err.value) and key in str(err.value) and "out of range" in str(err.value)


def test_every_error_of_a_file_is_reported_at_once(tmp_path):
    user = tmp_path / "three.yaml"
    user.write_text("search:\n  limit: 0\n  limt: 3\ntelegram:\n  mode: pigeon\n", "utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(user, env={})
    message = str(err.value)
    assert message.startswith("3 problems in the configuration")
    assert f"{user}:2" in message and f"{user}:3" in message and f"{user}:5" in message
