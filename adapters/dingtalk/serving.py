"""`nfpbot serve dingtalk`: Stream mode (an outgoing websocket; no public URL, only outbound
HTTPS), the robot's message handler, daily tips, and the connection's readiness check."""

from __future__ import annotations

import logging
import threading

from dingtalk_stream import ChatbotMessage

from adapters.dingtalk.handlers import NfpChatbotHandler
from adapters.dingtalk.openapi import OpenApi, endpoint_of
from adapters.dingtalk.stream import StreamClient
from adapters.dingtalk.tips import start_tips
from bot.foundation.config import Secrets
from bot.foundation.errors import ConfigError
from bot.runtime import Runtime

log = logging.getLogger(__name__)
DOCS = "docs/dingtalk.md"


def check_secrets(secrets: Secrets) -> None:
    """Raise ConfigError naming the missing secret and where to find it."""
    missing = [name for name, value in (("DINGTALK_CLIENT_ID", secrets.dingtalk_client_id),
                                        ("DINGTALK_CLIENT_SECRET", secrets.dingtalk_client_secret))
               if not value]
    if missing:
        raise ConfigError(f"{' and '.join(missing)} not set. Fix: copy the Client ID (AppKey) and "
                          "Client Secret (AppSecret) from your app's Credentials page on the "
                          "DingTalk developer console and export DINGTALK_CLIENT_ID=... and "
                          f"DINGTALK_CLIENT_SECRET=... (see {DOCS}).")


def build_client(runtime: Runtime, api: OpenApi | None = None) -> StreamClient:
    """The stream client with nfpbot's robot handler registered."""
    settings = runtime.settings
    secrets = settings.secrets
    api = api or OpenApi(settings)
    client = StreamClient(secrets.dingtalk_client_id or "", secrets.dingtalk_client_secret or "",
                          endpoint_of(settings), settings.dingtalk.timeout_seconds)
    client.register_callback_handler(ChatbotMessage.TOPIC, NfpChatbotHandler(runtime, api))
    return client


def serve(runtime: Runtime) -> None:
    """Run the DingTalk adapter until interrupted."""
    check_secrets(runtime.settings.secrets)
    api = OpenApi(runtime.settings)
    client = build_client(runtime, api)
    runtime.health.register("dingtalk", client.is_connected)
    start_tips(runtime, api)
    log.info("DingTalk Stream mode: connecting to %s", client.endpoint)
    try:
        client.serve_forever()
    except KeyboardInterrupt:
        if threading.current_thread() is not threading.main_thread():
            raise
    finally:
        api.close()
