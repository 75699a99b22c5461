"""The Feishu settings a start needs, checked before anything starts: in a module of its own
because it must not import lark_oapi. That package takes the importing thread's asyncio loop for
its long connection (lark_oapi/ws/client.py, at import), so it is imported only in the thread that
runs the connection, never in the main thread where Telegram's loop runs in `serve all`."""

from __future__ import annotations

from urllib.parse import urlsplit

from bot.foundation.config import Settings
from bot.foundation.errors import ConfigError

DOCS = "docs/feishu.md"


def credentials_set(settings: Settings) -> bool:
    """Both FEISHU_APP_ID and FEISHU_APP_SECRET are set (so `serve all` runs Feishu)."""
    return bool(settings.secrets.feishu_app_id and settings.secrets.feishu_app_secret)


def check_settings(settings: Settings, mode: str | None = None) -> None:
    """Raise ConfigError naming what is missing and how to get it."""
    secrets, feishu = settings.secrets, settings.feishu
    if not (secrets.feishu_app_id and secrets.feishu_app_secret):
        raise ConfigError("FEISHU_APP_ID and FEISHU_APP_SECRET are not set. Fix: copy them from your "
                          "app's Credentials & Basic Info page on open.feishu.cn (Lark: "
                          f"open.larksuite.com) and export both (see {DOCS}).")
    url = urlsplit(feishu.domain)
    loopback = url.scheme == "http" and url.hostname in ("127.0.0.1", "localhost", "::1")
    if not (url.scheme == "https" or loopback) or not url.netloc or url.path not in ("", "/"):
        raise ConfigError(f"feishu.domain is {feishu.domain!r}. Fix: use https://open.feishu.cn "
                          "(Feishu) or https://open.larksuite.com (Lark), without a path.")
    if (mode or feishu.mode) == "http" and not secrets.feishu_verification_token:
        raise ConfigError("FEISHU_VERIFICATION_TOKEN is not set; HTTP mode must check that events "
                          "come from Feishu. Fix: copy the Verification Token (and the Encrypt Key, "
                          "as FEISHU_ENCRYPT_KEY) from Events & Callbacks > Encryption Strategy, or "
                          f"use feishu.mode: websocket (see {DOCS}).")


