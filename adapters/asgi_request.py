"""What every ASGI application of ours checks before it reads a body, and how it refuses.

Shared by Slack's HTTP mode and the web chat so both keep the same limits: a Content-Length above
`max_body` is 413 before a byte of body is read; a body that grows past it while being read is
413 too; one that takes longer than `body_seconds` to arrive is 408. Refusals are short plain
text with `Connection: close` (the body may be unread, so the connection is not reused).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

Scope = dict[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Headers = list[tuple[bytes, bytes]]


@dataclass(frozen=True, slots=True)
class Limits:
    """What one request may cost."""

    max_body: int = 1_000_000       # bytes; more is 413 before reading
    body_seconds: float = 10.0      # to receive the whole body once the headers are in
    dispatch_threads: int = 32      # requests being worked on (off the event loop) at once


class Refused(Exception):
    """Answer with `status` and `reason` (plain text, never a traceback)."""

    def __init__(self, status: int, reason: str, headers: Headers | None = None) -> None:
        super().__init__(reason)
        self.status, self.reason, self.headers = status, reason, headers or []


class Disconnected(Exception):
    """The client went away before its request was complete: nothing to answer."""


def header_map(scope: Scope) -> dict[bytes, bytes]:
    """Request headers by lower-case name (the last one wins)."""
    return {name.lower(): value for name, value in scope.get("headers", [])}


def check_length(headers: dict[bytes, bytes], limits: Limits) -> None:
    """Refuse a body announced too large (413) or a Content-Length that is no number (400)."""
    length = headers.get(b"content-length")
    if length is not None and not length.isdigit():   # h11 answers 400 itself; HTTP/2 too
        raise Refused(400, "Bad Request")
    if length is not None and int(length) > limits.max_body:
        raise Refused(413, "Payload Too Large")


async def read_body(receive: Receive, limits: Limits) -> bytes:
    """The whole body, within the size and time limits."""
    chunks = bytearray()
    try:
        async with asyncio.timeout(limits.body_seconds):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise Disconnected
                chunks += message.get("body", b"")
                if len(chunks) > limits.max_body:
                    raise Refused(413, "Payload Too Large")
                if not message.get("more_body", False):
                    return bytes(chunks)
    except TimeoutError:
        raise Refused(408, "Request Timeout") from None


class Started:
    """`send` that remembers whether the response has started (so a late failure sends no
    second response)."""

    def __init__(self, send: Send) -> None:
        self.send, self.done = send, False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.done = True
        await self.send(message)


async def respond(send: Send, status: int, body: bytes, content_type: bytes,
                  headers: Headers | None = None, close: bool = False) -> None:
    """One complete response."""
    out = [(b"content-type", content_type), (b"content-length", str(len(body)).encode("ascii")),
           *(headers or [])]
    if close:
        out.append((b"connection", b"close"))   # the body may be unread: do not reuse
    await send({"type": "http.response.start", "status": status, "headers": out})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def plain(send: Send, status: int, text: str, close: bool = False,
                headers: Headers | None = None) -> None:
    """A short plain-text response."""
    await respond(send, status, text.encode("utf-8"), b"text/plain; charset=utf-8", headers, close)


async def lifespan(receive: Receive, send: Send) -> None:
    """The ASGI lifespan exchange of an app with nothing to start or stop: each startup and
    shutdown acknowledged, until the shutdown."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
