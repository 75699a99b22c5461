"""A real headless browser for the web chat tests: Debian's chromium driven by Playwright (the
Python package, which never downloads a browser here: `executable_path` points at Debian's).

`make test` installs the `chromium` package the way it installs PostgreSQL. When it is missing the
tests fail with that hint; they are skipped only on a machine without apt-get (not Debian), where
the Makefile target cannot install it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.foundation.config import REPO_ROOT

CANDIDATES = ("chromium", "chromium-browser")
INSTALL_HINT = ("Debian's chromium is not installed. Fix: run `make test` (its chromium target "
                "installs it), or apt-get install -y --no-install-recommends chromium.")
SCREENSHOTS = Path(os.environ.get("NFPBOT_SCREENSHOTS", REPO_ROOT / "var" / "screenshots" / "web"))


def chromium_path() -> str:
    """The chromium binary; fails (or skips, off Debian) when there is none."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    if shutil.which("apt-get") is None and not os.environ.get("CI"):
        pytest.skip("no chromium and no apt-get to install it (not a Debian machine)")
    pytest.fail(INSTALL_HINT, pytrace=False)


def launch_args() -> list[str]:
    """Flags for a container: no sandbox as root, shared memory in /tmp, no GPU."""
    args = ["--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    return args
