"""DingTalk's HTTP side: the app access token, the robot message API and a message's session
webhook, with DingTalk's errors mapped to what the bot does about them.

Why our own small client (httpx) rather than the SDK's helpers: the SDK's calls have no timeout,
read its endpoint once at import (DINGTALK_OPENAPI_ENDPOINT) and log failures without telling
them apart; a chat bot must retry a rate limit, refresh an expired token once, shorten a message
that is too long and unsubscribe a group the robot has left. Every call here is synchronous and
thread-safe (answers run on a thread pool, tips in a thread of their own).
"""

from __future__ import annotations

import json
import logging
import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from bot.foundation import metrics
from bot.foundation.config import Settings

log = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://api.dingtalk.com"
TOKEN_PATH = "/v1.0/oauth2/accessToken"
GROUP_SEND = "/v1.0/robot/groupMessages/send"
PRIVATE_SEND = "/v1.0/robot/oToMessages/batchSend"
TOKEN_MARGIN = 300          # seconds: a token is renewed this long before DingTalk expires it
# Rate limits: HTTP 429, the open API's QpsLimit codes (sent with 403), and the old API's error
# numbers (90002/90018: calls over the limit; 130101: a robot sending too fast).
RATE_LIMIT_CODES = ("QpsLimit", "Throttling", "90002", "90018", "130101")
# The access token is not (or no longer) valid: fetch a new one and try once more.
AUTH_CODES = ("InvalidAuthentication", "InvalidAccessToken", "40014", "42001", "token.invalid")
# The robot cannot reach this conversation any more (removed from the group, group disbanded,
# robot switched off there): unsubscribe it.
GONE_CODES = ("invalidParameter.robotCode.notExsit", "invalid.openConversationId",
              "group.disbanded", "bot.stopped", "staffId.notExisted", "invalid.staffId")
TOO_LONG_CODES = ("msgParam.tooLong", "content.tooLong", "460101")

T = TypeVar("T")


def endpoint_of(settings: Settings) -> str:
    """`dingtalk.openapi_endpoint`, else DINGTALK_OPENAPI_ENDPOINT (the SDK's variable), else
    DingTalk's own; read now, not at import, so that a test or a later setting is followed."""
    value = (settings.dingtalk.openapi_endpoint or os.environ.get("DINGTALK_OPENAPI_ENDPOINT")
             or DEFAULT_ENDPOINT)
    return value.rstrip("/")


@dataclass(eq=False)
class DingTalkError(Exception):
    """A call DingTalk refused (or that did not reach it: status 0)."""

    status: int
    code: str
    message: str
    retry_after: float | None = None

    def __str__(self) -> str:
        return f"DingTalk {self.status or 'network'} {self.code}: {self.message}"[:500]

    def _has(self, codes: tuple[str, ...]) -> bool:
        return any(c in self.code for c in codes) if self.code else False

    @property
    def kind(self) -> str:
        """rate_limit, auth, gone, too_long, transient (network, 5xx) or rejected."""
        if self.status == 429 or self._has(RATE_LIMIT_CODES):
            return "rate_limit"
        if self.status == 401 or self._has(AUTH_CODES):
            return "auth"
        if self._has(GONE_CODES):
            return "gone"
        if self._has(TOO_LONG_CODES):
            return "too_long"
        if self.status == 0 or self.status >= 500:
            return "transient"
        return "rejected"

    @property
    def metric_kind(self) -> str:
        """The `nfpbot_platform_errors_total` kind."""
        return {"rate_limit": "429", "auth": "403", "gone": "403", "too_long": "rejected",
                "rejected": "rejected"}.get(self.kind) or (
            "timeout" if "timed out" in self.message.lower() else "network")


def _error(response: httpx.Response) -> DingTalkError | None:
    """The error a response carries: an HTTP error status, or errcode != 0 in a 200 body."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    code = str(body.get("code") or body.get("errcode") or "")
    message = str(body.get("message") or body.get("errmsg") or response.reason_phrase)
    retry = response.headers.get("retry-after")
    seconds = float(retry) if retry and retry.replace(".", "", 1).isdigit() else None
    if response.status_code >= 400:
        return DingTalkError(response.status_code, code or str(response.status_code), message,
                             seconds)
    if code and code != "0" and "errcode" in body:
        return DingTalkError(response.status_code, code, message, seconds)
    return None


class OpenApi:
    """The app's calls to DingTalk: token, robot messages, session webhooks."""

    def __init__(self, settings: Settings, client: httpx.Client | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        secrets = settings.secrets
        self.client_id = secrets.dingtalk_client_id or ""
        self._secret = secrets.dingtalk_client_secret or ""
        self.endpoint = endpoint_of(settings)
        self.attempts = settings.dingtalk.send_attempts
        self.http = client or httpx.Client(timeout=settings.dingtalk.timeout_seconds,
                                           headers={"User-Agent": "nfpbot"})
        self.sleep = sleep
        self._token: tuple[str, float] | None = None   # (token, renew after: monotonic seconds)
        self._lock = threading.Lock()

    # -- the access token ----------------------------------------------------------------------

    def access_token(self, renew: bool = False) -> str:
        """The app's access token, fetched once and renewed before it expires (or when refused)."""
        with self._lock:
            if not renew and self._token and time.monotonic() < self._token[1]:
                return self._token[0]
            body = self._call("POST", self.endpoint + TOKEN_PATH,
                              {"appKey": self.client_id, "appSecret": self._secret})
            token, expires = str(body.get("accessToken", "")), float(body.get("expireIn", 7200))
            if not token:
                raise DingTalkError(200, "noAccessToken", "DingTalk returned no access token")
            self._token = (token, time.monotonic() + max(60.0, expires - TOKEN_MARGIN))
            return token

    # -- sending -------------------------------------------------------------------------------

    def send_group(self, conversation_id: str, title: str, text: str) -> dict:
        """A markdown message to a group the robot is in (daily tips; a reply whose session
        webhook has expired)."""
        return self.robot(GROUP_SEND, {"openConversationId": conversation_id})(title, text)

    def send_private(self, staff_id: str, title: str, text: str) -> dict:
        """A markdown message to one person, in their chat with the robot."""
        return self.robot(PRIVATE_SEND, {"userIds": [staff_id]})(title, text)

    def robot(self, path: str, target: dict) -> Callable[[str, str], dict]:
        def send(title: str, text: str) -> dict:
            body = {"robotCode": self.client_id, "msgKey": "sampleMarkdown",
                    "msgParam": json.dumps({"title": title, "text": text}, ensure_ascii=False),
                    **target}
            return self.with_retries(lambda: self._authorised("POST", path, body))
        return send

    def reply(self, webhook: str, title: str, text: str, at_user: str | None = None) -> dict:
        """A markdown message through a message's session webhook (no token needed; it is valid
        for a while after the message, see sessionWebhookExpiredTime)."""
        body: dict[str, Any] = {"msgtype": "markdown", "markdown": {"title": title, "text": text}}
        if at_user:
            body["at"] = {"atUserIds": [at_user], "isAtAll": False}
        return self.with_retries(lambda: self._call("POST", webhook, body))

    def with_retries(self, call: Callable[[], T]) -> T:
        """Retry a rate limit (its Retry-After, else backing off) and network trouble, up to
        `dingtalk.send_attempts` in all; anything else is raised at once. Every refusal is
        counted in `nfpbot_platform_errors_total{platform="dingtalk"}`."""
        for attempt in range(1, self.attempts + 1):
            try:
                return call()
            except DingTalkError as exc:
                metrics.PLATFORM_ERRORS.labels("dingtalk", exc.metric_kind).inc()
                if exc.kind not in ("rate_limit", "transient") or attempt == self.attempts:
                    raise
                wait = exc.retry_after if exc.retry_after is not None else \
                    min(30.0, 0.5 * 2 ** (attempt - 1)) * random.uniform(0.5, 1.0)
                log.warning("DingTalk %s, trying again in %.1fs (%d/%d)", exc.kind, wait,
                            attempt, self.attempts)
                self.sleep(min(wait, 60.0))
        raise AssertionError("unreachable")

    def _authorised(self, method: str, path: str, body: dict) -> dict:
        """An open API call with the token; an expired token is renewed and the call made once
        more."""
        try:
            return self._call(method, self.endpoint + path, body, self.access_token())
        except DingTalkError as exc:
            if exc.kind != "auth":
                raise
            log.info("DingTalk refused the access token (%s): renewing it", exc.code)
            return self._call(method, self.endpoint + path, body, self.access_token(renew=True))

    def _call(self, method: str, url: str, body: dict, token: str | None = None) -> dict:
        headers = {"x-acs-dingtalk-access-token": token} if token else {}
        try:
            response = self.http.request(method, url, json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise DingTalkError(0, type(exc).__name__, str(exc) or type(exc).__name__) from None
        error = _error(response)
        if error is not None:
            raise error
        try:
            data = response.json()
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def close(self) -> None:
        self.http.close()
