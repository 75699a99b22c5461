"""Settings: defaults, user file, environment; errors name the key, the file (and line) and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_settings
from bot.errors import ConfigError


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
