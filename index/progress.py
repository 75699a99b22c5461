"""A progress bar on a terminal (stderr), silence elsewhere: long builds show they are alive
without filling logs or test output."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """`Progress(total, "embedding")`, then `advance(n)` and `close()`."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total, self.label, self.done = max(total, 1), label, 0
        self._stream = stream if stream is not None else sys.stderr
        self._on = bool(getattr(self._stream, "isatty", lambda: False)())
        self._started = self._shown = time.monotonic()

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self._on and (now - self._shown > 0.2 or self.done >= self.total):
            self._shown = now
            share = min(self.done / self.total, 1.0)
            bar = "#" * int(share * 30)
            self._stream.write(f"\r{self.label} [{bar:<30}] {self.done}/{self.total} "
                               f"{now - self._started:5.1f}s")
            self._stream.flush()

    def close(self) -> None:
        if self._on:
            self._stream.write("\n")
            self._stream.flush()
