"""Readiness of a running bot: the index is open, the state answers, the platforms are connected.

Adapters register a check for their platform connection (`health.register("telegram", ...)`);
the ops server asks `report()` for /readyz. A check returns True when ready, False or raises
when not; it must be quick (it runs on every probe).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)
Check = Callable[[], bool]


class Health:
    """Named readiness checks; all must pass for the process to be ready."""

    def __init__(self) -> None:
        self._checks: dict[str, Check] = {}
        self._lock = threading.Lock()

    def register(self, name: str, check: Check) -> None:
        with self._lock:
            self._checks[name] = check

    def report(self) -> dict[str, str]:
        """name -> "ok" or what is wrong (one line, no secrets)."""
        with self._lock:
            checks = dict(self._checks)
        out = {}
        for name, check in checks.items():
            try:
                out[name] = "ok" if check() else "not ready"
            except Exception as exc:  # noqa: BLE001 - a probe must answer, whatever happens
                log.warning("readiness check %s failed: %s", name, exc)
                out[name] = f"error: {type(exc).__name__}"
        return out
