"""A fake Feishu/Lark open platform on 127.0.0.1, for tests that drive the real lark_oapi clients.

Why: tests talk to real components; only the network edge is faked. The fake speaks what
lark_oapi 1.7 speaks (read lark_oapi/ws/client.py and lark_oapi/core):

- `POST /callback/ws/endpoint` (app id and secret in the body) answers a `ws://127.0.0.1` URL with
  device_id, service_id, access_key and ticket, and a ClientConfig (reconnect at once, every second).
- The websocket carries protobuf frames built with the SDK's own `Frame` message: the client's
  pings are answered with pongs; `push_event` sends a data frame (headers type=event or card,
  message_id, sum/seq (a payload can be split over several frames), trace_id); the client's
  response frame (same headers, JSON payload {"code": 200, "data": base64}) is its acknowledgement.
  Events not acknowledged when the socket closes are delivered again on the next connection, as
  Feishu redelivers.
- `POST /open-apis/auth/v3/tenant_access_token/internal`, `GET /open-apis/bot/v3/info`,
  `POST /open-apis/im/v1/messages/:message_id/reply` and `POST /open-apis/im/v1/messages`
  (receive_id_type=chat_id), with Feishu's idempotency: a request repeating a `uuid` gets the first
  message back and sends nothing new. Every request is recorded; faults can be injected.

Import: `from fakes.feishu_api import FakeFeishu` (what Feishu sends: tests/fakes/feishu_events.py).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fakes.feishu_events import APP_ID, BOT_OPEN_ID
from fakes.feishu_http import Call, Fault, kind_of, send_json
from fakes.loopback import serve_loopback
from lark_oapi.ws.pb.pbbp2_pb2 import Frame
from websockets.asyncio.server import ServerConnection, serve

APP_SECRET = "fake-app-secret-0123456789abcdef"
CONTROL, DATA = 0, 1
INVALID_TOKEN = 99991663


@dataclass
class _Pending:
    """An event pushed and not yet acknowledged (delivered again after a reconnect)."""

    frame_id: str
    payload: bytes
    kind: str
    parts: int
    ack: dict[str, Any] | None = None


@dataclass
class _Store:
    calls: list[Call] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)     # messages the bot sent (new ones)
    by_uuid: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=set)
    pending: dict[str, _Pending] = field(default_factory=dict)
    acks: dict[str, dict[str, Any]] = field(default_factory=dict)
    lose_acks: int = 0
    connections: int = 0
    pings: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class FakeFeishu:
    """HTTP and websocket servers in background threads; a context manager."""

    def __init__(self) -> None:
        self._store = _Store()
        self._ids = itertools.count(1)
        self._http: ThreadingHTTPServer | None = None
        self._loop = asyncio.new_event_loop()
        self._ws_port = 0
        self._conn: ServerConnection | None = None
        self._ws_server: Any = None
        self._ws_thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> FakeFeishu:
        self._http = serve_loopback(self._serve, "fake-feishu-http")
        ready = threading.Event()
        self._ws_thread = threading.Thread(target=self._run_ws, args=(ready,),
                                           name="fake-feishu-ws", daemon=True)
        self._ws_thread.start()
        ready.wait(10)
        return self

    def _run_ws(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)

        async def main() -> None:
            self._ws_server = await serve(self._on_socket, "127.0.0.1", 0, ping_interval=None)
            self._ws_port = self._ws_server.sockets[0].getsockname()[1]
            ready.set()
            try:
                await self._ws_server.serve_forever()
            except asyncio.CancelledError:
                pass
            await self._ws_server.wait_closed()   # and its connections

        self._loop.run_until_complete(main())
        self._loop.close()

    def stop(self) -> None:
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
            self._http = None
        if self._ws_server is not None:
            self._loop.call_soon_threadsafe(self._ws_server.close)   # ends serve_forever
            if self._ws_thread is not None:
                self._ws_thread.join(10)
            self._ws_server = None

    def __enter__(self) -> FakeFeishu:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The domain to configure (`feishu.domain`): an origin without a trailing slash."""
        assert self._http is not None, "FakeFeishu is not started"
        return f"http://127.0.0.1:{self._http.server_address[1]}"

    # -- inspection ---------------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        with self._store.lock:
            return list(self._store.calls)

    def calls_to(self, kind: str) -> list[Call]:
        return [c for c in self.calls if c.kind == kind]

    def sent(self, chat_id: str | None = None) -> list[dict[str, Any]]:
        """Messages the bot sent (replies and new messages; a repeated uuid is not a new one),
        each {"kind", "chat_id", "reply_to", "msg_type", "content" (parsed), "message_id"}."""
        with self._store.lock:
            return [m for m in self._store.sent if chat_id is None or m["chat_id"] == chat_id]

    def wait_sent(self, count: int, chat_id: str | None = None,
                  timeout: float = 10.0) -> list[dict[str, Any]]:
        """Poll (bounded) until `count` messages were sent (to `chat_id`); returns them."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.sent(chat_id)
            if len(found) >= count or time.monotonic() >= deadline:
                return found
            time.sleep(0.01)

    @property
    def connections(self) -> int:
        with self._store.lock:
            return self._store.connections

    def connected(self) -> bool:
        return self._conn is not None

    def wait_connected(self, count: int = 1, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.connections >= count and self.connected():
                return True
            time.sleep(0.01)
        return False

    def ack(self, frame_id: str, timeout: float = 10.0) -> dict[str, Any] | None:
        """The client's response to the pushed frame `frame_id` ({"code", "data"}; for a card
        action "data" is the decoded callback response), waiting for it (bounded)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._store.lock:
                if frame_id in self._store.acks:
                    return self._store.acks[frame_id]
            time.sleep(0.01)
        return None

    # -- behaviour ----------------------------------------------------------------------------

    def fail(self, kind: str, status: int = 429, body: dict[str, Any] | None = None,
             headers: dict[str, str] | None = None, times: int = 1,
             chat_id: str | None = None) -> None:
        """The next `times` requests of `kind` (reply, create, token, endpoint; with `chat_id`,
        only new messages to that chat) fail: by default HTTP 429 with x-ogw-ratelimit-reset: 1,
        as Feishu's gateway answers a rate limit."""
        if headers is None:
            headers = {"x-ogw-ratelimit-reset": "1"} if status == 429 else {}
        body = body if body is not None else {"code": 99991400, "msg": "request trigger frequency limit"}
        with self._store.lock:
            self._store.faults.append(Fault(kind, status, body, headers, times, chat_id))

    def expire_tokens(self) -> None:
        """Every tenant access token issued so far becomes invalid (code 99991663)."""
        with self._store.lock:
            self._store.tokens.clear()

    def lose_acks(self, count: int = 1) -> None:
        """Ignore the client's next `count` acknowledgements (as if lost on the way)."""
        with self._store.lock:
            self._store.lose_acks += count

    def drop_connection(self) -> None:
        """Close the websocket from the server side (the client must reconnect)."""
        conn = self._conn
        if conn is not None:
            asyncio.run_coroutine_threadsafe(conn.close(), self._loop).result(5)

    def push_event(self, event: dict[str, Any], kind: str = "event", parts: int = 1) -> str:
        """Send `event` (a schema 2.0 envelope) as data frame(s); returns the frame message_id.
        Kept for redelivery until acknowledged; sent at once when a client is connected."""
        frame_id = f"frame-{next(self._ids)}"
        pending = _Pending(frame_id, json.dumps(event, ensure_ascii=False).encode(), kind, parts)
        with self._store.lock:
            self._store.pending[frame_id] = pending
        conn = self._conn
        if conn is not None:
            asyncio.run_coroutine_threadsafe(self._deliver(conn, pending), self._loop).result(5)
        return frame_id

    # -- websocket ----------------------------------------------------------------------------

    async def _on_socket(self, conn: ServerConnection) -> None:
        with self._store.lock:
            self._store.connections += 1
            redeliver = list(self._store.pending.values())
        self._conn = conn
        try:
            for pending in redeliver:
                await self._deliver(conn, pending)
            async for message in conn:
                if isinstance(message, bytes):
                    await self._on_frame(conn, message)
        except Exception:  # noqa: BLE001 - a closed socket ends the session either way
            pass
        finally:
            if self._conn is conn:
                self._conn = None

    async def _deliver(self, conn: ServerConnection, pending: _Pending) -> None:
        size = -(-len(pending.payload) // pending.parts)
        chunks = [pending.payload[i * size:(i + 1) * size] for i in range(pending.parts)]
        trace = f"trace-{pending.frame_id}"
        for seq, chunk in enumerate(chunks):
            frame = Frame(SeqID=next(self._ids), LogID=0, service=1, method=DATA, payload=chunk)
            for key, value in (("type", pending.kind), ("message_id", pending.frame_id),
                               ("sum", str(pending.parts)), ("seq", str(seq)), ("trace_id", trace)):
                header = frame.headers.add()
                header.key, header.value = key, value
            await conn.send(frame.SerializeToString())

    async def _on_frame(self, conn: ServerConnection, raw: bytes) -> None:
        frame = Frame()
        frame.ParseFromString(raw)
        headers = {h.key: h.value for h in frame.headers}
        if frame.method == CONTROL and headers.get("type") == "ping":
            with self._store.lock:
                self._store.pings += 1
            pong = Frame(SeqID=0, LogID=0, service=frame.service, method=CONTROL)
            header = pong.headers.add()
            header.key, header.value = "type", "pong"
            pong.payload = json.dumps(self._client_config()).encode()
            await conn.send(pong.SerializeToString())
            return
        if frame.method == DATA:
            response = json.loads(frame.payload or b"{}")
            data = response.get("data")
            if isinstance(data, str) and data:
                response["data"] = json.loads(base64.b64decode(data))
            with self._store.lock:
                if self._store.lose_acks > 0:
                    self._store.lose_acks -= 1
                    return
                self._store.acks[headers.get("message_id", "")] = response
                self._store.pending.pop(headers.get("message_id", ""), None)

    @staticmethod
    def _client_config() -> dict[str, int]:
        return {"ReconnectCount": -1, "ReconnectInterval": 1, "ReconnectNonce": 0,
                "PingInterval": 120}

    # -- HTTP ---------------------------------------------------------------------------------

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        path = parts.path
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else {}
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        kind = kind_of(request.command, path)
        call = Call(kind, path, body, query, dict(request.headers.items()), time.time())
        with self._store.lock:
            self._store.calls.append(call)
            fault = self._take_fault(kind, body.get("receive_id"))
        if fault is not None:
            return send_json(request, fault.status, fault.body, fault.headers)
        if kind == "endpoint":
            if body.get("AppID") != APP_ID or body.get("AppSecret") != APP_SECRET:
                return send_json(request, 200, {"code": 1000040344, "msg": "invalid app credentials"})
            url = (f"ws://127.0.0.1:{self._ws_port}/ws?device_id=dev-{next(self._ids)}"
                   f"&service_id=1&access_key=ak-secret-{APP_ID}&ticket=tk-secret-0042")
            return send_json(request, 200, {"code": 0, "msg": "ok",
                                        "data": {"URL": url, "ClientConfig": self._client_config()}})
        if kind == "token":
            if body.get("app_id") != APP_ID or body.get("app_secret") != APP_SECRET:
                return send_json(request, 400, {"code": 10014, "msg": "app secret invalid"})
            token = f"t-fake{next(self._ids):04d}abcdefghijklmnopqrstuvwxyz"
            with self._store.lock:
                self._store.tokens.add(token)
            return send_json(request, 200, {"code": 0, "msg": "ok", "tenant_access_token": token,
                                        "expire": 7200})
        if kind == "not_found":
            return send_json(request, 404, {"code": 404, "msg": "not found"})
        bearer = call.headers.get("Authorization", "").removeprefix("Bearer ")
        with self._store.lock:
            valid = bearer in self._store.tokens
        if not valid:
            return send_json(request, 400, {"code": INVALID_TOKEN, "msg": "Invalid access token for "
                                        "authorization. Please make a request with token attached."})
        if kind == "bot_info":
            return send_json(request, 200, {"code": 0, "msg": "ok",
                                        "bot": {"open_id": BOT_OPEN_ID, "app_name": "nfpbot",
                                                "activate_status": 2}})
        return send_json(request, 200, {"code": 0, "msg": "success", "data": self._message(call)})

    def _message(self, call: Call) -> dict[str, Any]:
        """Send (or, for a repeated uuid, find again) the message of a reply or create call."""
        body = call.body
        uuid = body.get("uuid")
        with self._store.lock:
            if uuid and uuid in self._store.by_uuid:
                return self._store.by_uuid[uuid]["data"]
            message_id = f"om_sent{next(self._ids):06d}"
            reply_to = call.path.split("/")[-2] if call.kind == "reply" else None
            chat = body.get("receive_id") if call.kind == "create" else f"chat-of-{reply_to}"
            data = {"message_id": message_id, "chat_id": chat, "msg_type": body.get("msg_type"),
                    "parent_id": reply_to or "", "root_id": reply_to or ""}
            content = body.get("content")
            sent = {"kind": call.kind, "chat_id": chat, "reply_to": reply_to,
                    "msg_type": body.get("msg_type"), "message_id": message_id,
                    "content": json.loads(content) if isinstance(content, str) else content,
                    "data": data, "uuid": uuid, "time": time.time()}
            self._store.sent.append(sent)
            if uuid:
                self._store.by_uuid[uuid] = sent
        return data

    def _take_fault(self, kind: str, chat_id: str | None) -> Fault | None:
        for fault in self._store.faults:
            if fault.kind == kind and fault.chat_id in (None, chat_id):
                fault.times -= 1
                if fault.times <= 0:
                    self._store.faults.remove(fault)
                return fault
        return None
