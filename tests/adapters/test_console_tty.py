"""The console on a real terminal (a pseudo-terminal): the banner says how to quit, line editing
keeps a history file in the data directory, the session's language holds, and Ctrl-D leaves."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.foundation.config import REPO_ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


class Terminal:
    def __init__(self, data_dir: Path) -> None:
        self.master, slave = pty.openpty()
        env = dict(os.environ, NFPBOT_DATA_DIR=str(data_dir), COLUMNS="80", TERM="xterm")
        self.proc = subprocess.Popen([sys.executable, "-c", "from adapters.cli.main import main; main()",
                                      "chat"], stdin=slave, stdout=slave, stderr=slave, env=env,
                                     cwd=REPO_ROOT, close_fds=True)
        os.close(slave)
        self.out = b""

    def until(self, token: str, timeout: float = 60) -> bool:
        end = time.monotonic() + timeout
        while token.encode() not in self.out and time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.out += os.read(self.master, 65536)
                except OSError:
                    return False
        return token.encode() in self.out

    def send(self, text: str) -> None:
        self.out = b""
        os.write(self.master, text.encode())

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        os.close(self.master)


def test_interactive_console(data_dir: Path, engine) -> None:
    term = Terminal(data_dir)
    try:
        assert term.until("Ctrl-D") and term.until("> ")
        term.send("lang zh\r")
        assert term.until("中文回答") and term.until("> ")
        term.send("themes\r")
        assert term.until("六个主题") and term.until("> ")
        term.send("\x04")                                   # Ctrl-D on an empty line
        assert term.proc.wait(timeout=20) == 0
    finally:
        term.close()
    history = (data_dir / "console_history").read_text("utf-8")
    assert "lang zh" in history and "themes" in history
