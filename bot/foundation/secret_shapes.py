"""A secret whose shape is wrong stops the bot at start, naming the variable and never its value.

The common mistake is a comment after the value in an env file (`TOKEN=123:ABC   # from
@BotFather`): systemd's EnvironmentFile and `docker --env-file` keep the comment as part of the
value, and the platform then refuses the token with an error that does not say why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.foundation.errors import ConfigError

# Shapes the platforms document; deliberately loose (only what every real value has).
_SHAPES: dict[str, tuple[re.Pattern[str], str]] = {
    "TELEGRAM_BOT_TOKEN": (re.compile(r"\d+:[A-Za-z0-9_-]+"), "digits, a colon, then letters"),
    "SLACK_BOT_TOKEN": (re.compile(r"(xoxe\.)?xoxb-[A-Za-z0-9-]+"), "xoxb-…"),
    "SLACK_APP_TOKEN": (re.compile(r"xapp-[A-Za-z0-9-]+"), "xapp-…"),
    "FEISHU_APP_ID": (re.compile(r"cli_[A-Za-z0-9]+"), "cli_…"),
}
_FIX = ("Fix: put comments on their own lines in the env file (systemd and docker keep text after "
        "a value as part of it), without quotes or spaces around the value.")


def check_secret_shapes(values: Mapping[str, str | None]) -> None:
    """Raise ConfigError naming every variable (not its value) that cannot be what it should be."""
    problems = [f"{name} {why}" for name, value in sorted(values.items())
                if value and (why := _problem(name, value))]
    if problems:
        raise ConfigError("environment: " + "; ".join(problems) + ". " + _FIX)


def _problem(name: str, value: str) -> str | None:
    if "PASSWORD" in name:   # a password may hold spaces and quotes; never control characters
        return None if value.isprintable() else "contains control characters"
    if re.search(r"\s#", value):
        return "ends with what looks like a comment"
    if any(ch.isspace() for ch in value):
        return "contains white space"
    if value[0] in "\"'" or value[-1] in "\"'":
        return "is wrapped in quotes"
    if not value.isprintable() or not value.isascii():
        return "contains characters a token never has"
    shape = _SHAPES.get(name)
    if shape and not shape[0].fullmatch(value):
        return f"does not look like a token ({shape[1]})"
    return None
