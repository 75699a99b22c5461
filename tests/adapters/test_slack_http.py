"""HTTP mode over real HTTP: the server `serve(..., http=True)` runs, on 127.0.0.1 port 0, with the
production setting (acknowledge first, answer afterwards), plus the OAuth install flow and the
start-up checks."""

from __future__ import annotations

import re
import threading
import time
import urllib.request
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fakes.slack_api import FakeSlack
from slack_support import (
    SECRET,
    TEAM,
    Served,
    all_text,
    block_action,
    buttons_of,
    event,
    fake_client,
    mention,
    post,
    slash,
)

from adapters.slack import build_app, buttons, serve
from adapters.slack.clients import installation_store
from adapters.slack.http_server import make_server, start_in_thread
from bot.foundation.config import Secrets, load_settings
from bot.foundation.errors import ConfigError
from bot.runtime import Runtime


def test_ack_comes_first_and_the_answer_follows_through_response_url(served: Served, fake: FakeSlack) -> None:
    gate = threading.Event()
    fake.on("response_url", lambda params: None if gate.wait(5) else None)   # holds the answer back
    status, body = post(served.url, slash("国家联络点如何合作？", fake.response_url("http1")))
    assert (status, body) == (200, "")          # acknowledged while the answer is still held
    assert not gate.is_set()
    gate.set()
    (answer,) = fake.wait_for("response_url")
    assert answer.response_id == "http1" and "《信息指南》" in all_text(answer.params)


def test_forged_and_stale_requests_are_refused_over_http(served: Served, fake: FakeSlack) -> None:
    body = slash("how do focal points cooperate?", fake.response_url("bad"))
    assert post(served.url, body, secret="forged")[0] == 401
    assert post(served.url, body, timestamp=int(time.time()) - 600)[0] == 401
    assert post(served.url, body, headers={"content-type": "application/x-www-form-urlencoded"})[0] == 401
    assert post(served.url.replace("/slack/events", "/elsewhere"), body)[0] == 404
    assert fake.calls_to("response_url") == []


def test_mention_and_button_over_http(served: Served, fake: FakeSlack) -> None:
    assert post(served.url, event(mention("<@UBOTFAKE> how do focal points cooperate?"), "EvH1"))[0] == 200
    (reply,) = fake.wait_for("chat.postMessage")
    assert reply.params["thread_ts"] == "1700000000.000100"
    vote = buttons_of(reply.params)[buttons.VOTE_UP]
    assert post(served.url, block_action(vote, fake.response_url("thanks")))[0] == 200
    (thanks,) = fake.wait_for("response_url")
    assert "Thank you" in all_text(thanks.params)


def test_oauth_install_flow_serves_several_workspaces(slack_runtime: Runtime, fake: FakeSlack,
                                                     tmp_path: Path) -> None:
    settings = load_settings(env={"NFPBOT_DATA_DIR": str(tmp_path), "SLACK_CLIENT_ID": "111.222",
                                  "SLACK_CLIENT_SECRET": "client-secret", "SLACK_SIGNING_SECRET": SECRET,
                                  "NFPBOT_SLACK__API_URL": fake.url})
    runtime = replace(slack_runtime, settings=settings)
    app = build_app(runtime, client=fake_client(fake).__class__(base_url=fake.url))
    server = make_server(app, "127.0.0.1", 0, SECRET)
    start_in_thread(server)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(f"{base}/slack/install", timeout=5) as page:
            html, cookie = page.read().decode(), page.headers["Set-Cookie"].split(";")[0]
        authorize = re.search(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', html).group(1)
        state = parse_qs(urlsplit(authorize.replace("&amp;", "&")).query)["state"][0]
        assert "scope=commands" in authorize
        request = urllib.request.Request(f"{base}/slack/oauth_redirect?code=c0de&state={state}",
                                         headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=5) as done:
            assert done.status == 200
        (exchange,) = fake.calls_to("oauth.v2.access")
        assert exchange.params["code"] == "c0de"
        bot = installation_store(settings).find_bot(enterprise_id=None, team_id=TEAM)
        assert bot is not None and bot.bot_token == "xoxb-installed"
        assert post(f"{base}/slack/events", slash("tip", fake.response_url("oauth")))[0] == 200
        (answer,) = fake.wait_for("response_url")
        assert answer.response_id == "oauth" and answer.params["blocks"]
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(("http", "secrets", "needle"), [
    (True, Secrets(slack_bot_token="xoxb-1"), "SLACK_SIGNING_SECRET"),
    (True, Secrets(slack_signing_secret="s"), "SLACK_CLIENT_ID"),
    (False, Secrets(slack_bot_token="xoxb-1"), "SLACK_APP_TOKEN"),
    (False, Secrets(slack_app_token="xapp-1"), "SLACK_BOT_TOKEN"),
])
def test_start_up_fails_clearly_without_secrets(slack_runtime: Runtime, http: bool, secrets: Secrets,
                                                needle: str) -> None:
    runtime = replace(slack_runtime, settings=replace(slack_runtime.settings, secrets=secrets))
    with pytest.raises(ConfigError, match=needle) as info:
        serve(runtime, http=http)
    assert "Fix" in str(info.value) or "export" in str(info.value)
