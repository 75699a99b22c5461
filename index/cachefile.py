"""Best-effort pickle caches beside an (immutable) index: written atomically, ignored when
unreadable, so a missing or stale cache only costs start-up time."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any


def read_cache(path: Path | None) -> Any | None:
    """The cached object, or None when there is none or it cannot be read."""
    if path is None:
        return None
    try:
        return pickle.loads(path.read_bytes())  # noqa: S301 - our own file, written below
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
        return None


def write_cache(path: Path | None, value: Any) -> None:
    """Write `value` to `path` atomically; a read-only data dir is not an error."""
    if path is None:
        return
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
