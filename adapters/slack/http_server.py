"""HTTP mode without a web framework: a threading stdlib server that hands Slack's requests to
`App.dispatch` (bolt verifies the signature) and serves the OAuth install pages.

Why not `app.start()`: bolt documents it as a development server (one request at a time). This
one serves each request on its own thread; put TLS in front of it (a reverse proxy), as Slack
only calls https URLs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from slack_bolt import App, BoltRequest, BoltResponse

from adapters.slack.clients import EVENTS_PATH

MAX_BODY = 1_000_000     # Slack's payloads are a few kB; refuse anything absurd
log = logging.getLogger(__name__)


def make_server(app: App, host: str = "127.0.0.1", port: int = 0,
                path: str = EVENTS_PATH) -> ThreadingHTTPServer:
    """A server (not yet serving) for `app`; port 0 picks a free port (see server.server_address)."""

    class SlackRequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802 (stdlib name)
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            if parts.path != path:
                return self._reply(BoltResponse(status=404, body="Not Found"), drain=length)
            if length > MAX_BODY:
                return self._reply(BoltResponse(status=413, body="Too Large"), drain=0, close=True)
            body = self.rfile.read(length).decode("utf-8") if length else ""
            self._reply(app.dispatch(self._bolt_request(body, parts.query)))

        def do_GET(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            flow = app.oauth_flow
            if flow is not None and parts.path == flow.install_path:
                return self._reply(flow.handle_installation(self._bolt_request("", parts.query)))
            if flow is not None and parts.path == flow.redirect_uri_path:
                return self._reply(flow.handle_callback(self._bolt_request("", parts.query)))
            self._reply(BoltResponse(status=404, body="Not Found"))

        def _bolt_request(self, body: str, query: str) -> BoltRequest:
            headers: dict[str, str | Sequence[str]] = {
                k.lower(): self.headers.get_all(k) or [] for k in set(self.headers.keys())}
            return BoltRequest(body=body, query=query, headers=headers)

        def _reply(self, resp: BoltResponse, drain: int = 0, close: bool = False) -> None:
            if drain:
                self.rfile.read(drain)
            data = (resp.body or "").encode("utf-8")
            self.send_response(resp.status)
            for name, values in resp.headers.items():
                if name.lower() != "content-length":
                    for value in values:
                        self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            if close:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt: str, *args: object) -> None:
            log.debug("%s " + fmt, self.address_string(), *args)

    return _Server((host, port), SlackRequestHandler)


class _Server(ThreadingHTTPServer):
    """A thread per request; a listen backlog for bursts (the stdlib default of 5 refuses them)."""

    daemon_threads = True
    request_queue_size = 256


def start_in_thread(server: ThreadingHTTPServer) -> threading.Thread:
    """Serve in a daemon thread (tests, benchmarks, running next to Telegram)."""
    thread = threading.Thread(target=server.serve_forever, args=(0.1,), name="slack-http", daemon=True)
    thread.start()
    return thread
