"""Slack's HTTP mode as an ASGI application: bolt's own ASGI adapter behind the checks it lacks.

bolt's `SlackRequestHandler` (slack_bolt.adapter.asgi) reads the whole body whatever its size,
decodes it as strict UTF-8 and parses it (`BoltRequest`) before the signature is checked, so a
hostile client can make it raise or fill memory. In front of it, without reading a byte of body:
a wrong path is 404 and a wrong method 405; a Content-Length above the limit is 413 (the server,
hypercorn with h11, already answers 400 to one that is not a number); a request without a numeric
X-Slack-Request-Timestamp within five minutes, or without a signature, is 401. Then the body is
read within the size and time limits and its signature checked on the raw bytes (401); only a
signed body is decoded and parsed (400 when it is not UTF-8 or not the JSON/form Slack sends).
bolt then verifies the signature again and dispatches. Its `App` is synchronous and waits for
`ack()`, so dispatch runs on a thread pool, never on the event loop. Nothing raised here reaches
the server: a failure is logged once and answered 500, with no traceback in the response.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.asgi import SlackRequestHandler
from slack_bolt.adapter.asgi.http_request import AsgiHttpRequest

from adapters.slack.clients import EVENTS_PATH

Scope = dict[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

log = logging.getLogger(__name__)
SIGNATURE_WINDOW = 300        # seconds: Slack's documented replay window
PARSE_ERRORS = (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError)


@dataclass(frozen=True, slots=True)
class Limits:
    """What one request may cost. Slack's payloads are a few kB and come at once."""

    max_body: int = 1_000_000       # bytes; more is 413 before reading
    body_seconds: float = 10.0      # to receive the whole body once the headers are in
    dispatch_threads: int = 32      # requests waiting for their listener's ack() at once


class _Refused(Exception):
    """Answer with `status` and `reason` (plain text, never a traceback)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


class _Disconnected(Exception):
    """The client went away before its request was complete: nothing to answer."""


class SlackHttpApp(SlackRequestHandler):
    """bolt's ASGI adapter for a synchronous `App`, made safe against any client."""

    def __init__(self, app: App, signing_secret: str, path: str = EVENTS_PATH,
                 limits: Limits | None = None, executor: Executor | None = None) -> None:
        if not signing_secret:
            raise ValueError("HTTP mode needs the signing secret to verify Slack's requests")
        super().__init__(app, path)
        self.secret = signing_secret.encode("utf-8")
        self.limits = limits or Limits()
        self._own_executor = executor is None
        self.executor = executor or ThreadPoolExecutor(self.limits.dispatch_threads, "slack-http")

    def close(self) -> None:
        """Release the dispatch threads (when this app made them)."""
        if self._own_executor:
            self.executor.shutdown(wait=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._handle_lifespan(receive, send)
            return
        if scope["type"] != "http":
            await send({"type": "websocket.close", "code": 1008})   # no websockets here
            return
        started = _Started(send)
        try:
            body = await self._admit(scope, receive)
            await super().__call__(scope, _replay(body), started)
        except _Refused as refusal:
            await _plain(started, refusal.status, refusal.reason, close=True)
        except _Disconnected:
            return
        except Exception:  # noqa: BLE001 - the one catch-all of HTTP mode: log, answer 500
            log.exception("Slack HTTP request %s %s failed", scope.get("method"), scope.get("path"))
            if not started.done:
                await _plain(started, 500, "Internal Server Error", close=True)

    # -- checks before bolt sees the request ----------------------------------------------------

    async def _admit(self, scope: Scope, receive: Receive) -> bytes:
        """The body of an acceptable request (b"" for the OAuth pages); raises _Refused."""
        method, path = scope["method"], scope["path"]
        flow = self.app.oauth_flow
        if flow is not None and path in (flow.install_path, flow.redirect_uri_path):
            if method != "GET":
                raise _Refused(405, "Method Not Allowed")
            return b""
        if path != self.path:
            raise _Refused(404, "Not Found")
        if method != "POST":
            raise _Refused(405, "Method Not Allowed")
        headers = _header_map(scope)
        length = headers.get(b"content-length")
        if length is not None and not length.isdigit():   # h11 answers 400 itself; HTTP/2 too
            raise _Refused(400, "Bad Request")
        if length is not None and int(length) > self.limits.max_body:
            raise _Refused(413, "Payload Too Large")
        timestamp, signature = self._signed_headers(headers)
        body = await self._read_body(receive)
        if not self._signature_matches(timestamp, body, signature):
            raise _Refused(401, "Unauthorized")
        return body

    def _signed_headers(self, headers: dict[bytes, bytes]) -> tuple[bytes, bytes]:
        """Timestamp and signature, when present, numeric and fresh; else 401."""
        timestamp = headers.get(b"x-slack-request-timestamp", b"")
        signature = headers.get(b"x-slack-signature", b"")
        if not (timestamp.isdigit() and len(timestamp) <= 12 and signature.startswith(b"v0=")):
            raise _Refused(401, "Unauthorized")
        if abs(time.time() - int(timestamp)) > SIGNATURE_WINDOW:
            raise _Refused(401, "Unauthorized")
        return timestamp, signature

    def _signature_matches(self, timestamp: bytes, body: bytes, signature: bytes) -> bool:
        """Slack's v0 signature, computed on the bytes received (so a body that is not UTF-8
        is simply unsigned, never an error)."""
        digest = hmac.new(self.secret, b"v0:" + timestamp + b":" + body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(b"v0=" + digest.encode("ascii"), signature)

    async def _read_body(self, receive: Receive) -> bytes:
        """The whole body, within the size and time limits."""
        chunks = bytearray()
        try:
            async with asyncio.timeout(self.limits.body_seconds):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        raise _Disconnected
                    chunks += message.get("body", b"")
                    if len(chunks) > self.limits.max_body:
                        raise _Refused(413, "Payload Too Large")
                    if not message.get("more_body", False):
                        return bytes(chunks)
        except TimeoutError:
            raise _Refused(408, "Request Timeout") from None

    # -- bolt's adapter, with parsing guarded and dispatch off the event loop ------------------

    async def dispatch(self, request: AsgiHttpRequest) -> BoltResponse:
        return await self._run(self.app.dispatch, await self._bolt_request(request))

    async def handle_installation(self, request: AsgiHttpRequest) -> BoltResponse:
        return await self._run(self.app.oauth_flow.handle_installation,  # type: ignore[union-attr]
                               await self._bolt_request(request))

    async def handle_callback(self, request: AsgiHttpRequest) -> BoltResponse:
        return await self._run(self.app.oauth_flow.handle_callback,  # type: ignore[union-attr]
                               await self._bolt_request(request))

    async def _bolt_request(self, request: AsgiHttpRequest) -> BoltRequest:
        """A parsed BoltRequest; 400 when the (signed) body is not what Slack sends."""
        raw = b""
        while True:
            message = await request.receive()
            raw += message.get("body", b"")
            if not message.get("more_body", False):
                break
        try:
            body = raw.decode("utf-8")
            values: dict[str, list[str]] = {}
            for name, value in request.raw_headers:
                values.setdefault(name.decode("latin-1"), []).append(value.decode("latin-1"))
            headers: dict[str, str | Sequence[str]] = dict(values)
            bolt_request = BoltRequest(body=body, query=request.query_string, headers=headers)
        except PARSE_ERRORS:
            raise _Refused(400, "Bad Request") from None
        if not isinstance(bolt_request.body, dict):
            raise _Refused(400, "Bad Request")
        return bolt_request

    async def _run(self, call: Callable[[BoltRequest], BoltResponse],
                   request: BoltRequest) -> BoltResponse:
        return await asyncio.get_running_loop().run_in_executor(self.executor, call, request)


class _Started:
    """`send` that remembers whether the response has started (so a late failure sends no
    second response)."""

    def __init__(self, send: Send) -> None:
        self.send, self.done = send, False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.done = True
        await self.send(message)


def _replay(body: bytes) -> Receive:
    """A `receive` that hands bolt's adapter the body already read."""
    async def receive() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}
    return receive


def _header_map(scope: Scope) -> dict[bytes, bytes]:
    return {name.lower(): value for name, value in scope.get("headers", [])}


async def _plain(send: Send, status: int, text: str, close: bool = False) -> None:
    body = text.encode("ascii")
    headers = [(b"content-type", b"text/plain; charset=utf-8"),
               (b"content-length", str(len(body)).encode("ascii"))]
    if close:
        headers.append((b"connection", b"close"))   # the body may be unread: do not reuse
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
