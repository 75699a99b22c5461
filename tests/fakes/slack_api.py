"""A fake Slack Web API on 127.0.0.1:0, for tests that drive the real slack_sdk WebClient and bolt App.

Why: tests talk to real components; only the network edge is faked (STYLE.md 6.8). The fake serves
the Web API methods the bot uses plus `POST /response_url/<id>` (what bolt's `respond()` posts to),
records every call, and can inject faults (429 with Retry-After, 5xx, `{"ok": false, ...}` bodies).

    with FakeSlack() as fake:
        client = WebClient(token="xoxb-test", base_url=fake.url)
        client.chat_postMessage(channel="C1", text="hi")
        assert fake.calls_to("chat.postMessage")[0].params["channel"] == "C1"

Import: `from fakes.slack_api import FakeSlack` (tests/ is on sys.path through the rootdir conftest).

Contract (other helpers rely on it): `url`, `calls`, `calls_to(method)`, `response_url(id)`,
`fail(method, status=429, headers={"Retry-After": "1"}, body=None, times=1, channel=None)`,
`on(method, handler)`, `wait_for(method, count=1, timeout=5.0)`, `reset()`.
Calls to a response URL are recorded with method "response_url" and `path` "/response_url/<id>".
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fakes.loopback import serve_loopback

Handler = Callable[[dict[str, Any]], "dict[str, Any] | None"]
RESPONSE_URL = "response_url"
_JSON_FIELDS = ("blocks", "attachments", "metadata", "view")


@dataclass(frozen=True)
class Call:
    """One request the fake received."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    time: float
    path: str = ""

    @property
    def response_id(self) -> str | None:
        """For response_url calls: the <id> of /response_url/<id>."""
        if self.method != RESPONSE_URL:
            return None
        return self.path.rstrip("/").rsplit("/", 1)[-1]


@dataclass
class _Fault:
    method: str
    status: int
    headers: dict[str, str]
    body: dict[str, Any] | None
    times: int
    channel: str | None = None


@dataclass
class _Store:
    calls: list[Call] = field(default_factory=list)
    faults: list[_Fault] = field(default_factory=list)
    hooks: dict[str, list[Handler]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class FakeSlack:
    """The fake server; a context manager that starts and stops it in a background thread."""

    team_id = "T0FAKE"
    bot_user_id = "UBOTFAKE"
    bot_id = "BFAKE"

    def __init__(self) -> None:
        self._store = _Store()
        self._ts = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        self._server = serve_loopback(self._serve, "fake-slack")
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """Base URL to pass as WebClient(base_url=...): ends with '/'."""
        assert self._server is not None, "FakeSlack is not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def response_url(self, response_id: str | int = "1") -> str:
        """A response_url Slack would put in a slash command or action payload."""
        return f"{self.url}{RESPONSE_URL}/{response_id}"

    # -- inspection ---------------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        with self._store.lock:
            return list(self._store.calls)

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def responses_to(self, response_id: str | int) -> list[Call]:
        """Calls made to one response_url."""
        return [c for c in self.calls_to(RESPONSE_URL) if c.response_id == str(response_id)]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Poll (bounded) until `count` calls to `method` arrived; returns them (maybe fewer)."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.calls_to(method)
            if len(found) >= count or time.monotonic() >= deadline:
                return found
            time.sleep(0.01)

    def reset(self) -> None:
        """Forget calls, faults and hooks (between tests sharing one server)."""
        with self._store.lock:
            self._store.calls.clear()
            self._store.faults.clear()
            self._store.hooks.clear()

    # -- behaviour ----------------------------------------------------------------------------

    def fail(self, method: str, status: int = 429, headers: dict[str, str] | None = None,
             body: dict[str, Any] | None = None, times: int = 1, channel: str | None = None) -> None:
        """Make the next `times` calls to `method` (optionally only for `channel`) fail.

        Default: HTTP 429 with Retry-After: 1. For a Slack error use status=200 and a body such as
        {"ok": False, "error": "channel_not_found"}.
        """
        if headers is None:
            headers = {"Retry-After": "1"} if status == 429 else {}
        with self._store.lock:
            self._store.faults.append(_Fault(method, status, dict(headers), body, times, channel))

    def on(self, method: str, handler: Handler) -> None:
        """Answer `method` with handler(params); a None return falls through to the default."""
        with self._store.lock:
            self._store.hooks.setdefault(method, []).append(handler)

    # -- serving ------------------------------------------------------------------------------

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        path = parts.path
        method = RESPONSE_URL if path.startswith(f"/{RESPONSE_URL}/") else path.strip("/")
        if method.startswith("api/"):
            method = method[4:]
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        params = _parse(parts.query, raw, request.headers.get("Content-Type", ""))
        headers = {k: v for k, v in request.headers.items()}
        call = Call(method, params, headers, time.time(), path)
        with self._store.lock:
            self._store.calls.append(call)
            fault = self._take_fault(method, params)
            hooks = list(self._store.hooks.get(method, ()))
        if fault is not None:
            body = fault.body if fault.body is not None else {"ok": False, "error": _error_for(fault.status)}
            return _send(request, fault.status, body, fault.headers)
        for hook in hooks:
            answer = hook(params)
            if answer is not None:
                return _send(request, 200, answer)
        _send(request, 200, self._default(method, params))

    def _take_fault(self, method: str, params: dict[str, Any]) -> _Fault | None:
        for fault in self._store.faults:
            if fault.method == method and (fault.channel is None or params.get("channel") == fault.channel):
                fault.times -= 1
                if fault.times <= 0:
                    self._store.faults.remove(fault)
                return fault
        return None

    def _next_ts(self) -> str:
        return f"{int(time.time())}.{next(self._ts):06d}"

    def _default(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        channel = params.get("channel", "C0FAKE")
        if method == "auth.test":
            return {"ok": True, "url": "https://fake.slack.com/", "team": "Fake", "user": "nfpbot",
                    "team_id": self.team_id, "user_id": self.bot_user_id, "bot_id": self.bot_id}
        if method == "chat.postMessage":
            ts = self._next_ts()
            return {"ok": True, "channel": channel, "ts": ts,
                    "message": {"text": params.get("text", ""), "ts": ts, "bot_id": self.bot_id}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method == "chat.update":
            return {"ok": True, "channel": channel, "ts": params.get("ts", self._next_ts()),
                    "text": params.get("text", "")}
        if method == "conversations.info":
            return {"ok": True, "channel": {"id": channel, "name": "general",
                                            "is_im": str(channel).startswith("D"),
                                            "is_channel": str(channel).startswith("C")}}
        if method == "users.info":
            user = params.get("user", "U0FAKE")
            return {"ok": True, "user": {"id": user, "name": user.lower(), "tz": "UTC",
                                         "locale": "en-US", "is_bot": False}}
        if method == "oauth.v2.access":
            return {"ok": True, "access_token": "xoxb-installed", "token_type": "bot",
                    "scope": "commands,chat:write,app_mentions:read,im:history",
                    "bot_user_id": self.bot_user_id, "app_id": "A0FAKE",
                    "team": {"id": self.team_id, "name": "Fake"}, "enterprise": None,
                    "authed_user": {"id": "U0INSTALLER"}, "is_enterprise_install": False}
        return {"ok": True}


def _parse(query: str, raw: bytes, content_type: str) -> dict[str, Any]:
    params: dict[str, Any] = {k: v[-1] for k, v in parse_qs(query).items()}
    text = raw.decode("utf-8") if raw else ""
    if "json" in content_type and text:
        data = json.loads(text)
        if isinstance(data, dict):
            params.update(data)
        return params
    params.update({k: v[-1] for k, v in parse_qs(text, keep_blank_values=True).items()})
    for key in _JSON_FIELDS:   # form-encoded clients send these as JSON strings
        value = params.get(key)
        if isinstance(value, str) and value[:1] in "[{":
            try:
                params[key] = json.loads(value)
            except ValueError:
                pass
    return params


def _error_for(status: int) -> str:
    return {429: "ratelimited"}.get(status, "fatal_error" if status >= 500 else "invalid_request")


def _send(request: BaseHTTPRequestHandler, status: int, body: dict[str, Any],
          headers: dict[str, str] | None = None) -> None:
    data = json.dumps(body).encode("utf-8")
    request.send_response(status)
    request.send_header("Content-Type", "application/json; charset=utf-8")
    request.send_header("Content-Length", str(len(data)))
    for key, value in (headers or {}).items():
        request.send_header(key, value)
    request.end_headers()
    request.wfile.write(data)
