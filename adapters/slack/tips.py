"""Daily tips on Slack: a checking thread, `send_tips_now`, and the sender mapping Slack API errors.

Why a thread with its own asyncio loop: bolt's `App` is synchronous and blocks its thread, while
the broadcast runner (bot/tips/broadcast.py) is async and shared with Telegram; the synchronous
WebClient call runs in a worker thread (`asyncio.to_thread`), a few channels at a time.
Chat ids are "TEAM:CHANNEL" when the workspace is known (several workspaces share the state file).
"""

from __future__ import annotations

import asyncio
import http.client
import logging
from collections.abc import Callable
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from adapters.slack.render import to_message
from bot.foundation.answers import Answer
from bot.foundation.errors import ConfigError
from bot.foundation.messages import Messages
from bot.runtime import Runtime
from bot.tips.broadcast import Clock, RetryPolicy, broadcast_due, utc_now
from bot.tips.checker import TipsLoop, start_checker
from bot.tips.delivery import Outcome
from bot.tips.subscriptions import Subscription

log = logging.getLogger(__name__)

PLATFORM = "slack"
# The channel (or the whole installation) is lost for good: unsubscribe it.
GONE = {"channel_not_found", "not_in_channel", "is_archived", "account_inactive",
        "token_revoked", "team_not_found", "team_access_not_granted"}
# Slack's own trouble: retry with backoff.
TRANSIENT = {"fatal_error", "internal_error", "service_unavailable", "request_timeout",
             "team_added_to_org"}
ClientFor = Callable[[str | None], WebClient]


def split_chat(chat_id: str) -> tuple[str | None, str]:
    """"T1:C1" -> ("T1", "C1"); "C1" -> (None, "C1")."""
    team, _, channel = chat_id.rpartition(":")
    return (team or None), channel


class SlackSender:
    """`send(sub, answer) -> Outcome` with chat.postMessage; Slack errors mapped to outcomes."""

    def __init__(self, client: WebClient | ClientFor, messages: Messages) -> None:
        self.client_for: ClientFor = (lambda team: client) if isinstance(client, WebClient) \
            else client
        self.messages = messages

    async def __call__(self, sub: Subscription, answer: Answer) -> Outcome:
        team, channel = split_chat(sub.chat_id)
        try:
            client = self.client_for(team)
        except LookupError as exc:  # the workspace uninstalled the app
            return Outcome.gone(str(exc))
        message = to_message(answer, self.messages, with_buttons=False)
        try:
            await asyncio.to_thread(client.chat_postMessage, channel=channel, text=message["text"],
                                    blocks=message["blocks"], unfurl_links=False,
                                    unfurl_media=False)
        except SlackApiError as exc:
            return outcome_of(exc)
        except (TimeoutError, URLError, ConnectionError, http.client.HTTPException) as exc:
            return Outcome.transient(f"{type(exc).__name__}: {exc}")
        return Outcome.sent()


def outcome_of(exc: SlackApiError) -> Outcome:
    """429 / ratelimited -> wait Retry-After; lost channels -> gone; 5xx -> transient."""
    response = exc.response
    error = str(response.get("error") or "") if response is not None else ""
    status = getattr(response, "status_code", 200)
    if status == 429 or error == "ratelimited":
        headers = {k.lower(): v for k, v in (getattr(response, "headers", None) or {}).items()}
        value = headers.get("retry-after", "1")
        try:
            seconds = float(value[0] if isinstance(value, list) else value)
        except ValueError:
            seconds = 1.0
        return Outcome.retry_after(seconds, error or "429")
    if error in GONE:
        return Outcome.gone(error)
    if status >= 500 or error in TRANSIENT:
        return Outcome.transient(error or f"HTTP {status}")
    return Outcome.failed(error or f"HTTP {status}")


def start_tips(runtime: Runtime, client: WebClient | ClientFor, clock: Clock = utc_now,
               policy: RetryPolicy | None = None, every: float | None = None) -> TipsLoop:
    """Check for due tips every `tips.check_seconds` in a daemon thread."""
    sender = SlackSender(client, runtime.engine.messages)
    return start_checker(runtime, PLATFORM, sender, clock, policy, every)


def default_client(runtime: Runtime) -> ClientFor:
    """The configured bot token, or the installations of every workspace (OAuth)."""
    from adapters.slack import clients
    settings = runtime.settings
    secrets = settings.secrets
    if secrets.slack_bot_token:
        return clients.client_for_team(settings, None)
    if secrets.slack_client_id and secrets.slack_client_secret:
        return clients.client_for_team(settings, clients.installation_store(settings))
    raise ConfigError("SLACK_BOT_TOKEN is not set. Fix: export SLACK_BOT_TOKEN=xoxb-... (or "
                      "SLACK_CLIENT_ID/SLACK_CLIENT_SECRET for OAuth installs) to send Slack tips.")


def send_tips_now(runtime: Runtime, client: WebClient | ClientFor | None = None,
                  clock: Clock = utc_now, policy: RetryPolicy | None = None) -> dict:
    """`nfpbot tips send-now slack`: deliver today's due tips once, then return the counts."""
    sender = SlackSender(client or default_client(runtime), runtime.engine.messages)
    report = asyncio.run(broadcast_due(runtime, PLATFORM, sender, clock=clock, policy=policy))
    return report.as_dict()
