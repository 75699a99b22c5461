"""Feishu's HTTP event-callback mode as an ASGI application, served by the same hypercorn server
and limits as Slack's HTTP mode (adapters/asgi_serving.py, adapters/asgi_request.py).

For Lark tenants without the long connection, or deployments that prefer a request URL. In front
of the SDK, without reading a byte of body: a wrong path is 404, a wrong method 405, a
Content-Length above the limit 413. Then the body is read within the size and time limits and
must be a JSON object (400). The SDK's own `EventDispatcherHandler.do` then decrypts it with the
encrypt key, checks the verification token and the X-Lark-Signature, answers the url_verification
challenge, and dispatches; a request it refuses is answered 401 (authentication) or 400, never
with its error text. The dispatcher is synchronous: it runs on a thread pool, off the event loop.
"""

from __future__ import annotations

import asyncio
import json
import logging
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

from lark_oapi.core.model import RawRequest

from adapters.asgi_request import (
    Disconnected,
    Limits,
    Receive,
    Refused,
    Scope,
    Send,
    Started,
    check_length,
    header_map,
    lifespan,
    plain,
    read_body,
    respond,
)

log = logging.getLogger(__name__)
# The headers the SDK reads, by the names it looks them up with.
SIGNED_HEADERS = ("X-Lark-Request-Timestamp", "X-Lark-Request-Nonce", "X-Lark-Signature")
FORWARDED = (*SIGNED_HEADERS, "X-Request-Id")
AUTH_WORDS = ("verification_token", "signature", "encrypt", "credentials", "decrypt")


class FeishuHttpApp:
    """The request URL of a Feishu app: events and card callbacks at `path`."""

    def __init__(self, dispatcher: Any, path: str, encrypt_key: str = "",
                 limits: Limits | None = None, executor: Executor | None = None) -> None:
        self.dispatcher = dispatcher
        self.path = path
        self.encrypt_key = encrypt_key
        self.limits = limits or Limits()
        self._own_executor = executor is None
        self.executor = executor or ThreadPoolExecutor(self.limits.dispatch_threads, "feishu-http")

    def close(self) -> None:
        if self._own_executor:
            self.executor.shutdown(wait=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await lifespan(receive, send)
            return
        if scope["type"] != "http":
            await send({"type": "websocket.close", "code": 1008})
            return
        started = Started(send)
        try:
            status, body = await self._handle(scope, receive)
            await respond(started, status, body, b"application/json; charset=utf-8")
        except Refused as refusal:
            await plain(started, refusal.status, refusal.reason, close=True)
        except Disconnected:
            return
        except Exception:  # noqa: BLE001 - the one catch-all of HTTP mode: log, answer 500
            log.exception("Feishu HTTP request %s %s failed", scope.get("method"), scope.get("path"))
            if not started.done:
                await plain(started, 500, "Internal Server Error", close=True)

    async def _handle(self, scope: Scope, receive: Receive) -> tuple[int, bytes]:
        if scope["path"] != self.path:
            raise Refused(404, "Not Found")
        if scope["method"] != "POST":
            raise Refused(405, "Method Not Allowed")
        headers = header_map(scope)
        check_length(headers, self.limits)
        body = await read_body(receive, self.limits)
        try:
            parsed = json.loads(body)
        except (ValueError, RecursionError):
            raise Refused(400, "Bad Request") from None
        if not isinstance(parsed, dict):
            raise Refused(400, "Bad Request")
        request = RawRequest()
        request.uri, request.body = scope["path"], body
        request.headers = {name: headers[name.lower().encode()].decode("latin-1")
                           for name in FORWARDED if name.lower().encode() in headers}
        loop = asyncio.get_running_loop()
        response = await loop.run_in_executor(self.executor, self.dispatcher.do, request)
        if response.status_code == 200:
            return 200, response.content or b"{}"
        raise self._refusal(response, parsed, request)

    def _refusal(self, response: Any, parsed: dict, request: RawRequest) -> Refused:
        """401 when the SDK refused the request's authentication, else 400."""
        try:
            reason = str(json.loads(response.content or b"{}").get("msg", ""))
        except (ValueError, AttributeError):
            reason = ""
        unsigned = bool(self.encrypt_key) and not all(h in request.headers for h in SIGNED_HEADERS)
        if unsigned or "encrypt" in parsed or any(word in reason for word in AUTH_WORDS):
            return Refused(401, "Unauthorized")
        return Refused(400, "Bad Request")
