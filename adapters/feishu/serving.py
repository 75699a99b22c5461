"""`nfpbot serve feishu`: the long connection (`feishu.mode: websocket`, an outgoing websocket,
no public URL) or HTTP event callbacks (`feishu.mode: http`, for Lark tenants without the long
connection); either fails at start, with the fix, when a secret is missing."""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import lark_oapi as lark
from lark_oapi.ws.exception import ClientException

from adapters.asgi_request import Limits
from adapters.asgi_serving import DEFAULT_TIMEOUTS, AsgiServer, Timeouts
from adapters.feishu.api import FeishuApi, log_through_ours
from adapters.feishu.checks import DOCS, check_settings
from adapters.feishu.handlers import PLATFORM, FeishuHandlers
from adapters.feishu.http_app import FeishuHttpApp
from adapters.feishu.tips import start_tips
from bot.foundation import metrics
from bot.foundation.config import Settings
from bot.foundation.errors import ConfigError
from bot.runtime import Runtime

log = logging.getLogger(__name__)
# Answers are CPU-bound: a few workers, so acknowledgements (3 seconds) are never starved.
ANSWER_WORKERS = max(2, min(8, os.cpu_count() or 2))


def make_api(settings: Settings) -> FeishuApi:
    secrets = settings.secrets
    return FeishuApi(settings.feishu.domain.rstrip("/"), secrets.feishu_app_id or "",
                     secrets.feishu_app_secret or "")


def build_handlers(runtime: Runtime, api: FeishuApi | None = None,
                   pool: bool = True) -> FeishuHandlers:
    """Handlers on a pool of answer threads (inline with `pool=False`), knowing the bot's id."""
    api = api or make_api(runtime.settings)
    executor = ThreadPoolExecutor(ANSWER_WORKERS, "feishu-answer") if pool else None
    return FeishuHandlers(runtime, api, executor, api.bot_open_id())


def ws_client(runtime: Runtime, handlers: FeishuHandlers) -> lark.ws.Client:
    """The SDK's long-connection client; reconnects itself (and counts each drop)."""
    settings = runtime.settings
    client = lark.ws.Client(settings.secrets.feishu_app_id or "",
                            settings.secrets.feishu_app_secret or "",
                            event_handler=handlers.dispatcher(),
                            domain=settings.feishu.domain.rstrip("/"), log_level=lark.LogLevel.INFO)

    def dropped() -> None:
        log.warning("Feishu long connection lost; reconnecting")
        metrics.PLATFORM_ERRORS.labels(PLATFORM, "network").inc()

    log_through_ours()
    client.on_reconnecting = dropped
    client.on_reconnected = lambda: log.info("Feishu long connection back")
    return client


def connected(client: lark.ws.Client) -> bool:
    """The readiness check: the websocket is open (lark_oapi 1.7 keeps it in `_conn`)."""
    return getattr(client, "_conn", None) is not None


def make_http_server(runtime: Runtime, handlers: FeishuHandlers, host: str, port: int,
                     limits: Limits | None = None,
                     timeouts: Timeouts = DEFAULT_TIMEOUTS) -> AsgiServer:
    settings = runtime.settings
    secrets = settings.secrets
    dispatcher = handlers.dispatcher(secrets.feishu_encrypt_key or "",
                                     secrets.feishu_verification_token or "")
    app = FeishuHttpApp(dispatcher, settings.feishu.http_path, secrets.feishu_encrypt_key or "",
                        limits)
    return AsgiServer(app, host, port, timeouts, path=settings.feishu.http_path)


def serve(runtime: Runtime, mode: str | None = None, port: int | None = None) -> None:
    """Run the Feishu adapter until interrupted."""
    settings = runtime.settings
    mode = mode or settings.feishu.mode
    check_settings(settings, mode)
    handlers = build_handlers(runtime)
    start_tips(runtime)
    if mode == "http":
        server = make_http_server(runtime, handlers, settings.feishu.http_host,
                                  settings.feishu.http_port if port is None else port)
        log.info("Feishu HTTP mode on %s", server.url)
        runtime.health.register(PLATFORM, server.serving)
        try:
            server.serve_forever(handle_signals=threading.current_thread() is threading.main_thread())
        finally:
            server.server_close()
        return
    client = ws_client(runtime, handlers)
    runtime.health.register(PLATFORM, lambda: connected(client))
    log.info("Feishu long connection: connecting to %s", settings.feishu.domain)
    try:
        client.start()
    except ClientException as exc:   # the platform refused the app (not a network failure)
        raise ConfigError(f"Feishu refused the long connection ({exc}). Fix: check FEISHU_APP_ID "
                          "and FEISHU_APP_SECRET, that the app is a custom app with the bot feature "
                          f"and published, and feishu.domain (Feishu or Lark; see {DOCS}).") from None
