"""The web chat as an ASGI application: the page, its static files and the JSON API, behind the
checks every request passes before any work is done.

Order, cheapest first and nothing read that need not be: path (404) and method (405); access
(web.auth, 401); for /api/: the Origin (403 unless ours or allowed), the client's rate (429 with
a message and Retry-After), the feedback token (403); then the body within the shared limits
(413 announced or grown too large, 408 too slow; adapters/asgi_request.py), parsed as a JSON
object (400). The work runs on a thread pool, never on the event loop. Nothing raised reaches
the server: a failure is logged once (method and path, never the client's address) and answered
500 with the polite error message, no traceback.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qs, unquote

from adapters.asgi_request import (
    Disconnected,
    Headers,
    Limits,
    Receive,
    Refused,
    Scope,
    Send,
    Started,
    check_length,
    header_map,
    lifespan,
    read_body,
    respond,
)
from adapters.web import api, page, security
from adapters.web.ratelimit import RateLimiter, retry_after
from bot.runtime import Runtime

log = logging.getLogger(__name__)
STATIC = {"/chat.js": b"text/javascript; charset=utf-8", "/chat.css": b"text/css; charset=utf-8",
          "/widget.js": b"text/javascript; charset=utf-8"}
TOKEN_HEADER = b"x-csrf-token"


class WebApp:
    """ASGI application of the web chat for one runtime."""

    def __init__(self, runtime: Runtime, limits: Limits | None = None,
                 tokens: security.Tokens | None = None) -> None:
        web = runtime.settings.web
        self.runtime = runtime
        self.messages = runtime.engine.messages
        self.allowed = list(web.allowed_origins)
        self.limits = limits or Limits(max_body=web.max_body_bytes)
        self.access = security.Access(web, runtime.settings.secrets)
        self.tokens = tokens or security.Tokens.from_env()
        self.limiter = RateLimiter(web.requests_per_minute)
        self.ip_header = web.client_ip_header.lower().encode() if web.client_ip_header else None
        self.default_ui = runtime.engine.default_lang
        self.executor = ThreadPoolExecutor(self.limits.dispatch_threads, "web-api")
        self.base_headers = security.page_headers(self.allowed)
        self.assets = {path: page.asset(path[1:]) for path in STATIC}

    def close(self) -> None:
        self.executor.shutdown(wait=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await lifespan(receive, send)
            return
        if scope["type"] != "http":
            await send({"type": "websocket.close", "code": 1008})   # no websockets here
            return
        started = Started(send)
        headers = header_map(scope)
        lang = page.ui_lang(None, headers.get(b"accept-language", b"").decode("latin-1"),
                            self.default_ui)
        lang = "en" if lang == "en" else "zh"
        try:
            await self._route(scope, headers, receive, started)
        except Refused as refusal:
            await self._json(started, refusal.status, {"error": refusal.reason},
                             refusal.headers, close=True)
        except api.BadRequest as exc:
            message = self.messages.get("web_bad_request", lang, reason=str(exc))
            await self._json(started, 400, {"error": message})
        except Disconnected:
            return
        except Exception:  # noqa: BLE001 - the one catch-all of the web chat: log, answer 500
            log.exception("web request %s %s failed", scope.get("method"), scope.get("path"))
            if not started.done:
                await self._json(started, 500, {"error": self.messages.get("error", lang)},
                                 close=True)

    # -- routing -------------------------------------------------------------------------------

    async def _route(self, scope: Scope, headers: dict[bytes, bytes], receive: Receive,
                     send: Send) -> None:
        method, path = scope["method"], scope["path"]
        is_api = path.startswith("/api/")
        if not (path == "/" or path in STATIC or path in ("/api/ask", "/api/feedback")
                or path.startswith("/api/show/")):
            raise Refused(404, "Not Found")
        allowed_methods = ("POST", "OPTIONS") if path in ("/api/ask", "/api/feedback") else (
            ("GET", "HEAD", "OPTIONS") if is_api else ("GET", "HEAD"))
        if method not in allowed_methods:
            raise Refused(405, "Method Not Allowed", [(b"allow", ", ".join(allowed_methods).encode())])
        lang = self._lang(headers)
        user = self.access.user(headers)
        if user is None:
            raise Refused(401, self.messages.get("web_auth_needed", lang), self.access.challenge())
        if not is_api:
            await self._static(scope, send, user, path)
            return
        origin = headers.get(b"origin")
        origin_text = origin.decode("latin-1") if origin is not None else None
        host = headers.get(b"host", b"").decode("latin-1")
        if not security.origin_allowed(origin_text, host, self.allowed):
            raise Refused(403, self.messages.get("web_origin_refused", lang))
        cors = self._cors(origin_text, host)
        if method == "OPTIONS":
            await respond(send, 204, b"", b"text/plain", self.base_headers + cors + [
                (b"access-control-allow-methods", b"GET, POST"),
                (b"access-control-allow-headers", b"content-type, x-csrf-token"),
                (b"access-control-max-age", b"600")])
            return
        wait = self.limiter.allow(self._client(scope, headers))
        if wait:
            seconds = retry_after(wait)
            raise Refused(429, self.messages.get("rate_limited", lang, seconds=seconds),
                          cors + [(b"retry-after", str(seconds).encode())])
        if path == "/api/feedback" and not self.tokens.valid(
                headers.get(TOKEN_HEADER, b"").decode("latin-1"), user):
            raise Refused(403, self.messages.get("web_token_refused", lang), cors)
        extra = cors + [(b"x-csrf-token", self.tokens.issue(user).encode())]
        if path.startswith("/api/show/"):
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            item = unquote(path[len("/api/show/"):])
            result = await self._work(api.show, item, _first(query, "lang"),
                                      _first(query, "script"))
            await self._json(send, 200, result, extra)
            return
        check_length(headers, self.limits)
        data = _json_object(await read_body(receive, self.limits))
        handler = api.ask if path == "/api/ask" else api.feedback
        await self._json(send, 200, await self._work(handler, data), extra)

    async def _static(self, scope: Scope, send: Send, user: str, path: str) -> None:
        if path == "/":
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            headers = header_map(scope)
            ui = page.ui_lang(_first(query, "lang"),
                              headers.get(b"accept-language", b"").decode("latin-1"),
                              self.default_ui)
            body = page.render(self.messages, ui, self.tokens.issue(user),
                               _first(query, "embed") == "1")
            await respond(send, 200, body, b"text/html; charset=utf-8",
                          self.base_headers + [(b"cache-control", b"no-store"),
                                               (b"vary", b"accept-language")])
            return
        extra = [(b"cache-control", b"max-age=300")]
        if path == "/widget.js":   # loaded by <script src> on the sites that embed the chat
            extra.append((b"cross-origin-resource-policy", b"cross-origin"))
        await respond(send, 200, self.assets[path], STATIC[path], self.base_headers + extra)

    # -- helpers -------------------------------------------------------------------------------

    async def _work(self, call: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, call, self.runtime, *args)

    async def _json(self, send: Send, status: int, data: dict[str, Any],
                    headers: Headers | None = None, close: bool = False) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        await respond(send, status, body, b"application/json; charset=utf-8",
                      self.base_headers + [(b"cache-control", b"no-store"), *(headers or [])],
                      close)

    def _lang(self, headers: dict[bytes, bytes]) -> str:
        ui = page.ui_lang(None, headers.get(b"accept-language", b"").decode("latin-1"),
                          self.default_ui)
        return "en" if ui == "en" else "zh"

    def _cors(self, origin: str | None, host: str) -> Headers:
        """CORS headers for an allowed other site (its own front end on our API)."""
        if origin is None or origin.lower() in security.own_origins(host):
            return []
        return [(b"access-control-allow-origin", origin.encode("latin-1")),
                (b"vary", b"origin"), (b"access-control-expose-headers", b"x-csrf-token")]

    def _client(self, scope: Scope, headers: dict[bytes, bytes]) -> str:
        """Who the rate limit counts: the peer, or the address the trusted proxy passes on."""
        if self.ip_header is not None:
            value = headers.get(self.ip_header, b"").decode("latin-1")
            last = value.rsplit(",", 1)[-1].strip()
            if last:
                return last
        client = scope.get("client") or ("", 0)
        return str(client[0])


def _first(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise api.BadRequest("the body must be a JSON object in UTF-8") from None
    if not isinstance(data, dict):
        raise api.BadRequest("the body must be a JSON object")
    return data
