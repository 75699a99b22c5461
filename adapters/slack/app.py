"""Builds the bolt App: one workspace (bot token) or several (OAuth install flow), request
verification with the signing secret, retry de-duplication, listeners and the error handler."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient

from adapters.slack import clients
from adapters.slack.handlers import SlackHandlers
from bot.runtime import Runtime
from bot.state.dedupe import SeenRequests

# Answers are CPU-bound (search, dense retrieval): more workers than cores only make them compete
# with the acknowledgements, which Slack needs within 3 seconds; and they run at a lower priority
# (Linux: a nice value per thread), so that a burst of slash commands is acknowledged first.
ANSWER_WORKERS = max(2, min(8, os.cpu_count() or 2))
ANSWER_NICENESS = 5
log = logging.getLogger("adapters.slack")


def uses_oauth(runtime: Runtime) -> bool:
    """OAuth (several workspaces) when client id and secret are set and no single bot token is."""
    s = runtime.settings.secrets
    return bool(s.slack_client_id and s.slack_client_secret and not s.slack_bot_token)


def oauth_settings(runtime: Runtime) -> OAuthSettings:
    """Install at /slack/install, Slack redirects to /slack/oauth_redirect; stores in data_dir."""
    settings = runtime.settings
    return OAuthSettings(
        client_id=settings.secrets.slack_client_id, client_secret=settings.secrets.slack_client_secret,
        scopes=list(settings.slack.scopes), installation_store=clients.installation_store(settings),
        state_store=clients.state_store(settings), install_path=clients.INSTALL_PATH,
        redirect_uri_path=clients.REDIRECT_PATH)


def build_app(runtime: Runtime, client: WebClient | None = None, signing_secret: str | None = None,
              process_before_response: bool = False, oauth: bool | None = None) -> App:
    """The bolt App with nfpbot's listeners.

    Args:
        client: a WebClient (tests point it at a fake); default: `slack.api_url`, the bot token
            (not with OAuth) and retry handlers for 429, 5xx and connection errors.
        signing_secret: default SLACK_SIGNING_SECRET; without one, requests are not verified
            (only acceptable in Socket Mode, where Slack authenticates the socket instead).
        process_before_response: run answers before responding (tests, FaaS); keep False in
            production so Slack gets its acknowledgement within 3 seconds.
        oauth: the install flow for several workspaces; default: `uses_oauth(runtime)`.
    """
    settings = runtime.settings
    secret = settings.secrets.slack_signing_secret if signing_secret is None else signing_secret
    oauth = uses_oauth(runtime) if oauth is None else oauth
    if client is None:
        token = None if oauth else settings.secrets.slack_bot_token
        client = clients.make_client(settings, token)
    app = App(client=client, oauth_settings=oauth_settings(runtime) if oauth else None,
              signing_secret=secret or "", request_verification_enabled=bool(secret),
              process_before_response=process_before_response, logger=log, name="nfpbot")
    pool = None if process_before_response else ThreadPoolExecutor(
        ANSWER_WORKERS, "nfp-answer", initializer=_yield_to_acknowledgements)
    SlackHandlers(runtime, pool, SeenRequests(runtime.state)).register(app)
    return app


def _yield_to_acknowledgements() -> None:
    """Lower this answer thread's CPU priority (Linux only: elsewhere the id is no thread's)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), ANSWER_NICENESS)
