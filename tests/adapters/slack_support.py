"""Shared helpers of the Slack adapter tests: requests signed exactly as Slack signs them
(v0:timestamp:body, HMAC-SHA256 with the signing secret), payload builders, and fixtures for a
real runtime, the fake Slack Web API and the real bolt App (inline or behind the real HTTP server).
"""

from __future__ import annotations

import itertools
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fakes.slack_api import FakeSlack  # tests/ is on sys.path (rootdir conftest)
from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from adapters.slack import build_app
from adapters.slack.clients import retry_handlers
from adapters.slack.http_server import make_server, start_in_thread
from bot.answer.engine import Engine
from bot.commands import Commands
from bot.foundation.config import Settings
from bot.report.feedback import Feedback
from bot.runtime import STATE_FILE, Runtime
from bot.state import connect_state

SECRET = "test-signing-secret"
TEAM, CHANNEL, USER = "T0FAKE", "C0CHAN", "U0ASKER"


def runtime_for(settings: Settings, engine: Engine, data_dir: Path) -> Runtime:
    """A real Runtime over the session's engine, with its own state file."""
    state = connect_state(data_dir / STATE_FILE)
    return Runtime(settings, engine, state, Commands(engine, state, settings.tips), Feedback(state))


def fake_client(fake: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake.url, retry_handlers=retry_handlers())


# -- signed requests ------------------------------------------------------------------------------

def sign(body: str, secret: str = SECRET, timestamp: int | None = None,
         content_type: str = "application/x-www-form-urlencoded") -> dict[str, str]:
    """The headers Slack sends: X-Slack-Request-Timestamp and X-Slack-Signature (v0=...)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"content-type": content_type, "x-slack-request-timestamp": ts,
            "x-slack-signature": signature}


_triggers = itertools.count(1)


def slash(text: str, response_url: str, user: str = USER, channel: str = CHANNEL,
          command: str = "/nfp", trigger_id: str | None = None) -> str:
    """A slash command's form body; each gets its own trigger_id, as Slack gives them."""
    trigger_id = trigger_id or f"{time.time_ns()}.{next(_triggers)}"
    return urlencode({"token": "legacy", "team_id": TEAM, "team_domain": "fake", "channel_id": channel,
                      "channel_name": "general", "user_id": user, "user_name": "asker",
                      "command": command, "text": text, "api_app_id": "A0FAKE",
                      "response_url": response_url, "trigger_id": trigger_id})


def event(inner: dict, event_id: str = "Ev001") -> str:
    return json.dumps({"token": "legacy", "team_id": TEAM, "api_app_id": "A0FAKE",
                       "type": "event_callback", "event_id": event_id, "event_time": int(time.time()),
                       "authorizations": [{"team_id": TEAM, "user_id": FakeSlack.bot_user_id,
                                           "is_bot": True}],
                       "event": inner})


def mention(text: str, ts: str = "1700000000.000100", user: str = USER) -> dict:
    return {"type": "app_mention", "user": user, "text": text, "ts": ts, "channel": CHANNEL,
            "event_ts": ts}


def direct(text: str, ts: str = "1700000000.000200", **extra: object) -> dict:
    return {"type": "message", "channel_type": "im", "user": USER, "text": text, "ts": ts,
            "channel": "D0DIRECT", "event_ts": ts, **extra}


def block_action(action: dict, response_url: str, user: str = USER) -> str:
    payload = {"type": "block_actions", "team": {"id": TEAM, "domain": "fake"},
               "user": {"id": user, "team_id": TEAM}, "api_app_id": "A0FAKE", "token": "legacy",
               "container": {"type": "message", "message_ts": "1.1", "channel_id": CHANNEL,
                             "is_ephemeral": True},
               "channel": {"id": CHANNEL, "name": "general"}, "trigger_id": "1.2.3",
               "response_url": response_url, "actions": [dict(action, block_id="nfp_actions",
                                                              type="button", action_ts="1.2")]}
    return urlencode({"payload": json.dumps(payload)})


def dispatch(app: App, body: str, headers: dict[str, str] | None = None, **sign_args: object) -> BoltResponse:
    """Through bolt's real dispatch, signature verification included."""
    content_type = "application/json" if body.startswith("{") else "application/x-www-form-urlencoded"
    return app.dispatch(BoltRequest(body=body, headers=headers or sign(body, content_type=content_type,
                                                                        **sign_args)))  # type: ignore[arg-type]


def post(url: str, body: str, headers: dict[str, str] | None = None, **sign_args: object) -> tuple[int, str]:
    """Over real HTTP; returns (status, body)."""
    content_type = "application/json" if body.startswith("{") else "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=body.encode("utf-8"), method="POST",
                                     headers=headers or sign(body, content_type=content_type, **sign_args))
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def buttons_of(message: dict) -> dict[str, dict]:
    """action_id -> button element of a message's actions block."""
    return {e["action_id"]: e for b in message.get("blocks", []) if b["type"] == "actions"
            for e in b["elements"]}


def all_text(message: dict) -> str:
    """Every text of a message's blocks, joined (for assertions)."""
    out = [message.get("text", "")]
    for block in message.get("blocks", []):
        if "text" in block:
            out.append(block["text"]["text"])
        for element in block.get("elements", []):
            text = element.get("text")
            out.append(text["text"] if isinstance(text, dict) else str(text or ""))
    return "\n".join(out)


# -- fixtures -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def slack_runtime(settings: Settings, engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    return runtime_for(settings, engine, tmp_path_factory.mktemp("slack-state"))


@pytest.fixture()
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


@pytest.fixture()
def app(slack_runtime: Runtime, fake: FakeSlack) -> App:
    """The real bolt App, answering inline (process_before_response=True, STYLE.md 6.8)."""
    return build_app(slack_runtime, client=fake_client(fake), signing_secret=SECRET,
                     process_before_response=True)


@dataclass
class Served:
    url: str          # http://127.0.0.1:PORT/slack/events
    app: App


@pytest.fixture()
def served(slack_runtime: Runtime, fake: FakeSlack) -> Iterator[Served]:
    """The production setting (acknowledge first, answer on the pool) behind the real HTTP server."""
    app = build_app(slack_runtime, client=fake_client(fake), signing_secret=SECRET)
    server = make_server(app, "127.0.0.1", 0, SECRET)
    start_in_thread(server)
    try:
        yield Served(f"http://127.0.0.1:{server.server_address[1]}/slack/events", app)
    finally:
        server.shutdown()
        server.server_close()
