"""`nfpbot serve web`: the web chat on web.host:web.port, served by hypercorn with the request
limits Slack's HTTP mode has (adapters/asgi_serving.py, adapters/asgi_request.py)."""

from __future__ import annotations

import logging
import threading

from adapters.asgi_request import Limits
from adapters.asgi_serving import AsgiServer, Timeouts
from adapters.web.app import WebApp
from bot.foundation.errors import ConfigError
from bot.runtime import Runtime

log = logging.getLogger(__name__)
# Slow clients are dropped by `idle` (headers) and the body limit (Limits.body_seconds); `read`
# is longer than Slack's because an answer under load may take more than 10 s to compute.
WEB_TIMEOUTS = Timeouts(idle=10.0, read=60.0)


def make_server(runtime: Runtime, host: str | None = None, port: int | None = None,
                limits: Limits | None = None,
                timeouts: Timeouts = WEB_TIMEOUTS) -> AsgiServer:
    """A server (not yet serving); port 0 picks a free port (see `server_address`)."""
    web = runtime.settings.web
    host = web.host if host is None else host
    port = web.port if port is None else port
    app = WebApp(runtime, limits)
    try:
        return AsgiServer(app, host, port, timeouts)
    except OSError as exc:
        app.close()
        raise ConfigError(f"web.port {port} on {host} cannot be opened ({exc.strerror}). Fix: set "
                          "web.port (or --port) to a free port.") from None


def serve(runtime: Runtime, port: int | None = None) -> None:
    """Run the web chat until interrupted."""
    server = make_server(runtime, port=port)
    log.info("web chat on %s", server.url)
    runtime.health.register("web", server.serving)   # /readyz: ok while the server runs
    try:
        server.serve_forever(handle_signals=threading.current_thread() is threading.main_thread())
    finally:
        server.server_close()
