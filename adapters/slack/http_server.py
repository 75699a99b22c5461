"""Serves Slack's HTTP mode with hypercorn (adapters/asgi_serving.py says why), with the limits
the web chat shares. Put a TLS reverse proxy in front: Slack only calls https URLs."""

from __future__ import annotations

import threading

from slack_bolt import App

from adapters.asgi_request import Limits
from adapters.asgi_serving import DEFAULT_TIMEOUTS, AsgiServer, Timeouts
from adapters.asgi_serving import start_in_thread as _start_in_thread
from adapters.slack.clients import EVENTS_PATH
from adapters.slack.http_app import SlackHttpApp

DEFAULT_LIMITS = Limits()
SlackHttpServer = AsgiServer   # the name tests and benchmarks know


def make_server(app: App, host: str = "127.0.0.1", port: int = 0, signing_secret: str = "",
                path: str = EVENTS_PATH, limits: Limits = DEFAULT_LIMITS,
                timeouts: Timeouts = DEFAULT_TIMEOUTS) -> AsgiServer:
    """A server (not yet serving) for `app`; port 0 picks a free port (see `server_address`)."""
    return AsgiServer(SlackHttpApp(app, signing_secret, path, limits), host, port, timeouts,
                      path=path)


def start_in_thread(server: AsgiServer) -> threading.Thread:
    """Serve in a daemon thread (tests, benchmarks, running next to Telegram)."""
    return _start_in_thread(server, "slack-http")


__all__ = ["DEFAULT_LIMITS", "SlackHttpServer", "Timeouts", "make_server", "start_in_thread"]
