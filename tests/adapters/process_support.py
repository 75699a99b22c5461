"""Running `nfpbot serve ...` as a real process in a test: a data directory holding the session's
built index (so a process starts in seconds), its environment (no platform variable of the
machine's, DEBUG logging, BM25F alone, any free ops port), the process with its log in a file,
and the checks of that log. Shared by the log, Telegram/Slack, Feishu and DingTalk serve tests."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from bot.foundation.config import REPO_ROOT

# The environment variables a test process must not inherit from the machine.
PLATFORM_VARIABLES = ("TELEGRAM_", "SLACK_", "FEISHU_", "DINGTALK_", "NFPBOT_")


@pytest.fixture()
def data_dir_copy(data_dir: Path, engine, tmp_path: Path) -> Path:
    """A data directory with the session's built index, so each process starts in seconds."""
    target = tmp_path / "var"
    for part in ("index", "cache"):
        if (data_dir / part).exists():
            shutil.copytree(data_dir / part, target / part, symlinks=True)
    return target


def base_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(PLATFORM_VARIABLES)}
    # BM25F alone: the model adds seconds to each start and no secret to the log.
    return env | {"NFPBOT_DATA_DIR": str(data_dir), "NFPBOT_LOG_LEVEL": "DEBUG",
                  "NFPBOT_EMBEDDINGS__PROVIDER": "none",
                  "NFPBOT_OPS__PORT": "0", **extra}   # any free ops port (tests/conftest.py)


@contextmanager
def nfpbot(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """`nfpbot ARGS` with its output in `log` (a file: a full pipe would stall a DEBUG run)."""
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "adapters.cli.main", *args], cwd=REPO_ROOT,
                                env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            yield proc
        except AssertionError as exc:   # say what the process did, not only what it did not
            exited = proc.poll()
            _stop(proc)
            tail = log.read_text(errors="replace")[-4000:]
            raise AssertionError(f"{exc}\n--- nfpbot {' '.join(args)} (exit code {exited}):\n"
                                 f"{tail}") from None
        finally:
            _stop(proc)


@contextmanager
def piped(args: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """`nfpbot ARGS` with no platform variable of the machine's, its output in a pipe read when
    it stops (after SIGINT): a quiet run that must end without a traceback."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(PLATFORM_VARIABLES)}
    proc = subprocess.Popen([sys.executable, "-m", "adapters.cli.main", *args], cwd=REPO_ROOT,
                            env=base | env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        yield proc
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            output = proc.communicate(timeout=15)[0].decode()
        except subprocess.TimeoutExpired:
            proc.kill()
            output = proc.communicate()[0].decode()
        assert "Traceback" not in output, output


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_listening(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


def assert_no_secrets(log: Path, secrets: list[str], masked: list[str]) -> str:
    output = log.read_text(errors="replace")
    for secret in secrets:
        for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
            assert form not in output, f"{form!r} is in the log"
    for label in masked:
        assert f"[redacted {label}]" in output, f"no masked {label} record: the test saw nothing"
    assert "Traceback" not in output, output[-3000:]
    return output
