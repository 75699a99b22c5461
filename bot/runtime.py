"""Everything a running bot needs, built once from the settings: engine, state, commands."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from bot.answer.engine import Engine
from bot.commands import Commands
from bot.foundation import redaction
from bot.foundation.config import Secrets, Settings
from bot.foundation.datadir import prepare_data_dir
from bot.foundation.health import Health
from bot.report.feedback import Feedback, QueryLog
from bot.state import STATE_FILE, SQLiteState, State, open_state

log = logging.getLogger(__name__)
__all__ = ["STATE_FILE", "Runtime", "configure_logging"]


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    state: State
    commands: Commands
    feedback: Feedback
    health: Health = field(default_factory=Health)   # readiness checks (adapters/ops.py)

    @classmethod
    def from_settings(cls, settings: Settings) -> Runtime:
        """Data directory (700), state (migrated), then the engine: a bad state fails fast.
        Passages still without vectors (the first start after an upgrade) are embedded in the
        background: the bot answers at once."""
        prepare_data_dir(settings.data_dir)
        state = open_state(settings)
        log.info("state: %s, schema version %d", state.describe(), state.schema_version())
        return cls.assemble(settings, Engine.from_settings(settings, background=True), state)

    @classmethod
    def assemble(cls, settings: Settings, engine: Engine, state: State | Path) -> Runtime:
        """A runtime around an existing engine (tests share one engine across state stores)."""
        if not isinstance(state, State):
            state = SQLiteState(state)
        keep = settings.report.keep_questions
        commands = Commands(engine, state, settings.tips, QueryLog(state, keep), settings.conversation)
        return cls(settings, engine, state, commands, Feedback(state, keep))


def configure_logging(level: str, fmt: str = "text", secrets: Secrets | None = None) -> None:
    """Log to stderr (text, or JSON lines with `log_format: json`), with every token and secret
    masked; chat users never see a traceback, operators do."""
    logging.basicConfig(level=getattr(logging, level, logging.INFO),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if fmt == "json":
        from bot.foundation.logformat import use_json
        use_json()
    redaction.install(redaction.secret_values(secrets or Secrets()))
    for noisy in ("httpx", "apscheduler", "slack_bolt.App", "jieba"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
