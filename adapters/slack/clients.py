"""Slack Web API clients: retry handlers for 429/5xx/connection errors, the configurable base URL
(`slack.api_url`, so a test server can stand in) and, with OAuth, one client per workspace."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.oauth.installation_store.sqlite3 import SQLite3InstallationStore
from slack_sdk.oauth.state_store.sqlite3 import SQLite3OAuthStateStore

from bot.foundation.config import Settings
from bot.foundation.datadir import prepare_data_dir, private_file

OAUTH_DB = "slack-oauth.sqlite3"
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
EVENTS_PATH = "/slack/events"

ClientForTeam = Callable[[str | None], WebClient]


def retry_handlers() -> list:
    """Honour Retry-After on 429, retry 5xx and dropped connections a few times."""
    return [RateLimitErrorRetryHandler(max_retry_count=3), ServerErrorRetryHandler(max_retry_count=2),
            ConnectionErrorRetryHandler(max_retry_count=2)]


def make_client(settings: Settings, token: str | None = None) -> WebClient:
    """A WebClient on `slack.api_url` with the retry handlers."""
    return WebClient(token=token, base_url=settings.slack.api_url, retry_handlers=retry_handlers())


def oauth_database(settings: Settings) -> str:
    """The installations file (workspace bot tokens): in the 700 data dir, created 600."""
    prepare_data_dir(settings.data_dir)
    path = Path(settings.data_dir) / OAUTH_DB
    private_file(path)
    return str(path)


def installation_store(settings: Settings) -> SQLite3InstallationStore:
    """Installations of every workspace (their bot tokens), in the data directory."""
    return SQLite3InstallationStore(database=oauth_database(settings),
                                    client_id=settings.secrets.slack_client_id or "")


def state_store(settings: Settings) -> SQLite3OAuthStateStore:
    """One-time OAuth `state` values (CSRF protection of the install flow), valid ten minutes."""
    return SQLite3OAuthStateStore(database=oauth_database(settings), expiration_seconds=600)


def client_for_team(settings: Settings, store: SQLite3InstallationStore | None) -> ClientForTeam:
    """team id -> a client with that workspace's bot token (or the one configured token)."""

    def for_team(team_id: str | None) -> WebClient:
        token = settings.secrets.slack_bot_token
        if store is not None:
            bot = store.find_bot(enterprise_id=None, team_id=team_id)
            token = bot.bot_token if bot is not None else None
        if not token:
            raise LookupError(f"no Slack installation for workspace {team_id}")
        return make_client(settings, token)

    return for_team
