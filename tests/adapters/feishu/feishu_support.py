"""Helpers of the Feishu tests: settings pointed at the fake, fresh chat ids, and reading the
cards the bot sent (their texts with entities decoded, their buttons)."""

from __future__ import annotations

import html
import itertools
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fakes.feishu_api import APP_ID, APP_SECRET, FakeFeishu

from adapters.feishu.handlers import FeishuHandlers
from bot.foundation.config import Settings, load_settings
from bot.runtime import Runtime

_chats = itertools.count(1)


def feishu_settings(data_dir: Path, domain: str, **extra: str) -> Settings:
    return load_settings(env={"NFPBOT_DATA_DIR": str(data_dir), "NFPBOT_FEISHU__DOMAIN": domain,
                              "FEISHU_APP_ID": APP_ID, "FEISHU_APP_SECRET": APP_SECRET, **extra})


def new_chat(kind: str = "p") -> str:
    """A chat id no other test uses."""
    return f"oc_{kind}{next(_chats):05d}{threading.get_ident() % 1000}"


@dataclass
class Live:
    fake: FakeFeishu
    runtime: Runtime
    handlers: FeishuHandlers


def card_text(message: dict[str, Any]) -> str:
    """Every text of a sent card, entities decoded (what a reader sees, without the markup)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("tag") in ("lark_md", "plain_text"):
                parts.append(str(node.get("content", "")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(message["content"].get("elements", []))
    return html.unescape("\n".join(parts)).replace("**", "")


def buttons_of(message: dict[str, Any]) -> dict[str, dict]:
    """Button label -> value."""
    found = {}
    for element in message["content"]["elements"]:
        for button in element.get("actions", ()):
            found[button["text"]["content"]] = button["value"]
    return found


def wait_reply(live: Live, message_id: str, timeout: float = 15.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        replies = [m for m in live.fake.sent() if m["reply_to"] == message_id]
        if replies:
            return replies[0]
        time.sleep(0.02)
    raise AssertionError(f"no reply to {message_id}")


def replies_to(live: Live, message_id: str) -> list[dict[str, Any]]:
    return [m for m in live.fake.sent() if m["reply_to"] == message_id]
