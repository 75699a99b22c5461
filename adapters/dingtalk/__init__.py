"""The DingTalk (钉钉) adapter (dingtalk-stream): Stream mode robot messages in private chats and
group @mentions, answers as markdown with links that send commands back, daily tips through the
robot API. See docs/dingtalk.md."""

from __future__ import annotations

from typing import Any

from adapters.dingtalk.serving import build_client, serve


def send_tips_now(runtime: Any) -> Any:
    """Deliver today's due tips once (implemented in adapters/dingtalk/tips.py)."""
    from adapters.dingtalk.tips import send_tips_now as send
    return send(runtime)


__all__ = ["build_client", "send_tips_now", "serve"]
