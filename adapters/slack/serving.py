"""`nfpbot serve slack`: Socket Mode by default (an outgoing websocket, no public URL), or HTTP
mode at /slack/events with `--http`; either fails at start, with the fix, when a secret is missing."""

from __future__ import annotations

import importlib.util
import logging
import threading

from adapters.slack import clients
from adapters.slack.app import build_app, uses_oauth
from adapters.slack.http_server import make_server
from bot.foundation.config import Secrets
from bot.foundation.errors import ConfigError
from bot.runtime import Runtime

log = logging.getLogger(__name__)
DOCS = "docs/slack.md"


def check_secrets(secrets: Secrets, http: bool) -> None:
    """Raise ConfigError naming the missing secret and how to get it."""
    if http:
        if not secrets.slack_signing_secret:
            raise ConfigError("SLACK_SIGNING_SECRET is not set; HTTP mode must verify Slack's "
                              "requests. Fix: copy it from your app's Basic Information page "
                              f"(App Credentials) and export SLACK_SIGNING_SECRET=... (see {DOCS}).")
        if not secrets.slack_bot_token and not (secrets.slack_client_id and secrets.slack_client_secret):
            raise ConfigError("no Slack credentials. Fix: export SLACK_BOT_TOKEN=xoxb-... (one "
                              "workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (the OAuth install "
                              f"flow for several workspaces). See {DOCS}.")
        return
    if not secrets.slack_app_token or not secrets.slack_app_token.startswith("xapp-"):
        raise ConfigError("SLACK_APP_TOKEN (xapp-...) is not set; Socket Mode needs an app-level token "
                          "with the connections:write scope. Fix: create one under Basic Information > "
                          "App-Level Tokens and export SLACK_APP_TOKEN=xapp-..., or serve HTTP mode with "
                          f"`nfpbot serve slack --http` (see {DOCS}).")
    if not secrets.slack_bot_token:
        raise ConfigError("SLACK_BOT_TOKEN (xoxb-...) is not set; Socket Mode serves the workspace the "
                          "app is installed in. Fix: install the app and export its Bot User OAuth Token "
                          "(OAuth & Permissions page); for several workspaces use `nfpbot serve slack "
                          f"--http` with SLACK_CLIENT_ID/SLACK_CLIENT_SECRET (see {DOCS}).")


def serve(runtime: Runtime, http: bool = False, port: int | None = None) -> None:
    """Run the Slack adapter until interrupted."""
    settings = runtime.settings
    check_secrets(settings.secrets, http)
    app = build_app(runtime)
    store = clients.installation_store(settings) if uses_oauth(runtime) else None
    start_tips(runtime, clients.client_for_team(settings, store))
    if http:
        server = make_server(app, settings.slack.http_host, port or settings.slack.http_port,
                             settings.secrets.slack_signing_secret or "")
        log.info("Slack HTTP mode on %s", server.url)
        runtime.health.register("slack", lambda: True)   # serving requests is being up
        try:
            server.serve_forever(handle_signals=threading.current_thread() is threading.main_thread())
        finally:
            server.server_close()
        return
    from slack_bolt.adapter.socket_mode.builtin import SocketModeHandler
    log.info("Slack Socket Mode: connecting")
    handler = SocketModeHandler(app, settings.secrets.slack_app_token)
    runtime.health.register("slack", handler.client.is_connected)
    handler.start()


def start_tips(runtime: Runtime, client_for_team: clients.ClientForTeam) -> None:
    """Start the daily-tip sender of adapters/slack/tips.py, if that module offers one."""
    if importlib.util.find_spec("adapters.slack.tips") is None:
        return
    from adapters.slack import tips
    start = getattr(tips, "start_tips", None)
    if start is not None:
        start(runtime, client_for_team)
