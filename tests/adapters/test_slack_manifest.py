"""The app manifest matches the configuration: scopes, slash command, events, Socket Mode."""

from __future__ import annotations

from bot.foundation.config import REPO_ROOT, Settings
from bot.foundation.yamlfile import load_yaml


def test_manifest_matches_config(settings: Settings) -> None:
    manifest = load_yaml(REPO_ROOT / "adapters" / "slack" / "manifest.yaml")
    assert manifest["oauth_config"]["scopes"]["bot"] == settings.slack.scopes
    assert manifest["features"]["slash_commands"][0]["command"] == settings.slack.command
    assert manifest["settings"]["event_subscriptions"]["bot_events"] == ["app_mention", "message.im"]
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["settings"]["socket_mode_enabled"] is True
