"""The HTTP side of the fake Feishu platform (tests/fakes/feishu_api.py): what a request was,
which open API it called, a fault to answer with, and the JSON response."""

from __future__ import annotations

import json
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any


@dataclass(frozen=True)
class Call:
    """One HTTP request the fake received."""

    kind: str                 # token, endpoint, bot_info, reply, create
    path: str
    body: dict[str, Any]
    query: dict[str, str]
    headers: dict[str, str]
    time: float


@dataclass
class Fault:
    """Answer the next `times` requests of `kind` (to `chat_id`, when set) with this."""

    kind: str
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    times: int
    chat_id: str | None = None


def kind_of(method: str, path: str) -> str:
    if path == "/callback/ws/endpoint":
        return "endpoint"
    if path == "/open-apis/auth/v3/tenant_access_token/internal":
        return "token"
    if path == "/open-apis/bot/v3/info" and method == "GET":
        return "bot_info"
    if path.startswith("/open-apis/im/v1/messages/") and path.endswith("/reply"):
        return "reply"
    if path == "/open-apis/im/v1/messages" and method == "POST":
        return "create"
    return "not_found"


def send_json(request: BaseHTTPRequestHandler, status: int, body: dict[str, Any],
          headers: dict[str, str] | None = None) -> None:
    data = json.dumps(body).encode()
    request.send_response(status)
    request.send_header("Content-Type", "application/json; charset=utf-8")
    request.send_header("Content-Length", str(len(data)))
    for key, value in (headers or {}).items():
        request.send_header(key, value)
    request.end_headers()
    request.wfile.write(data)
