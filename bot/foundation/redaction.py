"""Keeps tokens and secrets out of the log, whatever the level and whichever library logs.

At DEBUG, python-telegram-bot logs Bot API URLs (which hold the bot token) and the parameters of
setWebhook (the webhook secret); slack_sdk logs response bodies (the bot token of a workspace that
just installed the app). A filter on the root handlers rewrites every record that reaches them:
the configured secrets, the state's hash key and PostgreSQL password (also percent-encoded, as
they appear in URLs), and anything shaped like a Slack or Telegram token, a URL's user:password,
a DingTalk stream ticket or session webhook (so that workspace tokens from the OAuth installation
store, which no setting names, are caught too) are replaced in the message, its arguments, the exception text and the stack text.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote, quote_plus

# Shapes of tokens no configuration names: workspace bot/user tokens (xoxb-, xoxp-, ...), app-level
# tokens (xapp-), and Telegram bot tokens (digits:35 characters).
TOKEN_SHAPES = (r"\bxox[a-z]-[A-Za-z0-9-]{4,}", r"\bxapp-[A-Za-z0-9-]{4,}",
                r"\b\d{5,16}:[A-Za-z0-9_-]{30,}",
                r"(?<=://)[^\s/:@]+:[^\s/@]+(?=@)",   # user:password@ in a URL (state.url)
                # Feishu/Lark: tenant access tokens, and the long connection's URL credentials
                # (lark_oapi logs "connected to wss://...?access_key=...&ticket=..." at INFO)
                r"\bt-[A-Za-z0-9_]{20,}", r"(?<=[?&]access_key=)[^&\s'\"]+",
                r"(?<=[?&]ticket=)[^&\s'\">]+",
                # DingTalk: the stream gateway's ticket in the websocket URL, a message's session
                # webhook (a URL anyone holding it may post to the chat through)
                r"(?<=[?&]session=)[^\s&\"'>]{4,}")
# Secrets read from the environment outside the settings (the state's hash key, PostgreSQL's).
ENVIRONMENT_SECRETS = ("NFPBOT_HASH_KEY", "PGPASSWORD")
MIN_SECRET = 4   # shorter values are no real secret and would blank out ordinary words


class RedactSecrets(logging.Filter):
    """A logging filter that masks secrets in every record it sees (never drops one)."""

    def __init__(self, secrets: Mapping[str, str | None] | None = None) -> None:
        super().__init__()
        self._labels: dict[str, str] = {}
        self._pattern = re.compile("|".join(TOKEN_SHAPES))
        for name, value in (secrets or {}).items():
            self.add(name, value)

    def add(self, name: str, value: str | None) -> None:
        """Mask `value` (and its URL-encoded forms) as [redacted NAME] from now on."""
        if not value or len(value) < MIN_SECRET:
            return
        for form in (value, quote(value, safe=""), quote_plus(value)):
            self._labels[form] = f"[redacted {name}]"
        known = sorted(self._labels, key=len, reverse=True)   # longest first: no partial masks
        self._pattern = re.compile("|".join([*map(re.escape, known), *TOKEN_SHAPES]))

    def redact(self, text: str) -> str:
        return self._pattern.sub(lambda m: self._labels.get(m.group(), "[redacted token]"), text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is the handler's to report
            return True
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def secret_values(secrets: object, env: Mapping[str, str] | None = None) -> dict[str, str | None]:
    """NAME -> value of each secret field of a `Secrets` (the client id is public, not masked),
    and of the secrets other parts read from the environment."""
    names = getattr(secrets, "__dataclass_fields__", {})
    values = {name.upper(): getattr(secrets, name) for name in names if name != "slack_client_id"}
    env = os.environ if env is None else env
    return values | {name: env.get(name) for name in ENVIRONMENT_SECRETS}


def install(secrets: Mapping[str, str | None],
            handlers: Iterable[logging.Handler] | None = None) -> RedactSecrets:
    """Put one `RedactSecrets` on the root logger's handlers (replacing an earlier one)."""
    redactor = RedactSecrets(secrets)
    for handler in handlers if handlers is not None else logging.getLogger().handlers:
        for old in [f for f in handler.filters if isinstance(f, RedactSecrets)]:
            handler.removeFilter(old)
        handler.addFilter(redactor)
    return redactor
