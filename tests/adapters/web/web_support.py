"""Set-up of the web chat tests: the production server (hypercorn and adapters/web/app.py) on a
free loopback port, around the session's engine, with settings changed per test where needed."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from adapters.asgi_request import Limits
from adapters.asgi_serving import AsgiServer, Timeouts, start_in_thread
from adapters.web import make_server
from bot.answer.engine import Engine
from bot.foundation.config import Secrets, Settings
from bot.runtime import Runtime

# read: long, as in production (it also bounds the time to answer); idle drops slow clients
FAST = Timeouts(idle=1.0, read=30, graceful=1)
_TOKEN = re.compile(r'<meta name="nfp-token" content="([^"]+)">')


def web_runtime(settings: Settings, engine: Engine, state: Path, secrets: Secrets | None = None,
                **web: Any) -> Runtime:
    """A runtime whose settings have `web` changed (and `secrets`, for web.auth basic)."""
    changed = replace(settings, web=replace(settings.web, **web),
                      secrets=secrets or settings.secrets)
    return Runtime.assemble(changed, engine, state)


@contextmanager
def serving(runtime: Runtime, limits: Limits | None = None,
            timeouts: Timeouts = FAST) -> Iterator[AsgiServer]:
    server = make_server(runtime, "127.0.0.1", 0, limits=limits, timeouts=timeouts)
    start_in_thread(server, "web-test")
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def base_url(server: AsgiServer) -> str:
    host, port = server.server_address
    return f"http://{host}:{port}"


def page_token(client: httpx.Client) -> str:
    """The feedback token printed into the page."""
    match = _TOKEN.search(client.get("/").text)
    assert match, "the page carries no token"
    return match.group(1)


def ask(client: httpx.Client, question: str, **fields: Any) -> httpx.Response:
    return client.post("/api/ask", content=json.dumps({"question": question, **fields}),
                       headers={"content-type": "application/json"})


def connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def read_until_closed(sock: socket.socket, wait: float) -> bytes:
    """Everything the server sends until it closes the connection (or `wait` passes)."""
    sock.settimeout(wait)
    chunks = []
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    except (TimeoutError, ConnectionResetError):
        pass
    return b"".join(chunks)
