"""hypercorn, a maintained ASGI server (h11 for HTTP/1.1), serving one of our ASGI applications:
Slack's HTTP mode (adapters/slack/http_app.py) and the web chat (adapters/web/app.py).

Why hypercorn: it arms its idle timer when a connection opens and stops it only when a request's
headers are complete, so a client that connects and sends nothing, or trickles its headers, is
dropped after `idle` seconds (uvicorn arms its keep-alive timer only after a first response, and
the stdlib server never); h11 answers 400 to a malformed request line, header or Content-Length
before the application runs; the application sees the headers before the body, so wrong paths and
oversized bodies are refused unread (adapters/asgi_request.py). Put a TLS reverse proxy in front.

The listening socket is bound when the server is made, so port 0 works and `server_address` is
known before serving (tests, benchmarks, logs).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import threading
from dataclasses import dataclass
from typing import Any, Protocol

from hypercorn.asyncio import serve
from hypercorn.config import Config

log = logging.getLogger(__name__)
MAX_HEADER_BYTES = 16 * 1024      # request line and headers together


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Seconds a client may take: `idle` covers a new connection until its request headers are
    complete and a kept-alive one between requests; `read` covers any one read, and hypercorn
    keeps reading while the application works, so it also bounds how long a response may take
    (a request still being answered after `read` seconds is dropped without a response)."""

    idle: float = 10.0
    read: float = 10.0
    graceful: float = 5.0      # for requests in flight when the server stops


DEFAULT_TIMEOUTS = Timeouts()


class ClosableApp(Protocol):
    """An ASGI application that owns resources (a thread pool) to release when serving ends."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None: ...

    def close(self) -> None: ...


class AsgiServer:
    """hypercorn serving `app` on a socket bound at construction."""

    def __init__(self, asgi_app: ClosableApp, host: str, port: int,
                 timeouts: Timeouts = DEFAULT_TIMEOUTS, backlog: int = 1024,
                 path: str = "/") -> None:
        self.app = asgi_app
        self.path = path
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.socket = socket.create_server((host, port), family=family, backlog=backlog)
        self.server_address: tuple[str, int] = self.socket.getsockname()[:2]
        self.config = hypercorn_config(self.socket, timeouts, backlog)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._stopped = threading.Event()

    @property
    def url(self) -> str:
        host, port = self.server_address
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}{self.path}"

    def serving(self) -> bool:
        """True while the server runs (its readiness check)."""
        return self._ready.is_set() and not self._stopped.is_set()

    def serve_forever(self, handle_signals: bool = False) -> None:
        """Serve until `shutdown()` (or SIGINT/SIGTERM with `handle_signals`, main thread only)."""
        try:
            asyncio.run(self._serve(handle_signals))
        finally:
            self.app.close()
            self._stopped.set()

    async def _serve(self, handle_signals: bool) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self._ready.set()
        trigger = None if handle_signals else self._stop.wait
        await serve(self.app, self.config, shutdown_trigger=trigger, mode="asgi")

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop serving (from another thread) and wait for the server to finish."""
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
            self._stopped.wait(timeout)

    def server_close(self) -> None:
        self.socket.close()


def hypercorn_config(sock: socket.socket, timeouts: Timeouts, backlog: int) -> Config:
    config = Config()
    config.bind = [f"fd://{os.dup(sock.fileno())}"]   # hypercorn owns (and closes) its duplicate
    config.keep_alive_timeout = timeouts.idle
    config.read_timeout = int(max(1, timeouts.read))
    config.graceful_timeout = timeouts.graceful
    config.backlog = backlog
    config.h11_max_incomplete_size = MAX_HEADER_BYTES
    config.accesslog = None                 # no access log: it would hold client addresses
    config.errorlog = logging.getLogger("hypercorn.error")   # through our handlers and filters
    config.include_server_header = False
    return config


def start_in_thread(server: AsgiServer, name: str = "asgi-http") -> threading.Thread:
    """Serve in a daemon thread (tests, benchmarks, running next to another platform)."""
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    server._ready.wait(10)   # noqa: SLF001 - so that shutdown() right after start stops it
    return thread
