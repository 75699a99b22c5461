"""The Telegram adapter (python-telegram-bot 22): conversations, inline mode, buttons, webhook.

`serve(runtime)` runs the bot; `build_application(runtime, token=None, base_url=None, ...)` gives
the configured PTB Application (tests, the tips sender); `send_tips_now(runtime)` delivers today's
due tips once (implemented in adapters/telegram/tips.py, imported lazily).
"""

from __future__ import annotations

from adapters.telegram.app import build_application, post_init
from adapters.telegram.serve import serve


def send_tips_now(runtime):  # noqa: ANN001, ANN201 - signature owned by adapters/telegram/tips.py
    from adapters.telegram.tips import send_tips_now as f
    return f(runtime)


__all__ = ["build_application", "post_init", "send_tips_now", "serve"]
