"""The daily-tips checker of the platforms that have no job queue of their own (Slack, Feishu,
DingTalk; Telegram uses PTB's JobQueue): a daemon thread that runs a delivery pass every
`tips.check_seconds` until stopped. One pass is `broadcast_due` (exactly-once through the state);
a failed pass is logged and the next one tries again."""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.tips.broadcast import Clock, RetryPolicy, Send, broadcast_due, utc_now

if TYPE_CHECKING:
    from bot.runtime import Runtime

log = logging.getLogger(__name__)


@dataclass
class TipsLoop:
    """The running checker; `stop()` ends it after the current pass."""

    thread: threading.Thread
    stopping: threading.Event

    def stop(self, timeout: float = 10.0) -> None:
        self.stopping.set()
        self.thread.join(timeout)


def start_checker(runtime: Runtime, platform: str, send: Send, clock: Clock = utc_now,
                  policy: RetryPolicy | None = None, every: float | None = None) -> TipsLoop:
    """Deliver `platform`'s due tips through `send` every `every` seconds (default
    tips.check_seconds; 0 switches the tips off) in a daemon thread."""
    every = runtime.settings.tips.check_seconds if every is None else every
    stopping = threading.Event()
    if every <= 0:
        log.info("daily tips are switched off (tips.check_seconds is 0)")
        stopping.set()  # the loop below ends at once

    def loop() -> None:
        while not stopping.is_set():
            try:
                report = asyncio.run(broadcast_due(runtime, platform, send, clock=clock,
                                                   policy=policy))
                if report.due:
                    log.info("daily tips (%s): %s", platform,
                             report.as_dict() | {"events": len(report.events)})
            except Exception:
                log.exception("daily tips pass failed (%s)", platform)
            stopping.wait(every)

    thread = threading.Thread(target=loop, name=f"{platform}-tips", daemon=True)
    thread.start()
    return TipsLoop(thread, stopping)
