"""The key of the keyed hashes of user ids: from NFPBOT_HASH_KEY, else a 600 file beside the state.

Why not in the database (as before schema 3): a copy of the database alone must not be enough to
test a guessed user id against the stored hashes. Several instances on one PostgreSQL database
must hash alike, so there the key comes from the environment (the same value on every instance).
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from bot.foundation.datadir import FILE_MODE, private_file
from bot.foundation.errors import StateError

log = logging.getLogger(__name__)
HASH_KEY_ENV = "NFPBOT_HASH_KEY"
KEY_FILE = "hash.key"
GENERATE = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


def key_from_env(env: Mapping[str, str]) -> bytes | None:
    """NFPBOT_HASH_KEY as bytes (64 hex characters), None when unset."""
    value = (env.get(HASH_KEY_ENV) or "").strip()
    if not value:
        return None
    try:
        key = bytes.fromhex(value)
    except ValueError:
        key = b""
    if len(key) < 16:
        raise StateError(f"{HASH_KEY_ENV} must be at least 32 hexadecimal characters. Fix: "
                         f"export {HASH_KEY_ENV}=$({GENERATE}).")
    return key


def key_from_file(path: Path, legacy: bytes | None = None) -> bytes:
    """The key in `path`; created (600) on first start, from `legacy` if the old schema had one."""
    if path.exists():
        private_file(path)
        return _read(path)
    value = legacy or secrets.token_bytes(32)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    private_file(tmp)
    tmp.write_text(value.hex() + "\n", "ascii")
    try:
        os.link(tmp, path)       # atomic and exclusive: of two starting processes one key wins
        log.info("hash key %s %s (mode 600)", "moved from the database to" if legacy else
                 "created in", path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return _read(path)


def _read(path: Path) -> bytes:
    try:
        return bytes.fromhex(path.read_text("ascii").strip())
    except (ValueError, UnicodeDecodeError):
        raise StateError(f"{path} is not a hash key (64 hexadecimal characters). Fix: restore it "
                         f"from a backup; a new key (delete the file) makes stored preferences "
                         f"and votes unrecognisable.") from None


__all__ = ["FILE_MODE", "HASH_KEY_ENV", "KEY_FILE", "key_from_env", "key_from_file"]
