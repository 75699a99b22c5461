"""The Stream mode connection: the SDK's client with a lifecycle a service needs.

What the SDK (dingtalk-stream) gives and we keep: the gateway protocol (the connection request's
body, the websocket URL with its ticket, the JSON frames, the handler registry, the
acknowledgements, the `disconnect` system message, the keep-alive ping). What we change, and why:
- the endpoint is read from the settings when the client is made (the SDK fixes it at import);
- the connection request has a timeout (the SDK's can hang for ever on a stalled network);
- `run()` reconnects with backoff and jitter, can be stopped, and tells `/readyz` whether the
  socket is open (the SDK's loop cannot be stopped, logs the ticket and retries every 3-10 s);
- the ticket (a credential for the socket) never reaches the log, nor a warning per ping.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import platform
import random
import threading
import time
from urllib.parse import quote_plus

import httpx
import websockets
from dingtalk_stream import Credential, DingTalkStreamClient, SystemMessage
from dingtalk_stream.version import VERSION_STRING

log = logging.getLogger(__name__)
OPEN_PATH = "/v1.0/gateway/connections/open"
PING = "ping"      # the gateway's keep-alive system message
BACKOFF_FIRST, BACKOFF_MAX = 1.0, 60.0
SHORT_SESSION = 5.0   # seconds: a socket closed sooner counts towards backing off


class StreamClient(DingTalkStreamClient):
    """`run()` in a thread of its own; `stop()` from any thread; `is_connected()` for /readyz."""

    def __init__(self, client_id: str, client_secret: str, endpoint: str,
                 timeout: float = 10.0) -> None:
        super().__init__(Credential(client_id, client_secret), logger=log)
        self.endpoint = endpoint.rstrip("/")
        self.timeout = timeout
        self.connections = 0                       # sockets opened so far (logs, tests)
        self._open = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._tasks: set[asyncio.Task] = set()     # frames being handled (kept from the GC)

    def is_connected(self) -> bool:
        return self._open.is_set()

    def open_connection(self) -> dict | None:
        """The SDK's connection request (same body), at our endpoint and with a timeout."""
        topics = [{"type": "CALLBACK", "topic": topic} for topic in self.callback_handler_map]
        if self._is_event_required:
            topics.insert(0, {"type": "EVENT", "topic": "*"})
        body = {"clientId": self.credential.client_id,
                "clientSecret": self.credential.client_secret, "subscriptions": topics,
                "ua": f"dingtalk-sdk-python/v{VERSION_STRING}-union", "localIp": ""}
        agent = f"DingTalkStream/1.0 SDK/{VERSION_STRING} Python/{platform.python_version()} nfpbot"
        try:
            response = httpx.post(self.endpoint + OPEN_PATH, json=body, timeout=self.timeout,
                                  headers={"Accept": "application/json", "User-Agent": agent})
        except httpx.HTTPError as exc:
            log.warning("DingTalk stream: cannot reach %s (%s)", self.endpoint, type(exc).__name__)
            return None
        if response.status_code != 200:
            log.error("DingTalk stream: the gateway refused the connection (HTTP %d: %s). Check "
                      "DINGTALK_CLIENT_ID/DINGTALK_CLIENT_SECRET and that the robot uses Stream "
                      "mode (docs/dingtalk.md).", response.status_code, response.text[:300])
            return None
        data = response.json()
        return data if isinstance(data, dict) and data.get("endpoint") else None

    def serve_forever(self) -> None:
        """Connect and keep connected until `stop()`; blocks the calling thread."""
        asyncio.run(self.run())

    async def run(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        self.pre_start()
        delay, short = BACKOFF_FIRST, 0
        while not self._stopping.is_set():
            connection = await asyncio.to_thread(self.open_connection)
            if connection:
                started = time.monotonic()
                if await self._session(connection):
                    # a socket the gateway closed: reconnect at once, unless it keeps closing
                    # them as soon as they open (then back off like a failed connection)
                    short = short + 1 if time.monotonic() - started < SHORT_SESSION else 0
                    if short <= 1:
                        delay = BACKOFF_FIRST
                        continue
            wait = delay * random.uniform(0.5, 1.0)
            log.info("DingTalk stream: reconnecting in %.1fs", wait)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), wait)
            delay = min(BACKOFF_MAX, delay * 2)

    async def _session(self, connection: dict) -> bool:
        """One websocket session; True when it was opened (and later closed)."""
        uri = f'{connection["endpoint"]}?ticket={quote_plus(str(connection.get("ticket", "")))}'
        try:
            async with websockets.connect(uri, open_timeout=self.timeout,
                                          max_size=2 ** 22) as websocket:
                self.websocket = websocket
                self.connections += 1
                self._open.set()
                log.info("DingTalk stream: connected (%d)", self.connections)
                keepalive = asyncio.create_task(self.keepalive(websocket, ping_interval=30))
                stop = asyncio.create_task(self._stopping.wait())  # type: ignore[union-attr]
                try:
                    reader = asyncio.create_task(self._read(websocket))
                    await asyncio.wait({reader, stop}, return_when=asyncio.FIRST_COMPLETED)
                    reader.cancel()
                finally:
                    keepalive.cancel()
                    stop.cancel()
            return True
        except (OSError, TimeoutError, websockets.exceptions.WebSocketException) as exc:
            log.warning("DingTalk stream: connection failed or lost (%s)", type(exc).__name__)
            return self._open.is_set()
        finally:
            self._open.clear()

    async def _read(self, websocket: websockets.ClientConnection) -> None:
        with contextlib.suppress(websockets.exceptions.ConnectionClosed):
            async for raw in websocket:
                try:
                    frame = json.loads(raw)
                except ValueError:
                    log.warning("DingTalk stream: a frame that is not JSON was ignored")
                    continue
                task = asyncio.create_task(self.background_task(frame))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    async def route_message(self, json_message: dict) -> str:
        """The gateway's keep-alive `ping` is acknowledged (its data echoed) without the SDK's
        "unknown topic" warning, which would fill the log every few seconds."""
        if json_message.get("type") == SystemMessage.TYPE and \
                (json_message.get("headers") or {}).get("topic") == PING:
            ack = await self.system_handler.raw_process(SystemMessage.from_dict(json_message))
            await self.websocket.send(json.dumps(ack.to_dict()))
            return ""
        result: str = await super().route_message(json_message)
        return result

    def stop(self) -> None:
        """Close the socket and end `run()` (from any thread)."""
        if self._loop is not None and self._stopping is not None:
            with contextlib.suppress(RuntimeError):   # the loop has already ended
                self._loop.call_soon_threadsafe(self._stopping.set)
