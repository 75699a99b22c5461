"""Slack HTTP mode against hostile clients, over raw sockets on loopback: idle and half-open
connections are dropped, bodies are limited before they are read, malformed requests get 400,
unsigned or badly signed ones 401, wrong paths 404 unread; never a traceback in a response and
never an error or exception in the log.

The server is the production one (hypercorn, bolt's ASGI adapter behind adapters/slack/http_app.py)
with short timeouts and a small body limit, so that each case takes about a second at most.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fakes.slack_api import FakeSlack
from slack_support import SECRET, event, fake_client, mention, slack_runtime, slash  # noqa: F401

from adapters.slack import build_app
from adapters.slack.http_app import Limits
from adapters.slack.http_server import Timeouts, make_server, start_in_thread

MAX_BODY = 20_000
IDLE = 1.0


@dataclass
class Hostile:
    port: int
    fake: FakeSlack


@pytest.fixture(scope="module")
def hostile(slack_runtime) -> Iterator[Hostile]:  # noqa: F811
    with FakeSlack() as fake:
        app = build_app(slack_runtime, client=fake_client(fake), signing_secret=SECRET)
        server = make_server(app, "127.0.0.1", 0, SECRET, limits=Limits(max_body=MAX_BODY, body_seconds=1),
                             timeouts=Timeouts(idle=IDLE, read=1, graceful=1))
        start_in_thread(server)
        try:
            yield Hostile(server.server_address[1], fake)
        finally:
            server.shutdown()
            server.server_close()


@pytest.fixture(autouse=True)
def no_errors_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Whatever a client sends, the log holds no error and no traceback."""
    caplog.set_level(logging.DEBUG)
    yield
    bad = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not bad, [f"{r.name}: {r.getMessage()}" for r in bad]


def connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def exchange(port: int, data: bytes, wait: float = 5.0) -> tuple[int, bytes]:
    """Send `data`, read until the server closes or `wait` passes; (status, whole response)."""
    with connect(port) as sock:
        sock.sendall(data)
        response = read_until_closed(sock, wait)
    assert b"Traceback" not in response and b"File \"" not in response
    status = int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/1.1 ") else 0
    return status, response


def read_until_closed(sock: socket.socket, wait: float) -> bytes:
    sock.settimeout(wait)
    chunks = []
    try:
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    except TimeoutError:
        chunks.append(b"<still open>")
    except ConnectionResetError:
        pass
    return b"".join(chunks)


def signed_head(body: bytes, path: str = "/slack/events", timestamp: str | None = None,
                content_type: str = "application/x-www-form-urlencoded",
                length: str | None = None, secret: str = SECRET) -> bytes:
    """A request head signed over the raw body bytes, as Slack signs."""
    ts = timestamp if timestamp is not None else str(int(time.time()))
    digest = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    return (f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {length if length is not None else len(body)}\r\n"
            f"X-Slack-Request-Timestamp: {ts}\r\nX-Slack-Signature: v0={digest}\r\n"
            "Connection: close\r\n\r\n").encode()


def test_a_signed_slash_command_still_works_over_raw_http(hostile: Hostile) -> None:
    body = slash("themes", hostile.fake.response_url("raw")).encode()
    status, response = exchange(hostile.port, signed_head(body) + body, wait=2)
    assert status == 200
    (answer,) = hostile.fake.wait_for("response_url")
    assert answer.response_id == "raw"
    hostile.fake.reset()


def test_idle_and_half_open_connections_are_dropped(hostile: Hostile) -> None:
    """Connections that send nothing, half a request line or half the headers are closed after
    the idle timeout, all of them, although the client never closes its side."""
    socks = [connect(hostile.port) for _ in range(30)]
    for n, sock in enumerate(socks):
        sock.sendall([b"", b"POST /slack/ev", b"POST /slack/events HTTP/1.1\r\nHost: x\r\n"][n % 3])
    started = time.monotonic()
    for sock in socks:
        assert read_until_closed(sock, wait=IDLE + 4) == b""   # closed by the server, no reply
        sock.close()
    assert time.monotonic() - started < IDLE + 4


def test_headers_trickled_byte_by_byte_do_not_keep_a_connection(hostile: Hostile) -> None:
    head = b"POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Slack-Signature: v0=" + b"a" * 100
    with connect(hostile.port) as sock:
        started = time.monotonic()
        try:
            for byte in head:
                sock.sendall(bytes([byte]))
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            pass
        assert read_until_closed(sock, wait=3) == b""
        assert time.monotonic() - started < IDLE + 3


@pytest.mark.parametrize("length", ["abc", "-5", "1e11", "12, 13", " "])
def test_invalid_content_length_is_400(hostile: Hostile, length: str) -> None:
    body = slash("themes", hostile.fake.response_url("cl")).encode()
    status, _ = exchange(hostile.port, signed_head(body, length=length) + body)
    assert status == 400


@pytest.mark.parametrize("path", ["/slack/events", "/elsewhere"])
def test_huge_content_length_is_refused_without_reading_the_body(hostile: Hostile, path: str) -> None:
    """Only the head is sent: the answer comes at once, so the server did not wait for a body."""
    head = signed_head(b"", path=path, length=str(10**11))
    started = time.monotonic()
    status, response = exchange(hostile.port, head, wait=3)
    assert status == (413 if path == "/slack/events" else 404)
    assert b"<still open>" not in response and time.monotonic() - started < 1.5


def test_wrong_path_and_method(hostile: Hostile) -> None:
    body = b"x" * 1000
    assert exchange(hostile.port, signed_head(body, path="/slack/events/../admin") + body)[0] == 404
    assert exchange(hostile.port, b"GET /slack/events HTTP/1.1\r\nHost: x\r\n\r\n")[0] == 405
    assert exchange(hostile.port, b"GET /slack/install HTTP/1.1\r\nHost: x\r\n\r\n")[0] == 404   # no OAuth
    assert exchange(hostile.port, b"PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n")[0] == 404


def test_a_chunked_body_above_the_limit_is_413(hostile: Hostile) -> None:
    head = signed_head(b"", length="0").replace(b"Content-Length: 0\r\n",
                                                b"Transfer-Encoding: chunked\r\n")
    chunk = b"x" * 8000
    data = head + b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(4)) + b"0\r\n\r\n"
    assert exchange(hostile.port, data)[0] == 413


@pytest.mark.parametrize("timestamp", ["abc", "1e9", "-1", "", "١٢٣", "99999999999999999999"])
def test_a_timestamp_that_is_no_recent_number_is_401(hostile: Hostile, timestamp: str) -> None:
    body = slash("themes", hostile.fake.response_url("ts")).encode()
    head = signed_head(body, timestamp=timestamp)
    status, _ = exchange(hostile.port, head + body)
    assert status == 401


def test_unsigned_and_badly_signed_are_401_before_parsing(hostile: Hostile) -> None:
    """Malformed bodies without a valid signature are not parsed at all: 401, not 400 or 500."""
    for body in (b"payload=%7Bnot-json", b"\xff\xfe\x00garbage", b"{", b"payload=[1]"):
        assert exchange(hostile.port, signed_head(body, secret="forged") + body)[0] == 401
        unsigned = (b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s"
                    % (len(body), body))
        assert exchange(hostile.port, unsigned)[0] == 401
    head = signed_head(b"text=hi").replace(b"X-Slack-Signature: v0=", b"X-Slack-Signature: v0=\xff")
    assert exchange(hostile.port, head + b"text=hi")[0] == 401   # a signature that is not ASCII


@pytest.mark.parametrize("body,content_type", [
    (b"\xff\xfe command=/nfp&text=\xc3", "application/x-www-form-urlencoded"),   # not UTF-8
    (b"payload=%7Bnot-json", "application/x-www-form-urlencoded"),
    (b"payload=%5B1%2C2%5D", "application/x-www-form-urlencoded"),                # a JSON list
    (b"payload=%7B%22authorizations%22%3A%22x%22%7D", "application/x-www-form-urlencoded"),
    (b"[1, 2]", "application/json"),
    (b"{\"event\": ", "application/json"),
    (b"\"just a string\"", "application/json"),
    (b"{" * 100_00, "application/json"),
])
def test_signed_but_malformed_bodies_are_400(hostile: Hostile, body: bytes, content_type: str) -> None:
    status, response = exchange(hostile.port, signed_head(body, content_type=content_type) + body)
    assert status == 400, response[:300]


def test_a_body_that_never_arrives_is_given_up(hostile: Hostile) -> None:
    body = slash("themes", hostile.fake.response_url("slow")).encode()
    started = time.monotonic()
    status, response = exchange(hostile.port, signed_head(body) + body[:10], wait=5)
    assert status in (0, 408) and b"<still open>" not in response
    assert time.monotonic() - started < 4


def test_garbage_and_oversized_heads_are_400_or_431(hostile: Hostile) -> None:
    assert exchange(hostile.port, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 50)[0] in (0, 400)
    assert exchange(hostile.port, b"GARBAGE\r\n\r\n")[0] == 400
    big = b"POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 200_000 + b"\r\n\r\n"
    assert exchange(hostile.port, big)[0] in (400, 431)


def test_odd_but_valid_requests_are_still_answered(hostile: Hostile) -> None:
    """A header value that is not UTF-8, and a mention whose JSON holds a lone-surrogate escape
    next to Chinese (it decodes to a str no UTF-8 encoder takes): acknowledged and answered."""
    body = event(mention("<@UBOTFAKE> \ud800 乌干达"), "EvOdd").encode()
    assert b"\\ud800" in body
    head = signed_head(body, content_type="application/json").replace(
        b"Host: localhost", b"Host: localhost\r\nX-Odd: \xe9\xff")
    assert exchange(hostile.port, head + body, wait=2)[0] == 200
    (reply,) = hostile.fake.wait_for("chat.postMessage")
    assert "乌干达" in json.dumps(reply.params, ensure_ascii=False)
    hostile.fake.reset()
