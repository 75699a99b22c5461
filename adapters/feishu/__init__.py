"""The Feishu / Lark adapter (lark-oapi): private chats and group @mentions answered with
interactive cards, button presses, daily tips; the long connection or HTTP event callbacks."""

from __future__ import annotations

from typing import Any


def serve(runtime: Any, mode: str | None = None, port: int | None = None) -> None:
    """Run the adapter (adapters/feishu/serving.py); lark_oapi is imported by the calling thread,
    which its long connection then uses (see adapters/feishu/checks.py)."""
    from adapters.feishu.serving import serve as run
    run(runtime, mode, port)


def send_tips_now(runtime: Any) -> Any:
    """Deliver today's due tips once (implemented in adapters/feishu/tips.py)."""
    from adapters.feishu.tips import send_tips_now as send
    return send(runtime)


__all__ = ["send_tips_now", "serve"]
