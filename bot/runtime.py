"""Everything a running bot needs, built once from the settings: engine, state, commands."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from bot import redaction
from bot.commands import Commands
from bot.config import Secrets, Settings
from bot.engine import Engine
from bot.feedback import Feedback
from bot.state import State

STATE_FILE = "state.sqlite3"


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    state: State
    commands: Commands
    feedback: Feedback

    @classmethod
    def from_settings(cls, settings: Settings) -> Runtime:
        return cls.assemble(settings, Engine.from_settings(settings),
                            Path(settings.data_dir) / STATE_FILE)

    @classmethod
    def assemble(cls, settings: Settings, engine: Engine, state_path: Path) -> Runtime:
        """A runtime around an existing engine (tests share one engine across state files)."""
        state = State(state_path)
        return cls(settings, engine, state, Commands(engine, state, settings.tips), Feedback(state))


def configure_logging(level: str, secrets: Secrets | None = None) -> None:
    """Log to stderr, with every token and secret masked; chat users never see a traceback,
    operators do."""
    logging.basicConfig(level=getattr(logging, level, logging.INFO),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    redaction.install(redaction.secret_values(secrets or Secrets()))
    for noisy in ("httpx", "apscheduler", "slack_bolt.App", "jieba"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
