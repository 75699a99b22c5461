"""A loopback HTTP server for a fake platform: every GET and POST handed to one function of the
fake, served from a daemon thread on a free port of 127.0.0.1, quiet (no access log)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def serve_loopback(handle: Callable[[BaseHTTPRequestHandler], None],
                   name: str) -> ThreadingHTTPServer:
    """The started server (stop it with shutdown() and server_close())."""

    class _RequestHandler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (stdlib name)
            handle(self)

        def do_GET(self) -> None:  # noqa: N802
            handle(self)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), _RequestHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), name=name, daemon=True).start()
    return server
