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
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.asgi import SlackRequestHandler
from slack_bolt.adapter.asgi.http_request import AsgiHttpRequest

from adapters.asgi_request import (
    Disconnected,
    Limits,
    Message,
    Receive,
    Refused,
    Scope,
    Send,
    Started,
    check_length,
    header_map,
    plain,
    read_body,
)
from adapters.slack.clients import EVENTS_PATH

log = logging.getLogger(__name__)
SIGNATURE_WINDOW = 300        # seconds: Slack's documented replay window
PARSE_ERRORS = (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError)


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
        started = Started(send)
        try:
            body = await self._admit(scope, receive)
            await super().__call__(scope, _replay(body), started)
        except Refused as refusal:
            await plain(started, refusal.status, refusal.reason, close=True)
        except Disconnected:
            return
        except Exception:  # noqa: BLE001 - the one catch-all of HTTP mode: log, answer 500
            log.exception("Slack HTTP request %s %s failed", scope.get("method"), scope.get("path"))
            if not started.done:
                await plain(started, 500, "Internal Server Error", close=True)

    # -- checks before bolt sees the request ----------------------------------------------------

    async def _admit(self, scope: Scope, receive: Receive) -> bytes:
        """The body of an acceptable request (b"" for the OAuth pages); raises Refused."""
        method, path = scope["method"], scope["path"]
        flow = self.app.oauth_flow
        if flow is not None and path in (flow.install_path, flow.redirect_uri_path):
            if method != "GET":
                raise Refused(405, "Method Not Allowed")
            return b""
        if path != self.path:
            raise Refused(404, "Not Found")
        if method != "POST":
            raise Refused(405, "Method Not Allowed")
        headers = header_map(scope)
        check_length(headers, self.limits)
        timestamp, signature = self._signed_headers(headers)
        body = await read_body(receive, self.limits)
        if not self._signature_matches(timestamp, body, signature):
            raise Refused(401, "Unauthorized")
        return body

    def _signed_headers(self, headers: dict[bytes, bytes]) -> tuple[bytes, bytes]:
        """Timestamp and signature, when present, numeric and fresh; else 401."""
        timestamp = headers.get(b"x-slack-request-timestamp", b"")
        signature = headers.get(b"x-slack-signature", b"")
        if not (timestamp.isdigit() and len(timestamp) <= 12 and signature.startswith(b"v0=")):
            raise Refused(401, "Unauthorized")
        if abs(time.time() - int(timestamp)) > SIGNATURE_WINDOW:
            raise Refused(401, "Unauthorized")
        return timestamp, signature

    def _signature_matches(self, timestamp: bytes, body: bytes, signature: bytes) -> bool:
        """Slack's v0 signature, computed on the bytes received (so a body that is not UTF-8
        is simply unsigned, never an error)."""
        digest = hmac.new(self.secret, b"v0:" + timestamp + b":" + body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(b"v0=" + digest.encode("ascii"), signature)

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
            raise Refused(400, "Bad Request") from None
        if not isinstance(bolt_request.body, dict):
            raise Refused(400, "Bad Request")
        return bolt_request

    async def _run(self, call: Callable[[BoltRequest], BoltResponse],
                   request: BoltRequest) -> BoltResponse:
        return await asyncio.get_running_loop().run_in_executor(self.executor, call, request)


def _replay(body: bytes) -> Receive:
    """A `receive` that hands bolt's adapter the body already read."""
    async def receive() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}
    return receive


__all__ = ["Limits", "SlackHttpApp"]
