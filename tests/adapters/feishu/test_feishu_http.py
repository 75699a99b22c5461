"""Feishu's HTTP event-callback mode (Lark tenants without the long connection) behind the real
hypercorn server: the url_verification challenge is answered; an encrypted, signed event is
decrypted and answered by the SDK's own dispatcher; a wrong verification token, a wrong signature
or a missing one is 401; the shared hostile-client limits hold (wrong path, oversized body)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fakes.feishu_api import FakeFeishu
from fakes.feishu_events import callback_request, message_event
from feishu_support import feishu_settings, new_chat

from adapters.asgi_request import Limits
from adapters.asgi_serving import start_in_thread
from adapters.feishu.serving import build_handlers, make_api, make_http_server
from bot.answer.engine import Engine
from bot.runtime import Runtime

TOKEN = "verification-token-0123456789"
KEY = "encrypt-key-abcdefghij0123456789"


@pytest.fixture(scope="module")
def endpoint(feishu_fake: FakeFeishu, engine: Engine,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("feishu-http")
    settings = feishu_settings(data, feishu_fake.url, FEISHU_VERIFICATION_TOKEN=TOKEN,
                               FEISHU_ENCRYPT_KEY=KEY, NFPBOT_FEISHU__MODE="http")
    runtime = Runtime.assemble(settings, engine, Path(data) / "state.sqlite3")
    handlers = build_handlers(runtime, make_api(settings), pool=False)
    server = make_http_server(runtime, handlers, "127.0.0.1", 0, Limits(max_body=20_000))
    start_in_thread(server, "feishu-http")
    yield server.url
    server.shutdown()
    server.server_close()


def post(url: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(url, content=body, headers=headers, timeout=20)


def test_the_url_verification_challenge_is_answered(endpoint: str) -> None:
    challenge = {"challenge": "ajls384kdjx98XX", "token": TOKEN, "type": "url_verification"}
    reply = post(endpoint, *callback_request(challenge, KEY))
    assert reply.status_code == 200 and reply.json() == {"challenge": "ajls384kdjx98XX"}
    wrong = post(endpoint, *callback_request(challenge | {"token": "guessed"}, KEY))
    assert wrong.status_code == 401 and "guessed" not in wrong.text


def test_an_encrypted_signed_event_is_answered(endpoint: str, feishu_fake: FakeFeishu) -> None:
    chat = new_chat()
    event = message_event("What is CONABIO?", chat_id=chat)
    event["header"]["token"] = TOKEN
    reply = post(endpoint, *callback_request(event, KEY))
    assert reply.status_code == 200, reply.text
    message_id = event["event"]["message"]["message_id"]
    deadline = time.monotonic() + 10
    while not [m for m in feishu_fake.sent() if m["reply_to"] == message_id]:
        assert time.monotonic() < deadline, "no reply"
        time.sleep(0.02)
    # the same delivery again (Feishu retries when it saw no 200 in time): not answered twice
    assert post(endpoint, *callback_request(event, KEY)).status_code == 200
    assert len([m for m in feishu_fake.sent() if m["reply_to"] == message_id]) == 1


def test_a_bad_token_or_signature_is_refused(endpoint: str, feishu_fake: FakeFeishu) -> None:
    event = message_event("What is CONABIO?", chat_id=new_chat())
    event["header"]["token"] = "not-the-token"
    assert post(endpoint, *callback_request(event, KEY)).status_code == 401
    event["header"]["token"] = TOKEN
    body, headers = callback_request(event, KEY)
    assert post(endpoint, body, headers | {"X-Lark-Signature": "0" * 64}).status_code == 401
    unsigned = {k: v for k, v in headers.items() if not k.startswith("X-Lark")}
    assert post(endpoint, body, unsigned).status_code == 401
    assert post(endpoint, *callback_request(event, "another-key-0123456789")).status_code == 401
    plain = post(endpoint, *callback_request(event))   # not encrypted, so not signed either
    assert plain.status_code == 401
    message_id = event["event"]["message"]["message_id"]
    time.sleep(0.2)
    assert not [m for m in feishu_fake.sent() if m["reply_to"] == message_id]


def test_hostile_requests_are_refused_before_the_sdk(endpoint: str) -> None:
    base = endpoint.rsplit("/feishu/events", 1)[0]
    assert httpx.post(base + "/other", content=b"{}").status_code == 404
    assert httpx.get(endpoint).status_code == 405
    assert post(endpoint, b"x" * 30_000, {"Content-Type": "application/json"}).status_code == 413
    assert post(endpoint, b"[1, 2]", {"Content-Type": "application/json"}).status_code == 400
    assert post(endpoint, b"\xff\xfe", {"Content-Type": "application/json"}).status_code == 400
    assert post(endpoint, json.dumps({"encrypt": "!!"}).encode(), {}).status_code == 401
