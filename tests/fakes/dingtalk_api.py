"""A fake DingTalk open platform on 127.0.0.1:0 that speaks Stream mode to the real dingtalk-stream
client: the gateway's connection request, the websocket with JSON frames and acknowledgements,
session webhooks, the app access token and the robot message API.

Why: tests talk to real components; only the network edge is faked (STYLE.md 6.8). The protocol
is the one the SDK implements (dingtalk_stream/stream.py, frames.py, chatbot.py):
- POST /v1.0/gateway/connections/open {clientId, clientSecret, subscriptions, ua, localIp}
  -> {"endpoint": "ws://127.0.0.1:PORT/connect", "ticket": "..."};
- GET /connect?ticket=... upgrades to a websocket; the server sends frames
  {"specVersion": "1.0", "type": "CALLBACK" | "SYSTEM", "headers": {"topic", "messageId",
  "contentType", "time", "appId", "connectionId"}, "data": "<JSON text>"}, the client answers
  each with an acknowledgement {"code": 200, "headers": {"messageId", "contentType"},
  "message": "OK", "data": "<JSON text>"}; a frame not acknowledged is sent again on the next
  connection (as the gateway re-delivers), and SYSTEM "disconnect" asks the client to reconnect;
- POST /robot/sendBySession?session=ID: a message's session webhook ({"errcode": 0, ...});
- POST /v1.0/oauth2/accessToken {appKey, appSecret} -> {"accessToken", "expireIn"};
- POST /v1.0/robot/groupMessages/send and /v1.0/robot/oToMessages/batchSend with the header
  x-acs-dingtalk-access-token -> {"processQueryKey": ...}; an unknown token gets 401.

    with FakeDingTalk() as fake:
        fake.push(fake.chatbot_message("你好"))
        replies = fake.wait_for("webhook")

Faults: `fail(kind, status, body, times, target=None)` for kind "webhook", "group", "private",
"token"; `expire_tokens()`; `close_socket()`; `disconnect()`; `drop_next_ack()`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

CLIENT_ID = "dingfakeappkey"
CLIENT_SECRET = "fake-dingtalk-secret-0123456789"
ROBOT_TOPIC = "/v1.0/im/bot/messages/get"


@dataclass(frozen=True)
class Call:
    """One HTTP request the fake received: kind (open, token, webhook, group, private), JSON
    body, headers, and for webhooks the session id."""

    kind: str
    body: dict[str, Any]
    headers: dict[str, str]
    session: str | None = None
    time: float = 0.0

    @property
    def markdown(self) -> str:
        """The markdown text sent (session webhook or robot API)."""
        if "markdown" in self.body:
            return str(self.body["markdown"].get("text", ""))
        param = self.body.get("msgParam")
        return str(json.loads(param).get("text", "")) if isinstance(param, str) else ""


@dataclass
class _Fault:
    kind: str
    status: int
    body: dict[str, Any]
    times: int
    target: str | None
    headers: dict[str, str] = field(default_factory=dict)


class FakeDingTalk:
    """The fake server in a background thread (its own asyncio loop); a context manager."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.acks: list[dict[str, Any]] = []
        self.delivered: list[str] = []      # messageId of every frame sent, in order
        self.connections = 0
        self.tokens: set[str] = set()
        self._faults: list[_Fault] = []
        self._pending: dict[str, dict[str, Any]] = {}   # messageId -> frame not yet acknowledged
        self._tickets: set[str] = set()
        self._socket: web.WebSocketResponse | None = None
        self._drop_acks = 0
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="fake-dingtalk",
                                        daemon=True)
        self.port = 0

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> FakeDingTalk:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post("/v1.0/gateway/connections/open", self._open)
        app.router.add_get("/connect", self._connect)
        app.router.add_post("/v1.0/oauth2/accessToken", self._token)
        app.router.add_post("/v1.0/robot/groupMessages/send", self._robot("group"))
        app.router.add_post("/v1.0/robot/oToMessages/batchSend", self._robot("private"))
        app.router.add_post("/robot/sendBySession", self._webhook)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
            self._runner = None
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def __enter__(self) -> FakeDingTalk:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- what tests do ------------------------------------------------------------------------

    def chatbot_message(self, text: str, *, private: bool = True, conversation: str = "cidPRIVATE1",
                        staff_id: str = "staff001", at_robot: bool = True,
                        msg_id: str | None = None, webhook_ttl: float = 3600.0) -> dict[str, Any]:
        """The data of a robot message as DingTalk sends it (chatbot.py ChatbotMessage)."""
        msg_id = msg_id or f"msg{next(self._ids):05d}"
        now = int(time.time() * 1000)
        data: dict[str, Any] = {
            "conversationId": conversation, "chatbotCorpId": "dingcorp", "chatbotUserId": "$:bot",
            "msgId": msg_id, "senderNick": "测试用户", "isAdmin": False, "senderStaffId": staff_id,
            "sessionWebhookExpiredTime": now + int(webhook_ttl * 1000), "createAt": now,
            "senderCorpId": "dingcorp", "conversationType": "1" if private else "2",
            "senderId": f"$:LWCP_v1:${staff_id}", "robotCode": CLIENT_ID, "msgtype": "text",
            "text": {"content": text if private else f" {text}"},
            "sessionWebhook": f"{self.url}/robot/sendBySession?session=s-{msg_id}",
        }
        if not private:
            data["conversationTitle"] = "履约工作群"
            data["isInAtList"] = at_robot
            data["atUsers"] = [{"dingtalkId": "$:bot"}] if at_robot else []
        return data

    def push(self, data: dict[str, Any], topic: str = ROBOT_TOPIC, close_after: bool = False,
             frame_type: str = "CALLBACK") -> str:
        """Send a frame to the connected client; it stays pending until acknowledged. With
        `close_after`, the socket is closed right after sending (before any acknowledgement)."""
        message_id = f"frame-{uuid.uuid4().hex[:12]}"
        frame = {"specVersion": "1.0", "type": frame_type,
                 "headers": {"appId": "fakeapp", "connectionId": "conn", "contentType":
                             "application/json", "messageId": message_id, "time":
                             str(int(time.time() * 1000)), "topic": topic},
                 "data": json.dumps(data, ensure_ascii=False)}
        with self._lock:
            if frame_type == "CALLBACK":
                self._pending[message_id] = frame
        asyncio.run_coroutine_threadsafe(self._send(frame, close_after), self._loop).result(5)
        return message_id

    def ping(self) -> str:
        """The gateway's SYSTEM "ping"; the client acknowledges it with the data echoed."""
        message_id = self.push({"opaque": "ping-" + uuid.uuid4().hex[:8]}, topic="ping",
                               frame_type="SYSTEM")
        return message_id

    def disconnect(self) -> None:
        """The gateway's SYSTEM "disconnect": the client closes and connects again."""
        self.push({}, topic="disconnect", frame_type="SYSTEM")

    def close_socket(self) -> None:
        asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(5)

    def drop_next_ack(self, count: int = 1) -> None:
        """Forget the next `count` acknowledgements (lost on the way): their frames stay pending."""
        with self._lock:
            self._drop_acks += count

    def fail(self, kind: str, status: int = 429, body: dict[str, Any] | None = None,
             times: int = 1, target: str | None = None, headers: dict[str, str] | None = None,
             ) -> None:
        """The next `times` calls of `kind` (for `target`: a conversation or staff id) fail."""
        with self._lock:
            self._faults.append(_Fault(kind, status, body or {}, times, target, headers or {}))

    def expire_tokens(self) -> None:
        with self._lock:
            self.tokens.clear()

    def pending(self) -> list[str]:
        with self._lock:
            return list(self._pending)

    def calls_of(self, kind: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.kind == kind]

    def wait_for(self, kind: str, count: int = 1, timeout: float = 10.0,
                 session: str | None = None) -> list[Call]:
        """Poll (bounded) until `count` calls of `kind` (to one session) arrived."""
        deadline = time.monotonic() + timeout
        while True:
            found = [c for c in self.calls_of(kind) if session is None or c.session == session]
            if len(found) >= count or time.monotonic() >= deadline:
                return found
            time.sleep(0.01)

    def wait_connections(self, count: int, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while self.connections < count or self._socket is None:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True

    # -- serving ------------------------------------------------------------------------------

    def _record(self, kind: str, request: web.Request, body: dict[str, Any],
                target: str | None = None) -> web.Response | None:
        call = Call(kind, body, dict(request.headers), request.query.get("session"), time.time())
        with self._lock:
            self.calls.append(call)
            for fault in self._faults:
                if fault.kind == kind and fault.target in (None, target):
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    return web.json_response(fault.body, status=fault.status,
                                             headers=fault.headers)
        return None

    async def _open(self, request: web.Request) -> web.Response:
        body = await request.json()
        refused = self._record("open", request, body)
        if refused is not None:
            return refused
        if body.get("clientId") != CLIENT_ID or body.get("clientSecret") != CLIENT_SECRET:
            return web.json_response({"code": "InvalidAuthentication",
                                      "message": "clientId or clientSecret is wrong"}, status=401)
        ticket = uuid.uuid4().hex
        with self._lock:
            self._tickets.add(ticket)
        return web.json_response({"endpoint": f"ws://127.0.0.1:{self.port}/connect",
                                  "ticket": ticket})

    async def _connect(self, request: web.Request) -> web.StreamResponse:
        with self._lock:
            valid = request.query.get("ticket") in self._tickets
            self._tickets.discard(request.query.get("ticket", ""))
        if not valid:
            return web.Response(status=403, text="bad ticket")
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        with self._lock:
            again = list(self._pending.values())
        for frame in again:   # what the last connection did not acknowledge is delivered again
            self.delivered.append(frame["headers"]["messageId"])
            await socket.send_str(json.dumps(frame, ensure_ascii=False))
        self._socket = socket
        self.connections += 1
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            ack = json.loads(message.data)
            with self._lock:
                if self._drop_acks > 0:
                    self._drop_acks -= 1
                    continue
                self.acks.append(ack)
                self._pending.pop(str(ack.get("headers", {}).get("messageId")), None)
        if self._socket is socket:
            self._socket = None
        return socket

    async def _send(self, frame: dict[str, Any], close_after: bool) -> None:
        if self._socket is None:
            return   # stays pending: delivered on the next connection
        self.delivered.append(frame["headers"]["messageId"])
        await self._socket.send_str(json.dumps(frame, ensure_ascii=False))
        if close_after:
            await self._close()

    async def _close(self) -> None:
        socket, self._socket = self._socket, None
        if socket is not None:
            await socket.close()

    async def _token(self, request: web.Request) -> web.Response:
        body = await request.json()
        refused = self._record("token", request, body)
        if refused is not None:
            return refused
        if body.get("appKey") != CLIENT_ID or body.get("appSecret") != CLIENT_SECRET:
            return web.json_response({"code": "invalidClientIdOrSecret",
                                      "message": "无效的clientId或者clientSecret"}, status=400)
        token = uuid.uuid4().hex
        with self._lock:
            self.tokens.add(token)
        return web.json_response({"accessToken": token, "expireIn": 7200})

    def _robot(self, kind: str) -> Any:
        async def handle(request: web.Request) -> web.Response:
            body = await request.json()
            target = body.get("openConversationId") or ",".join(body.get("userIds") or [])
            with self._lock:
                known = request.headers.get("x-acs-dingtalk-access-token") in self.tokens
            if not known:
                self._record(kind + "-refused", request, body, target)
                return web.json_response({"code": "InvalidAuthentication",
                                          "message": "不合法的access_token"}, status=401)
            refused = self._record(kind, request, body, target)
            if refused is not None:
                return refused
            result: dict[str, Any] = {"processQueryKey": uuid.uuid4().hex}
            if kind == "private":
                result |= {"invalidStaffIdList": [], "flowControlledStaffIdList": []}
            return web.json_response(result)
        return handle

    async def _webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        refused = self._record("webhook", request, body, request.query.get("session"))
        if refused is not None:
            return refused
        return web.json_response({"errcode": 0, "errmsg": "ok"})
