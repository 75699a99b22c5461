"""The data directory (index, SQLite state, hash key, jieba cache): private to the bot's user.

Why 700 / 600: the state holds chat ids (needed to deliver tips), hashed user ids and their key;
nobody else on the host needs to read them. Failures become one-line `StateError`s with the fix.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from bot.foundation.errors import StateError

log = logging.getLogger(__name__)
DIR_MODE = 0o700
FILE_MODE = 0o600


def prepare_data_dir(path: Path) -> Path:
    """Create `path` (mode 700) if missing; check that it is a writable directory."""
    path = Path(path)
    fix = (f"Fix: create it for the bot's user (mkdir -p {path} && chown USER {path} && chmod 700 {path}) or "
           "point data_dir / NFPBOT_DATA_DIR at a writable directory.")
    try:
        if not path.exists():
            old = os.umask(0o077)
            try:
                path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            finally:
                os.umask(old)
            log.info("created the data directory %s (mode 700)", path)
    except OSError as exc:
        raise StateError(f"data_dir {path} cannot be created: {exc.strerror or exc}. {fix}") from None
    if not path.is_dir():
        raise StateError(f"data_dir {path} is not a directory. {fix}")
    if not os.access(path, os.W_OK | os.X_OK):
        raise StateError(f"data_dir {path} is not writable by this user (uid {os.getuid()}). {fix}")
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        log.warning("data_dir %s is readable by other users (mode %o); chmod 700 %s keeps the state "
                    "private", path, mode, path)
    return path


def private_file(path: Path) -> None:
    """Create `path` empty with mode 600 if missing, else tighten it to 600 (ours to keep private).

    An existing file is never opened here: closing any descriptor of a SQLite database drops the
    POSIX locks every other connection of this process holds on it (SQLite's documented hazard),
    which shows up as "disk I/O error" in a connection already open in WAL mode."""
    try:
        if not os.path.lexists(path):
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
            except FileExistsError:
                pass   # another process made it a moment ago
        if stat.S_IMODE(os.stat(path).st_mode) != FILE_MODE:
            os.chmod(path, FILE_MODE)
    except OSError as exc:
        raise StateError(f"{path} cannot be created or opened: {exc.strerror or exc}. Fix: make "
                         f"its directory writable by the bot's user, or remove the file if it "
                         f"belongs to another user.") from None
