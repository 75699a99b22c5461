"""Feishu's open API through lark_oapi: replies and new messages as interactive cards, with the
platform's errors handled where the SDK leaves them to the caller.

- Rate limits (HTTP 429 from the gateway, codes 99991400, 230020 and 11232) wait for
  `x-ogw-ratelimit-reset` (or back off) and try again; 5xx and dropped connections back off too.
- The SDK caches the tenant access token until ten minutes before it expires and never retries a
  call refused for an invalid or expired token (99991663, 99991677, 99991661): the cache (ours, a
  facility of the client builder) is cleared and the call made once more with a fresh token.
- Every send carries a `uuid`, Feishu's idempotency key (one message per uuid within an hour), so
  a retry after a lost response, or a redelivered event, never sends the message twice.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import lark_oapi as lark
import requests
from lark_oapi.api.im.v1 import (
    CreateMessageRequest,
    CreateMessageRequestBody,
    ReplyMessageRequest,
    ReplyMessageRequestBody,
)
from lark_oapi.core.cache import ICache
from lark_oapi.core.enum import AccessTokenType, HttpMethod
from lark_oapi.core.exception import ObtainAccessTokenException
from lark_oapi.core.model import BaseRequest

log = logging.getLogger(__name__)

RATE_LIMITED = {99991400, 230020, 11232}
TOKEN_INVALID = {99991663, 99991677, 99991661}
# The chat is lost for the bot: removed from the group, the chat dissolved, or the user left.
GONE = {230002, 230001, 232009, 230006}
TOO_LONG = {230025, 230099, 11310}     # content too long / card rejected for its size
MAX_WAIT = 30.0                        # seconds; a longer rate-limit wait is an error here


class FeishuError(Exception):
    """A call Feishu refused (after the retries): its business code, message and HTTP status."""

    def __init__(self, code: int, msg: str, status: int = 0, retry_after: float = 0.0) -> None:
        super().__init__(f"Feishu error {code}: {msg} (HTTP {status})")
        self.code, self.msg, self.status, self.retry_after = code, msg, status, retry_after

    @property
    def kind(self) -> str:
        """transient, rate_limited, gone, too_long or rejected."""
        if self.status == 429 or self.code in RATE_LIMITED:
            return "rate_limited"
        if self.code in GONE:
            return "gone"
        if self.code in TOO_LONG:
            return "too_long"
        if self.status >= 500 or self.code < 0 or self.code in TOKEN_INVALID:
            return "transient"
        return "rejected"


class TokenCache(ICache):
    """The SDK's token cache (same contract as its LocalCache), with `clear()` for a refresh."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> str:
        with self._lock:
            value, expires = self._values.get(key, ("", 0.0))
        return value if expires > time.time() else ""

    def set(self, key: str, value: str, expire: int) -> None:
        with self._lock:
            self._values[key] = (value, float(expire))

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


# One per process: the SDK keeps its token cache in a class attribute (TokenManager.cache).
TOKENS = TokenCache()


def log_through_ours() -> None:
    """lark_oapi's logger ("Lark") prints to stdout with a handler of its own, past our handlers'
    secret filter (it logs the long connection's URL, with its access key, at INFO): its records
    go to our handlers only (they propagate to the root logger)."""
    sdk = logging.getLogger("Lark")
    for handler in list(sdk.handlers):
        sdk.removeHandler(handler)


class FeishuApi:
    """Sends cards; `attempts` tries per call for rate limits and network trouble."""

    def __init__(self, domain: str, app_id: str, app_secret: str, timeout: float = 10.0,
                 attempts: int = 4, backoff: float = 0.5) -> None:
        log_through_ours()
        self.client = (lark.Client.builder().app_id(app_id).app_secret(app_secret).domain(domain)
                       .timeout(timeout).cache(TOKENS).log_level(lark.LogLevel.WARNING).build())
        self.attempts, self.backoff = attempts, backoff

    def reply(self, message_id: str, card: dict, uuid: str | None = None) -> str:
        """Reply to `message_id` with `card`; returns the new message's id."""
        body = ReplyMessageRequestBody.builder().msg_type("interactive").content(_dump(card))
        if uuid:
            body = body.uuid(uuid[:50])
        request = ReplyMessageRequest.builder().message_id(message_id).request_body(body.build()).build()
        response = self._call(lambda: self.client.im.v1.message.reply(request))
        return str(getattr(response.data, "message_id", "") or "")

    def send(self, chat_id: str, card: dict, uuid: str | None = None) -> str:
        """A new message with `card` in the chat `chat_id`; returns its id."""
        body = (CreateMessageRequestBody.builder().receive_id(chat_id).msg_type("interactive")
                .content(_dump(card)))
        if uuid:
            body = body.uuid(uuid[:50])
        request = (CreateMessageRequest.builder().receive_id_type("chat_id")
                   .request_body(body.build()).build())
        response = self._call(lambda: self.client.im.v1.message.create(request))
        return str(getattr(response.data, "message_id", "") or "")

    def bot_open_id(self) -> str | None:
        """The bot's own open id (to tell its @mention from others'); None when unavailable."""
        request = BaseRequest.builder().http_method(HttpMethod.GET).uri("/open-apis/bot/v3/info") \
            .token_types({AccessTokenType.TENANT}).build()
        try:
            raw = self._call(lambda: _Raw(self.client.request(request)))
            return str((raw.body.get("bot") or {}).get("open_id") or "") or None
        except (FeishuError, ValueError) as exc:
            log.warning("Feishu bot info not available (%s): any bot mention counts", exc)
            return None

    def _call(self, call: Callable[[], Any]) -> Any:
        """`call()` until it succeeds: a refused token is renewed once (not counted as an
        attempt); rate limits, 5xx and network trouble are tried `attempts` times in all."""
        refreshed, left = False, self.attempts
        while True:
            try:
                response = call()
            except (requests.ConnectionError, requests.Timeout) as exc:
                last = FeishuError(-1, f"{type(exc).__name__}: {exc}")
            except ObtainAccessTokenException as exc:   # the token call itself failed
                last = FeishuError(int(getattr(exc, "code", -1) or -1), str(exc))
            except ValueError as exc:   # not JSON: a gateway's error page
                last = FeishuError(-1, f"unreadable response: {exc}")
            else:
                if response.success():
                    return response
                last = _error_of(response)
                if last.code in TOKEN_INVALID and not refreshed:
                    TOKENS.clear()   # the next call obtains a new tenant access token
                    refreshed = True
                    continue
                if last.kind not in ("rate_limited", "transient"):
                    raise last
            left -= 1
            if left <= 0 or last.retry_after > MAX_WAIT:
                raise last
            wait = last.retry_after or self.backoff * 2 ** (self.attempts - left - 1)
            log.info("Feishu call failed (%s); trying again in %.1f s", last, wait)
            time.sleep(wait)


class _Raw:
    """A raw `client.request` response, with the interface of the typed ones."""

    def __init__(self, response: Any) -> None:
        self.raw = response.raw if hasattr(response, "raw") else response
        self.body = json.loads(getattr(self.raw, "content", b"") or b"{}")
        self.code = int(self.body.get("code", -1))
        self.msg = str(self.body.get("msg", ""))

    def success(self) -> bool:
        return self.code == 0


def _error_of(response: Any) -> FeishuError:
    raw = getattr(response, "raw", None)
    status = int(getattr(raw, "status_code", 0) or 0)
    headers = {str(k).lower(): v for k, v in (getattr(raw, "headers", None) or {}).items()}
    reset = headers.get("x-ogw-ratelimit-reset") or headers.get("retry-after") or ""
    try:
        retry_after = max(0.0, float(reset))
    except ValueError:
        retry_after = 0.0
    return FeishuError(int(response.code if response.code is not None else -1),
                       str(response.msg or ""), status, retry_after)


def _dump(card: dict) -> str:
    return json.dumps(card, ensure_ascii=False, separators=(",", ":"))
