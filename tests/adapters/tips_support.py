"""Set-up shared by the daily-tip tests of both platforms: a fixed clock, a fast retry policy and
a runtime around the session's engine with a fresh state file per test."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.answer.engine import Engine
from bot.foundation.config import Settings
from bot.runtime import Runtime
from bot.tips.broadcast import RetryPolicy

NOW = datetime(2025, 3, 10, 10, 0, tzinfo=UTC)
FAST = RetryPolicy(concurrency=4, max_attempts=4, backoff_seconds=0.05, backoff_max_seconds=0.2,
                   max_retry_after_seconds=1.0)
make_runtime = Runtime.assemble


@pytest.fixture()
def runtime(settings: Settings, engine: Engine, tmp_path: Path) -> Runtime:
    return make_runtime(settings, engine, tmp_path / "state.sqlite3")
