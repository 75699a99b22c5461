"""The Slack adapter (slack-bolt): `/nfp` slash command, mentions, direct messages and buttons,
answers rendered as Block Kit. Socket Mode or HTTP mode; one workspace or several (OAuth)."""

from __future__ import annotations

from typing import Any

from adapters.slack.app import build_app
from adapters.slack.serving import serve


def send_tips_now(runtime: Any) -> Any:
    """Deliver today's due tips once (implemented in adapters/slack/tips.py)."""
    from adapters.slack.tips import send_tips_now as send
    return send(runtime)


__all__ = ["build_app", "send_tips_now", "serve"]
