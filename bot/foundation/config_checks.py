"""Settings whose type alone does not make them valid (a time of day, a time zone, web origins,
header names, a conversation lifetime...): checked at start, each with its key, file:line and fix."""

from __future__ import annotations

import difflib
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.foundation.errors import ConfigError

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _check_time(value: Any, key: str, where: str) -> str:
    """A local time of day, 24-hour HH:MM (normalised: 9:05 -> 09:05)."""
    match = _CLOCK.match(str(value).strip())
    if not match:
        raise ConfigError(f"{where}: '{key}' is {value!r}, not a time of day. "
                          "Fix: write a 24-hour time in quotes, e.g. \"09:00\" or \"18:30\".")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _check_timezone(value: Any, key: str, where: str) -> str:
    """An IANA time zone name that this Python's tz database knows."""
    name = str(value).strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        close = difflib.get_close_matches(name, sorted(available_timezones()), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise ConfigError(f"{where}: '{key}' is {value!r}, which is not a time zone{hint}. "
                          "Fix: use an IANA name such as UTC, Asia/Shanghai or Europe/Berlin.") from None
    return name


def _check_documents(value: Any, key: str, where: str) -> bool | str:
    """true, false or auto (1 and 0 are not booleans here: YAML users mean something else)."""
    if value == "auto" or isinstance(value, bool):
        return value
    raise ConfigError(f"{where}: '{key}' is {value!r}. Fix: use auto (embed passages up to "
                      "embeddings.documents_limit), true (always) or false (never).")


_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$|^https?://\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")


def _check_origins(value: Any, key: str, where: str) -> list[str]:
    """Web origins as browsers send them: scheme://host[:port], no path, no trailing slash."""
    out = []
    for origin in value:
        text = str(origin).strip()
        if not _ORIGIN.match(text):
            raise ConfigError(f"{where}: '{key}' has {origin!r}, which is not a web origin. "
                              "Fix: write scheme and host only, e.g. https://www.cbd.int or "
                              "https://intranet.example.org:8443 (no path, no trailing slash).")
        out.append(text.lower())
    return out


def _check_positive(value: Any, key: str, where: str) -> Any:
    if value <= 0:
        raise ConfigError(f"{where}: '{key}' is {value!r}. Fix: use a number above 0.")
    return value


_HEADER = re.compile(r"^[A-Za-z0-9-]+$")


def _check_header(value: Any, key: str, where: str) -> Any:
    """An HTTP header name (or null where allowed)."""
    if value is not None and not _HEADER.match(str(value)):
        raise ConfigError(f"{where}: '{key}' is {value!r}, not an HTTP header name. "
                          "Fix: write a header name such as X-Forwarded-For or X-Forwarded-User.")
    return value


def _check_ttl(value: Any, key: str, where: str) -> float:
    """A conversation lifetime in minutes: above zero, at most a week (context is personal data)."""
    if not 0 < value <= 7 * 24 * 60:
        raise ConfigError(f"{where}: '{key}' is {value!r}, not a lifetime in minutes. "
                          "Fix: write a number of minutes above 0 and at most 10080 (a week), e.g. 30.")
    return float(value)


def _check_base_url(value: Any, key: str, where: str) -> Any:
    """An http(s) base URL without a trailing path to strip (or null where allowed)."""
    if value is not None and not re.match(r"^https?://[^\s/?#]+(/[^\s?#]*)?$", str(value)):
        raise ConfigError(f"{where}: '{key}' is {value!r}, not an http(s) URL. "
                          "Fix: write the API's base URL, e.g. https://api.dingtalk.com, or null.")
    return None if value is None else str(value).rstrip("/")


# Settings whose type alone does not make them valid: checked at start, with the key and the fix.
CHECKS = {"tips.default_time": _check_time, "tips.default_timezone": _check_timezone,
          "embeddings.documents": _check_documents,
          "web.allowed_origins": _check_origins, "web.requests_per_minute": _check_positive,
          "web.max_body_bytes": _check_positive, "web.client_ip_header": _check_header,
          "web.auth_header": _check_header, "conversation.ttl_minutes": _check_ttl,
          "dingtalk.openapi_endpoint": _check_base_url, "dingtalk.timeout_seconds": _check_positive}
