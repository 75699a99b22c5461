"""The web chat's defences over real HTTP and raw sockets: Origin checks, the feedback token,
the rate limit's 429 with a message, bodies refused unread, slow clients dropped, web.auth, the
headers that keep the page's script the only one, and no client address in the log."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from web_support import (
    ask,
    base_url,
    connect,
    page_token,
    read_until_closed,
    serving,
    web_runtime,
)

from adapters.asgi_request import Limits
from adapters.asgi_serving import AsgiServer, Timeouts
from adapters.web.app import WebApp
from bot.answer.engine import Engine
from bot.foundation.config import Secrets, Settings
from bot.foundation.errors import ConfigError
from bot.foundation.redaction import RedactSecrets, secret_values

ALLOWED = "https://www.secretariat.example"
MAX_BODY = 2000
IDLE = 1.0


@pytest.fixture(scope="module")
def strict(settings: Settings, engine: Engine,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[AsgiServer]:
    """Three requests a minute per client, one allowed origin, a small body limit."""
    runtime = web_runtime(settings, engine, tmp_path_factory.mktemp("web") / "state.sqlite3",
                          requests_per_minute=3, allowed_origins=[ALLOWED],
                          client_ip_header="X-Forwarded-For")
    with serving(runtime, Limits(max_body=MAX_BODY, body_seconds=1),
                 Timeouts(idle=IDLE, read=30, graceful=1)) as server:
        yield server


def fresh(server: AsgiServer) -> httpx.Client:
    return httpx.Client(base_url=base_url(server), timeout=10)


def test_rate_limit_answers_429_with_a_message(strict: AsgiServer) -> None:
    me = {"x-forwarded-for": "203.0.113.7", "accept-language": "zh-CN,zh;q=0.9"}
    with fresh(strict) as client:
        for _ in range(3):
            assert client.get("/api/show/theme-1", headers=me).status_code == 200
        refused = client.get("/api/show/theme-1", headers=me)
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        assert "请等待" in refused.json()["error"]
        other = {"x-forwarded-for": "203.0.113.8"}   # another client is not held back
        assert client.get("/api/show/theme-1", headers=other).status_code == 200
        assert client.get("/", headers=me).status_code == 200   # the page itself is not limited


def test_cross_origin_posts_are_refused(strict: AsgiServer) -> None:
    with fresh(strict) as client:
        token = page_token(client)
        body = json.dumps({"question": "q", "item": None, "vote": 1})
        for origin in ("https://evil.example", "null", f"{ALLOWED}.evil.example"):
            headers = {"origin": origin, "content-type": "application/json",
                       "x-forwarded-for": f"198.51.100.{len(origin)}"}
            assert client.post("/api/ask", content='{"question": "hi"}',
                               headers=headers).status_code == 403
            assert client.post("/api/feedback", content=body, headers=headers).status_code == 403
            headers["x-csrf-token"] = token
            assert client.post("/api/feedback", content=body, headers=headers).status_code == 403


def test_feedback_without_token_is_refused_even_from_our_own_origin(strict: AsgiServer) -> None:
    with fresh(strict) as client:
        own = base_url(strict)
        headers = {"origin": own, "content-type": "application/json",
                   "x-forwarded-for": "198.51.100.77"}
        body = json.dumps({"question": "token test", "item": None, "vote": 1})
        assert client.post("/api/feedback", content=body, headers=headers).status_code == 403
        headers["x-csrf-token"] = page_token(client)
        assert client.post("/api/feedback", content=body, headers=headers).status_code == 200


def test_an_allowed_origin_gets_cors_and_a_token(strict: AsgiServer) -> None:
    with fresh(strict) as client:
        headers = {"origin": ALLOWED, "x-forwarded-for": "198.51.100.90"}
        preflight = client.options("/api/ask", headers={
            **headers, "access-control-request-method": "POST",
            "access-control-request-headers": "content-type"})
        assert preflight.status_code == 204
        assert preflight.headers["access-control-allow-origin"] == ALLOWED
        response = client.post("/api/ask", content='{"question": "What is a focal point?"}',
                               headers={**headers, "content-type": "application/json"})
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == ALLOWED
        assert "x-csrf-token" in response.headers["access-control-expose-headers"]
        assert response.headers["x-csrf-token"]


def test_the_page_runs_only_its_own_script(strict: AsgiServer, client: httpx.Client) -> None:
    page = client.get("/")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and page.headers["x-frame-options"] == "DENY"
    assert "<script>" not in page.text and "http" not in page.text.split("<body>")[1].replace(
        "https://www", "")   # no external resource (example URLs in the strings aside)
    with fresh(strict) as other:
        embeddable = other.get("/").headers
        assert f"frame-ancestors {ALLOWED}" in embeddable["content-security-policy"]
        assert "x-frame-options" not in embeddable
    widget = client.get("/widget.js")
    assert widget.headers["content-type"].startswith("text/javascript")
    for script in (widget.text, client.get("/chat.js").text):   # markup is never built from text
        assert not re.search(r"\.(inner|outer)HTML|insertAdjacentHTML|document\.write|eval\(",
                             script)


def test_oversized_bodies_are_refused_unread(strict: AsgiServer) -> None:
    port = strict.server_address[1]
    with connect(port) as sock:   # announces 10 MB and sends none of it
        sock.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 192.0.2.1\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n")
        started = time.monotonic()
        response = read_until_closed(sock, 5)
    assert response.startswith(b"HTTP/1.1 413"), response[:80]
    assert time.monotonic() - started < 1.0
    with connect(port) as sock:   # no length: chunks that grow past the limit
        sock.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 192.0.2.2\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"a" * 1500
        for _ in range(2):
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        response = read_until_closed(sock, 5)
    assert response.startswith(b"HTTP/1.1 413"), response[:80]


def test_slow_clients_are_dropped(strict: AsgiServer) -> None:
    port = strict.server_address[1]
    with connect(port) as sock:   # connects and says nothing
        started = time.monotonic()
        assert read_until_closed(sock, 5) == b""
        assert time.monotonic() - started < IDLE + 2
    with connect(port) as sock:   # trickles its headers
        started = time.monotonic()
        sock.sendall(b"GET / HTTP/1.1\r\n")
        time.sleep(IDLE / 2)
        sock.sendall(b"Host: x\r\n")
        read_until_closed(sock, 5)
        assert time.monotonic() - started < IDLE + 2
    with connect(port) as sock:   # announces a body and sends half of it
        sock.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 192.0.2.3\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"quest")
        response = read_until_closed(sock, 5)
    assert response.startswith(b"HTTP/1.1 408"), response[:80]


def test_basic_auth_from_the_environment(settings: Settings, engine: Engine,
                                         state_file: Path) -> None:
    with pytest.raises(ConfigError, match="NFPBOT_WEB_USER"):
        WebApp(web_runtime(settings, engine, state_file, auth="basic"))
    secrets = Secrets(nfpbot_web_user="officer", nfpbot_web_password="s3cret-words")
    runtime = web_runtime(settings, engine, state_file, secrets, auth="basic")
    with serving(runtime) as server, fresh(server) as client:
        refused = client.get("/")
        assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Basic")
        assert client.get("/", auth=("officer", "wrong")).status_code == 401
        assert client.get("/", auth=("officer", "s3cret-words")).status_code == 200
        assert client.get("/api/show/theme-1", auth=("officer", "s3cret-words")).status_code == 200


def test_header_auth_set_by_a_proxy(settings: Settings, engine: Engine, state_file: Path) -> None:
    runtime = web_runtime(settings, engine, state_file, auth="header", auth_header="X-Remote-User")
    with serving(runtime) as server, fresh(server) as client:
        assert client.get("/").status_code == 401
        signed_in = {"x-remote-user": "nfp-kenya"}
        page = client.get("/", headers=signed_in)
        assert page.status_code == 200
        token = page_token_of(page.text)
        body = json.dumps({"question": "header auth", "item": None, "vote": 1})
        headers = {**signed_in, "content-type": "application/json", "x-csrf-token": token}
        assert client.post("/api/feedback", content=body, headers=headers).status_code == 200
        other = {**headers, "x-remote-user": "someone-else"}   # a token is for its user alone
        assert client.post("/api/feedback", content=body, headers=other).status_code == 403


def page_token_of(html: str) -> str:
    return html.split('name="nfp-token" content="', 1)[1].split('"', 1)[0]


def test_no_client_address_in_the_log(settings: Settings, engine: Engine, state_file: Path,
                                      caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    runtime = web_runtime(settings, engine, state_file, client_ip_header="X-Real-IP",
                          requests_per_minute=2)
    with serving(runtime) as server, fresh(server) as client:
        headers = {"x-real-ip": "192.0.2.55"}
        statuses = [client.post("/api/ask", headers=headers,
                                content='{"question": "What is the Sourcebook?"}').status_code
                    for _ in range(3)]
        assert statuses == [200, 200, 429]
        assert ask(client, "x", conversation="bad id").status_code == 400   # another client
    ours = ("adapters", "bot", "hypercorn", "index")   # the client library logs its own URLs
    text = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(ours))
    assert "192.0.2.55" not in text   # (the server logs its own address, never a client's)


def test_the_web_password_is_masked_in_the_log() -> None:
    secrets = Secrets(nfpbot_web_user="officer", nfpbot_web_password="s3cret-words")
    redactor = RedactSecrets(secret_values(secrets, env={}))
    assert redactor.redact("basic auth with s3cret-words failed") == (
        "basic auth with [redacted NFPBOT_WEB_PASSWORD] failed")
