"""The web chat's defences that do not depend on a request's body: where a browser request may
come from (Origin), who may use the chat at all (web.auth), the feedback token, and the headers
that tell the browser to run nothing but our own script.

Why each: a page on another site can make a visitor's browser POST to us, so a request whose
Origin is neither ours nor an allowed one is refused; browsers that send no Origin on a POST are
rare, so feedback (which records a vote in the state) also needs the token printed into our page,
which another site cannot read. Scripts and curl send no Origin and may ask and show freely. The
token is an HMAC of a timestamp and the signed-in user (for web.auth basic or header), so a token
fetched by one user is worthless for another, and tokens outlive a restart when NFPBOT_HASH_KEY
is set (several instances behind one proxy accept each other's).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
import time

from bot.foundation.config import Secrets, WebSettings
from bot.foundation.errors import ConfigError

TOKEN_SECONDS = 24 * 3600


def csp(allowed_origins: list[str]) -> str:
    """Only our own script, style and fetches; embeddable by the allowed origins alone."""
    ancestors = " ".join(allowed_origins) if allowed_origins else "'none'"
    return ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; base-uri 'none'; form-action 'none'; "
            f"frame-ancestors {ancestors}")


def page_headers(allowed_origins: list[str]) -> list[tuple[bytes, bytes]]:
    """Headers of every response: CSP, no sniffing, no referrer, framing as configured."""
    headers = [(b"content-security-policy", csp(allowed_origins).encode("ascii")),
               (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"no-referrer"),
               (b"cross-origin-opener-policy", b"same-origin")]
    if not allowed_origins:
        headers.append((b"x-frame-options", b"DENY"))   # for browsers without frame-ancestors
    return headers


def own_origins(host: str) -> set[str]:
    """The origins of our own page as the browser sees it (the proxy may terminate TLS)."""
    host = host.strip().lower()
    return {f"https://{host}", f"http://{host}"} if host else set()


def origin_allowed(origin: str | None, host: str, allowed: list[str]) -> bool:
    """No Origin (curl, scripts, same-origin GET) or ours or an allowed one."""
    if origin is None:
        return True
    origin = origin.strip().lower()
    return origin in own_origins(host) or origin in allowed


class Tokens:
    """Feedback tokens: `<timestamp>.<hmac(timestamp, user)>`, valid for a day."""

    def __init__(self, key: bytes) -> None:
        self.key = key

    @classmethod
    def from_env(cls) -> Tokens:
        shared = os.environ.get("NFPBOT_HASH_KEY")
        key = hashlib.sha256(b"nfpbot web csrf:" + shared.encode()).digest() if shared else (
            secrets.token_bytes(32))
        return cls(key)

    def issue(self, user: str = "", now: float | None = None) -> str:
        stamp = str(int(time.time() if now is None else now))
        return f"{stamp}.{self._mac(stamp, user)}"

    def valid(self, token: str | None, user: str = "", now: float | None = None) -> bool:
        if not token or "." not in token or len(token) > 200:
            return False
        stamp, _, mac = token.partition(".")
        if not stamp.isdigit():
            return False
        age = (time.time() if now is None else now) - int(stamp)
        return 0 <= age <= TOKEN_SECONDS and hmac.compare_digest(mac, self._mac(stamp, user))

    def _mac(self, stamp: str, user: str) -> str:
        return hmac.new(self.key, f"{stamp}\n{user}".encode(), hashlib.sha256).hexdigest()


class Access:
    """web.auth: who may use the chat. `user()` is the signed-in name ("" without auth), or None
    when the request must be refused."""

    def __init__(self, settings: WebSettings, secrets_: Secrets) -> None:
        self.mode = settings.auth
        self.header = settings.auth_header.lower().encode("latin-1")
        self._user = (secrets_.nfpbot_web_user or "").encode("utf-8")
        self._password = (secrets_.nfpbot_web_password or "").encode("utf-8")
        if self.mode == "basic" and not (self._user and self._password):
            raise ConfigError("web.auth is basic but NFPBOT_WEB_USER or NFPBOT_WEB_PASSWORD is "
                              "not set. Fix: export both (credentials come only from the "
                              "environment), or set web.auth to none or header.")

    def user(self, headers: dict[bytes, bytes]) -> str | None:
        if self.mode == "none":
            return ""
        if self.mode == "header":
            value = headers.get(self.header, b"").strip()
            return value.decode("utf-8", "replace") if value else None
        return self._basic(headers.get(b"authorization", b""))

    def _basic(self, value: bytes) -> str | None:
        scheme, _, encoded = value.partition(b" ")
        if scheme.lower() != b"basic":
            return None
        try:
            user, sep, password = base64.b64decode(encoded.strip(), validate=True).partition(b":")
        except (binascii.Error, ValueError):
            return None
        ok = hmac.compare_digest(user, self._user) & hmac.compare_digest(password, self._password)
        return user.decode("utf-8", "replace") if sep and ok else None

    def challenge(self) -> list[tuple[bytes, bytes]]:
        """The headers of a refusal: basic asks the browser for credentials."""
        if self.mode == "basic":
            return [(b"www-authenticate", b'Basic realm="nfpbot", charset="UTF-8"')]
        return []
