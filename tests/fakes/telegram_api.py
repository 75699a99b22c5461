"""A fake Telegram Bot API server, so tests drive the real python-telegram-bot client offline.

Why: PTB offers no test kit and Telegram's own local server still needs the internet. This is a
stdlib `ThreadingHTTPServer` on 127.0.0.1:0 in a daemon thread. Point PTB at it with
`ApplicationBuilder().base_url(fake.base_url)`; requests arrive at /bot<TOKEN>/<method>.

Contract (shared with the other helpers):
- Import: `from fakes.telegram_api import FakeTelegram` (pytest puts tests/ on sys.path through
  the rootdir conftest; `tests.fakes.telegram_api` works under `python -m pytest`).
- `with FakeTelegram() as fake:`; `fake.base_url` ("http://127.0.0.1:PORT/bot"), `fake.file_url`.
- Every call is recorded: `fake.calls` (list of `Call(method, params, time, token)`),
  `fake.calls_to(method)`, `fake.wait_for(method, count=1, timeout=5.0)` (thread-blocking) and
  `await fake.await_calls(method, count=1, timeout=5.0)` (asyncio); both return the calls and
  raise AssertionError on timeout.
- Served: getMe, getUpdates (queue fed by `fake.push_update(update_dict)`; long-poll waits at most
  `max_poll_wait` seconds), sendMessage, editMessageText, editMessageReplyMarkup,
  answerCallbackQuery, answerInlineQuery, setMyCommands, deleteMyCommands, getMyCommands,
  getChatMember (`fake.set_member_status(chat_id, user_id, status)`), sendChatAction,
  deleteMessage, deleteWebhook, setWebhook, getWebhookInfo, logOut, close. Anything else: 404.
- Faults: `fake.fail(method, error_code, description, parameters=None, times=1, chat_id=None)`
  (e.g. 429 with {"retry_after": 1}, 403 "Forbidden: bot was blocked by the user", 400 with
  {"migrate_to_chat_id": -100123}); `fake.delay(method, seconds, times=1)`; and a hook
  `fake.on(method, handler)` where handler(params) returns a full response dict
  ({"ok": True, "result": ...} or {"ok": False, "error_code": 400, ...}) or None to fall through.
- Builders of update dicts: `message_update(...)`, `callback_update(...)`, `inline_update(...)`
  (module functions; they fill update_id/message_id/date so they can be pushed or fed to
  `Update.de_json` directly).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

BOT_ID = 777000111
BOT_USERNAME = "nfp_test_bot"
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "NFP Bot", "username": BOT_USERNAME}

# Parameters PTB sends as plain strings; everything else arrives JSON-encoded.
_STRING_PARAMS = {"text", "query", "caption", "description", "callback_query_id",
                  "inline_query_id", "secret_token", "url", "parse_mode", "language_code",
                  "next_offset", "switch_pm_text", "switch_pm_parameter", "action", "ip_address",
                  "inline_message_id", "scope_type", "chat_id_str"}

_ids = itertools.count(1)


def _next_id() -> int:
    return next(_ids)


@dataclass
class Call:
    method: str
    params: dict
    time: float
    token: str = ""


@dataclass
class _Fault:
    response: dict
    times: int
    chat_id: Any = None


@dataclass
class _Delay:
    seconds: float
    times: int


def _user(user_id: int, language_code: str | None = "en", first_name: str = "Ana",
          username: str | None = None) -> dict:
    user = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language_code:
        user["language_code"] = language_code
    if username:
        user["username"] = username
    return user


def _chat(chat_id: int, chat_type: str | None = None) -> dict:
    chat_type = chat_type or ("private" if chat_id > 0 else "supergroup")
    chat = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = "Ana"
    else:
        chat["title"] = "Focal points"
    return chat


def _command_entities(text: str) -> list[dict]:
    """bot_command entity for a leading /command, and mention entities, as Telegram adds them."""
    entities = []
    if text.startswith("/"):
        length = len(text.split()[0]) if text.split() else 1
        entities.append({"type": "bot_command", "offset": 0, "length": length})
    start = text.find("@" + BOT_USERNAME)
    if start >= 0 and not text.startswith("/"):
        entities.append({"type": "mention", "offset": _utf16_len(text[:start]),
                         "length": len(BOT_USERNAME) + 1})
    return entities


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def message_update(text: str, *, chat_id: int = 1001, user_id: int = 1001,
                   chat_type: str | None = None, language_code: str | None = "en",
                   reply_to_bot: bool = False, edited: bool = False,
                   update_id: int | None = None, message_id: int | None = None) -> dict:
    """An update carrying a text message (entities for /commands and @bot mentions included)."""
    message: dict = {"message_id": message_id or _next_id(), "date": int(time.time()),
                     "chat": _chat(chat_id, chat_type), "from": _user(user_id, language_code),
                     "text": text}
    entities = _command_entities(text)
    if entities:
        message["entities"] = entities
    if reply_to_bot:
        message["reply_to_message"] = {"message_id": _next_id(), "date": int(time.time()),
                                       "chat": _chat(chat_id, chat_type), "from": BOT_USER,
                                       "text": "Earlier answer"}
    if edited:
        message["edit_date"] = int(time.time())
    key = "edited_message" if edited else "message"
    return {"update_id": update_id or _next_id(), key: message}


def callback_update(data: str, *, chat_id: int = 1001, user_id: int = 1001,
                    chat_type: str | None = None, language_code: str | None = "en",
                    message_id: int | None = None, message_text: str = "Earlier answer",
                    update_id: int | None = None) -> dict:
    """An update for a press on an inline keyboard button carrying `data`."""
    message = {"message_id": message_id or _next_id(), "date": int(time.time()),
               "chat": _chat(chat_id, chat_type), "from": BOT_USER, "text": message_text}
    return {"update_id": update_id or _next_id(),
            "callback_query": {"id": str(_next_id()), "from": _user(user_id, language_code),
                               "chat_instance": str(chat_id), "data": data,
                               "message": message}}


def inline_update(query: str, *, user_id: int = 1001, language_code: str | None = "en",
                  offset: str = "", update_id: int | None = None) -> dict:
    """An update for an inline query (`@bot query` typed in any chat)."""
    return {"update_id": update_id or _next_id(),
            "inline_query": {"id": str(_next_id()), "from": _user(user_id, language_code),
                             "query": query, "offset": offset}}


def _member(status: str, user_id: int) -> dict:
    user = _user(user_id)
    if status == "creator":
        return {"status": "creator", "user": user, "is_anonymous": False}
    if status == "administrator":
        flags = ["can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages",
                 "can_manage_video_chats", "can_restrict_members", "can_promote_members",
                 "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
                 "can_delete_stories"]
        return {"status": "administrator", "user": user} | {f: f != "is_anonymous"
                                                            for f in flags}
    if status == "restricted":
        flags = ["is_member", "can_send_messages", "can_send_audios", "can_send_documents",
                 "can_send_photos", "can_send_videos", "can_send_video_notes",
                 "can_send_voice_notes", "can_send_polls", "can_send_other_messages",
                 "can_add_web_page_previews", "can_change_info", "can_invite_users",
                 "can_pin_messages", "can_manage_topics"]
        return {"status": "restricted", "user": user, "until_date": 0} | {f: True for f in flags}
    if status == "kicked":
        return {"status": "kicked", "user": user, "until_date": 0}
    return {"status": status, "user": user}


class FakeTelegram:
    """The fake server; see the module docstring for the contract."""

    def __init__(self, max_poll_wait: float = 0.5) -> None:
        self.max_poll_wait = max_poll_wait
        self.calls: list[Call] = []
        self.webhook: dict = {"url": ""}
        self._updates: list[dict] = []
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, list[_Delay]] = {}
        self._hooks: dict[str, Callable[[dict], dict | None]] = {}
        self._members: dict[tuple[int, int], str] = {}
        self._chats: dict[int, dict] = {}
        self._lock = threading.Condition()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> FakeTelegram:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server, "start the fake first"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- test API -----------------------------------------------------------------------------

    def push_update(self, update: dict) -> dict:
        """Queue an update for getUpdates (update_id filled in when missing)."""
        update = dict(update)
        update.setdefault("update_id", _next_id())
        with self._lock:
            self._updates.append(update)
            self._lock.notify_all()
        return update

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until `count` calls to `method` were recorded (bounded wait, for threads)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [c for c in self.calls if c.method == method]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {count} {method} call(s), got {len(found)}: "
                                         f"{[c.method for c in self.calls]}")
                self._lock.wait(left)

    async def await_calls(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """As `wait_for`, without blocking the event loop."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} {method} call(s), got {len(found)}: "
                                     f"{[c.method for c in self.calls]}")
            await asyncio.sleep(0.02)

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        """Texts of sendMessage calls (to one chat if given)."""
        return [c.params.get("text", "") for c in self.calls_to("sendMessage")
                if chat_id is None or c.params.get("chat_id") == chat_id]

    def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        """getChatMember answer: creator, administrator, member, restricted, left or kicked."""
        self._members[(chat_id, user_id)] = status

    def fail(self, method: str, error_code: int, description: str,
             parameters: dict | None = None, times: int = 1, chat_id: Any = None) -> None:
        """The next `times` calls to `method` (for `chat_id` if given) fail with this error."""
        response: dict = {"ok": False, "error_code": error_code, "description": description}
        if parameters:
            response["parameters"] = parameters
        self._faults.setdefault(method, []).append(_Fault(response, times, chat_id))

    def delay(self, method: str, seconds: float, times: int = 1) -> None:
        """The next `times` calls to `method` answer only after `seconds` (timeouts)."""
        self._delays.setdefault(method, []).append(_Delay(seconds, times))

    def on(self, method: str, handler: Callable[[dict], dict | None]) -> None:
        """handler(params) -> full response dict, or None for the default behaviour."""
        self._hooks[method] = handler

    def reset(self) -> None:
        """Forget calls, queued updates, faults, delays and hooks (between tests)."""
        with self._lock:
            self.calls.clear()
            self._updates.clear()
            self._faults.clear()
            self._delays.clear()
            self._hooks.clear()

    # -- request handling ---------------------------------------------------------------------

    def _record(self, method: str, params: dict, token: str) -> None:
        with self._lock:
            self.calls.append(Call(method, params, time.time(), token))
            self._lock.notify_all()

    def _take_fault(self, method: str, params: dict) -> dict | None:
        with self._lock:
            for fault in self._faults.get(method, []):
                if fault.times > 0 and (fault.chat_id is None
                                        or fault.chat_id == params.get("chat_id")):
                    fault.times -= 1
                    return fault.response
        return None

    def _take_delay(self, method: str) -> float:
        with self._lock:
            for delay in self._delays.get(method, []):
                if delay.times > 0:
                    delay.times -= 1
                    return delay.seconds
        return 0.0

    def respond(self, method: str, params: dict, token: str) -> dict:
        """The response for one API call (recorded first)."""
        self._record(method, params, token)
        seconds = self._take_delay(method)
        if seconds:
            time.sleep(seconds)
        fault = self._take_fault(method, params)
        if fault:
            return fault
        hook = self._hooks.get(method)
        if hook:
            custom = hook(params)
            if custom is not None:
                return custom
        handler = getattr(self, "_api_" + method, None)
        if handler is None:
            return {"ok": False, "error_code": 404, "description": "Not Found"}
        return {"ok": True, "result": handler(params)}

    def _message(self, params: dict) -> dict:
        chat_id = params.get("chat_id")
        chat = self._chats.get(chat_id) or _chat(chat_id if isinstance(chat_id, int) else -1)
        message = {"message_id": params.get("message_id") or _next_id(),
                   "date": int(time.time()), "chat": chat, "from": BOT_USER,
                   "text": params.get("text", "")}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _api_getMe(self, params: dict) -> dict:
        return BOT_USER | {"can_join_groups": True, "can_read_all_group_messages": False,
                           "supports_inline_queries": True}

    def _api_getUpdates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        wait = min(float(params.get("timeout") or 0), self.max_poll_wait)
        deadline = time.monotonic() + wait
        with self._lock:
            while True:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                if self._updates or time.monotonic() >= deadline:
                    batch = self._updates[:limit]
                    for update in batch:
                        self._remember_chat(update)
                    return batch
                self._lock.wait(max(0.0, deadline - time.monotonic()))

    def _remember_chat(self, update: dict) -> None:
        for key in ("message", "edited_message"):
            if key in update:
                chat = update[key]["chat"]
                self._chats[chat["id"]] = chat

    def _api_sendMessage(self, params: dict) -> dict:
        return self._message(params)

    def _api_editMessageText(self, params: dict) -> dict | bool:
        if params.get("inline_message_id"):
            return True
        return self._message(params) | {"edit_date": int(time.time())}

    def _api_editMessageReplyMarkup(self, params: dict) -> dict | bool:
        return self._api_editMessageText(params)

    def _api_answerCallbackQuery(self, params: dict) -> bool:
        return True

    def _api_answerInlineQuery(self, params: dict) -> bool:
        return True

    def _api_setMyCommands(self, params: dict) -> bool:
        return True

    def _api_deleteMyCommands(self, params: dict) -> bool:
        return True

    def _api_getMyCommands(self, params: dict) -> list:
        return []

    def _api_getChatMember(self, params: dict) -> dict:
        key = (params.get("chat_id"), params.get("user_id"))
        return _member(self._members.get(key, "member"), int(params.get("user_id") or 0))

    def _api_sendChatAction(self, params: dict) -> bool:
        return True

    def _api_deleteMessage(self, params: dict) -> bool:
        return True

    def _api_deleteWebhook(self, params: dict) -> bool:
        self.webhook = {"url": ""}
        return True

    def _api_setWebhook(self, params: dict) -> bool:
        self.webhook = dict(params)
        return True

    def _api_getWebhookInfo(self, params: dict) -> dict:
        return {"url": self.webhook.get("url", ""), "has_custom_certificate": False,
                "pending_update_count": len(self._updates)}

    def _api_logOut(self, params: dict) -> bool:
        return True

    def _api_close(self, params: dict) -> bool:
        return True


def _decode(key: str, value: str) -> Any:
    if key in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _parse_body(content_type: str, body: bytes) -> dict:
    if not body:
        return {}
    if "application/json" in content_type:
        return json.loads(body.decode("utf-8"))
    if "multipart/form-data" in content_type:
        return _parse_multipart(content_type, body)
    return {k: _decode(k, v) for k, v in parse_qsl(body.decode("utf-8"), keep_blank_values=True)}


def _parse_multipart(content_type: str, body: bytes) -> dict:
    from email.parser import BytesParser
    from email.policy import HTTP

    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    params = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name and not part.get_filename():
            params[name] = _decode(name, part.get_content())
    return params


def _handler_for(fake: FakeTelegram) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
            pass

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = self.path.split("?")[0].strip("/").split("/")
            if len(parts) != 2 or not parts[0].startswith("bot"):
                self._send(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                return
            token, method = parts[0][3:], parts[1]
            try:
                params = _parse_body(self.headers.get("Content-Type", ""), body)
            except ValueError as error:
                self._send(400, {"ok": False, "error_code": 400, "description": str(error)})
                return
            response = fake.respond(method, params, token)
            status = 200 if response.get("ok") else int(response.get("error_code", 400))
            self._send(status, response)

        def _send(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test, or polling stopped): nothing to say

        do_POST = _handle
        do_GET = _handle

    return Handler


__all__ = ["BOT_ID", "BOT_USERNAME", "Call", "FakeTelegram", "callback_update",
           "inline_update", "message_update"]
