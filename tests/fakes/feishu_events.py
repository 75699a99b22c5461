"""What Feishu sends a bot, for the tests and the fake (tests/fakes/feishu_api.py): event
envelopes (schema 2.0) for a message, a card button press and the bot's removal from a group, and
an HTTP event callback as it reaches a request URL (encrypted and signed).

Import: `from fakes.feishu_events import message_event, card_action, bot_removed`.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import os
import time
from typing import Any

from Crypto.Cipher import AES

APP_ID = "cli_fake0123456789"
BOT_OPEN_ID = "ou_bot0000000000000000000000000000"

# -- event envelopes (schema 2.0), as Feishu sends them ----------------------------------------

_events = itertools.count(1)


def envelope(event_type: str, event: dict[str, Any], event_id: str | None = None) -> dict:
    return {"schema": "2.0",
            "header": {"event_id": event_id or f"ev-{time.time_ns()}-{next(_events)}",
                       "event_type": event_type, "create_time": str(int(time.time() * 1000)),
                       "token": "", "app_id": APP_ID, "tenant_key": "tenant-fake"},
            "event": event}


def message_event(text: str, chat_id: str = "oc_private1", open_id: str = "ou_user1",
                  chat_type: str = "p2p", mention_bot: bool = False, parent_id: str = "",
                  message_id: str | None = None, event_id: str | None = None) -> dict:
    """im.message.receive_v1 for a text message (with an @mention of the bot when asked: the
    text then starts with the placeholder @_user_1, as Feishu sends it)."""
    mentions = []
    if mention_bot:
        text = f"@_user_1 {text}"
        mentions = [{"key": "@_user_1", "id": {"open_id": BOT_OPEN_ID, "union_id": "on_bot",
                                               "user_id": ""},
                     "name": "nfpbot", "tenant_key": "tenant-fake", "mentioned_type": "bot"}]
    message = {"message_id": message_id or f"om_in{time.time_ns()}{next(_events)}",
               "root_id": parent_id, "parent_id": parent_id,
               "create_time": str(int(time.time() * 1000)), "chat_id": chat_id,
               "chat_type": chat_type, "message_type": "text",
               "content": json.dumps({"text": text}, ensure_ascii=False), "mentions": mentions}
    sender = {"sender_id": {"open_id": open_id, "union_id": f"on_{open_id}", "user_id": ""},
              "sender_type": "user", "tenant_key": "tenant-fake"}
    return envelope("im.message.receive_v1", {"sender": sender, "message": message}, event_id)


def card_action(value: dict[str, Any], chat_id: str = "oc_private1", open_id: str = "ou_user1",
                message_id: str = "om_card") -> dict:
    """card.action.trigger: a button of a card the bot sent was pressed."""
    return envelope("card.action.trigger", {
        "operator": {"open_id": open_id, "union_id": f"on_{open_id}", "tenant_key": "tenant-fake"},
        "token": f"c-{time.time_ns()}", "action": {"value": value, "tag": "button"},
        "host": "im_message", "delivery_type": "",
        "context": {"open_message_id": message_id, "open_chat_id": chat_id}})


def bot_removed(chat_id: str) -> dict:
    """im.chat.member.bot.deleted_v1: the bot was removed from a group."""
    return envelope("im.chat.member.bot.deleted_v1", {
        "chat_id": chat_id, "operator_id": {"open_id": "ou_admin", "union_id": "on_admin"},
        "external": False, "operator_tenant_key": "tenant-fake", "name": "NFP group"})


def callback_request(payload: dict, encrypt_key: str = "", timestamp: str | None = None,
                     nonce: str = "nonce-1") -> tuple[bytes, dict[str, str]]:
    """An HTTP event callback as Feishu posts it to a request URL: with an encrypt key, the body
    is {"encrypt": base64(iv + AES-256-CBC(sha256(key), PKCS7(json)))} and signed with
    X-Lark-Signature = sha256(timestamp + nonce + key + body)."""
    plain = json.dumps(payload, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json; charset=utf-8"}
    if not encrypt_key:
        return plain, headers
    pad = 16 - len(plain) % 16
    iv = os.urandom(16)
    cipher = AES.new(hashlib.sha256(encrypt_key.encode()).digest(), AES.MODE_CBC, iv)
    secret = base64.b64encode(iv + cipher.encrypt(plain + bytes([pad]) * pad)).decode()
    body = json.dumps({"encrypt": secret}).encode()
    stamp = timestamp or str(int(time.time()))
    signature = hashlib.sha256((stamp + nonce + encrypt_key).encode() + body).hexdigest()
    return body, headers | {"X-Lark-Request-Timestamp": stamp, "X-Lark-Request-Nonce": nonce,
                            "X-Lark-Signature": signature}
