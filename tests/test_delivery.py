"""Who is due when (time zones, DST, missed times), the claim protocol across two processes and a
crash, and the broadcast runner's handling of every outcome: real SQLite files in tmp, explicit
clocks, a recording `send` standing in for a platform (the adapters' tests use the fake servers)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.answers import Answer
from bot.broadcast import RetryPolicy, broadcast, broadcast_due
from bot.commands import Commands
from bot.delivery import DeliveryLog, Due, Outcome
from bot.engine import Engine
from bot.feedback import Feedback
from bot.knowledge import Tip
from bot.runtime import Runtime
from bot.settings_test_helpers import noop  # noqa: F401  (replaced below)
