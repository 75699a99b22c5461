"""What every `nfpbot` subcommand shares: the settings decorator, the engine and runtime builders, and
one-line errors (exit code 2 for configuration and state problems), never a traceback."""

from __future__ import annotations

from pathlib import Path

import click

from bot.answer.engine import Engine
from bot.foundation.config import Settings
from bot.foundation.errors import BotError, ConfigError, StateError

pass_settings = click.make_pass_decorator(Settings)


class StartupError(click.ClickException):
    """The configuration or the state needs a fix before the bot can start: exit code 2."""

    exit_code = 2


def fail(exc: BotError) -> click.ClickException:
    """A one-line error (exit code 2 for configuration and state problems)."""
    if isinstance(exc, (ConfigError, StateError)):
        return StartupError(str(exc))
    return click.ClickException(str(exc))


def engine_for(settings: Settings) -> Engine:
    """The engine over the prepared data directory, or a one-line error."""
    from bot.foundation.datadir import prepare_data_dir
    try:
        prepare_data_dir(settings.data_dir)
        return Engine.from_settings(settings)
    except BotError as exc:
        raise fail(exc) from None


def runtime_for(settings: Settings):
    """Everything a running bot needs (engine, state, commands), or a one-line error."""
    from bot.runtime import Runtime
    try:
        return Runtime.from_settings(settings)
    except BotError as exc:
        raise fail(exc) from None


def knowledge_for(settings: Settings):
    """The validated knowledge base, or a one-line error naming file:line."""
    from bot.knowledge import load_knowledge
    try:
        return load_knowledge(settings.knowledge_path)
    except BotError as exc:
        raise fail(exc) from None


def service_state(settings: Settings):
    """The state the running bot keeps, for an admin command (backup, status, report). Where there
    is none it refuses, saying where it looked: an admin shell without the service's environment
    would otherwise create a new data directory, hash key and empty state, and back that up."""
    from bot.foundation.datadir import prepare_data_dir
    from bot.state import STATE_FILE, open_state
    data = Path(settings.data_dir)
    try:
        if data.exists():
            prepare_data_dir(data)    # a directory the bot could not write either: say that first
        if not settings.state.url and not (data / STATE_FILE).is_file():
            raise StartupError(
                f"no state at {(data / STATE_FILE).absolute()}: this command reads the state of the "
                "running bot and found none there. Fix: run admin commands as the service's user "
                "with its environment file (systemd-run --pty --uid=nfpbot --gid=nfpbot -p "
                "EnvironmentFile=/etc/nfpbot/env ...; docs/deploy.md, Admin commands), or set "
                "NFPBOT_DATA_DIR or NFPBOT_CONFIG as the service does.")
        return open_state(settings)
    except BotError as exc:
        raise fail(exc) from None
