"""The Feishu / Lark adapter (lark-oapi): private chats and group @mentions answered with
interactive cards, button presses, daily tips; the long connection or HTTP event callbacks."""

from __future__ import annotations

from typing import Any

from adapters.feishu.serving import serve


def send_tips_now(runtime: Any) -> Any:
    """Deliver today's due tips once (implemented in adapters/feishu/tips.py)."""
    from adapters.feishu.tips import send_tips_now as send
    return send(runtime)


__all__ = ["send_tips_now", "serve"]
