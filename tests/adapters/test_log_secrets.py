"""No token or secret in the log at DEBUG: `nfpbot serve all` runs as a real process against the
loopback fakes (Telegram long polling next to Slack's OAuth install flow; Telegram webhook next to
Slack HTTP mode) and its whole output is searched for every secret value, plain and URL-encoded.

At DEBUG, python-telegram-bot logs the Bot API URL (with the bot token) and setWebhook's
parameters (with the webhook secret), and slack_sdk logs oauth.v2.access's response (the new
workspace's bot token): each run checks that those records were written, masked, rather than not
written at all.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, quote, quote_plus, urlsplit

import httpx
import pytest
from fakes.slack_api import FakeSlack
from fakes.telegram_api import FakeTelegram, message_update
from slack_support import post, slash

from bot.foundation.config import REPO_ROOT

TELEGRAM_TOKEN = "7000000001:AAF_realistic-token-value-0123456789abcd"
WEBHOOK_SECRET = "wh-secret_0123456789abcdefXYZ"
SLACK_BOT_TOKEN = "xoxb-1111-2222-abcdefABCDEF0123"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
CLIENT_SECRET = "3c1b3e0f9b8a7d6c5e4f3a2b1c0d9e8f"
INSTALLED_TOKEN = "xoxb-installed"   # what the fake's oauth.v2.access hands out


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
           if not k.startswith(("TELEGRAM_", "SLACK_", "NFPBOT_"))}
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


def test_telegram_webhook_and_slack_http_at_debug_log_no_secret(data_dir_copy: Path,
                                                                 tmp_path: Path) -> None:
    log = tmp_path / "all.log"
    webhook_port, slack_port = free_port(), free_port()
    with FakeTelegram() as telegram, FakeSlack() as slack:
        env = base_env(data_dir_copy, TELEGRAM_BOT_TOKEN=TELEGRAM_TOKEN,
                       TELEGRAM_WEBHOOK_SECRET=WEBHOOK_SECRET, SLACK_BOT_TOKEN=SLACK_BOT_TOKEN,
                       SLACK_SIGNING_SECRET=SIGNING_SECRET,
                       NFPBOT_TELEGRAM__BASE_URL=telegram.base_url,
                       NFPBOT_TELEGRAM__BASE_FILE_URL=telegram.file_url,
                       NFPBOT_TELEGRAM__MODE="webhook", NFPBOT_TELEGRAM__WEBHOOK_LISTEN="127.0.0.1",
                       NFPBOT_TELEGRAM__WEBHOOK_PORT=str(webhook_port),
                       NFPBOT_TELEGRAM__WEBHOOK_URL="https://bot.example.org/telegram",
                       NFPBOT_SLACK__API_URL=slack.url, NFPBOT_SLACK__HTTP_HOST="127.0.0.1")
        with nfpbot(["serve", "all", "--http", "--port", str(slack_port)], env, log):
            telegram.wait_for("setWebhook", 1, timeout=30)
            wait_listening(webhook_port)
            update = message_update("/help", chat_id=96, user_id=96) | {"update_id": 9601}
            reply = httpx.post(f"http://127.0.0.1:{webhook_port}/telegram", json=update,
                               headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET})
            assert reply.status_code == 200
            telegram.wait_for("sendMessage", 1, timeout=15)
            wait_listening(slack_port)
            url = f"http://127.0.0.1:{slack_port}/slack/events"
            body = slash("themes", slack.response_url("log"))
            assert post(url, body, secret=SIGNING_SECRET)[0] == 200
            assert post(url, body, secret="forged")[0] == 401
            assert post(url, body, headers={"x-slack-request-timestamp": "abc",
                                            "x-slack-signature": "v0=00"})[0] == 401
            slack.wait_for("response_url", 1, timeout=15)
    assert_no_secrets(log, [TELEGRAM_TOKEN, WEBHOOK_SECRET, SLACK_BOT_TOKEN, SIGNING_SECRET],
                      masked=["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET"])


def test_telegram_polling_and_slack_oauth_at_debug_log_no_secret(data_dir_copy: Path,
                                                                  tmp_path: Path) -> None:
    """`serve all`: Telegram long polling next to Slack HTTP mode for several workspaces, with a
    workspace installing the app (its new bot token comes back from oauth.v2.access)."""
    log = tmp_path / "polling-oauth.log"
    port = free_port()
    with FakeTelegram() as telegram, FakeSlack() as slack:
        env = base_env(data_dir_copy, TELEGRAM_BOT_TOKEN=TELEGRAM_TOKEN,
                       NFPBOT_TELEGRAM__BASE_URL=telegram.base_url,
                       NFPBOT_TELEGRAM__BASE_FILE_URL=telegram.file_url,
                       SLACK_CLIENT_ID="111.222", SLACK_CLIENT_SECRET=CLIENT_SECRET,
                       SLACK_SIGNING_SECRET=SIGNING_SECRET, NFPBOT_SLACK__API_URL=slack.url,
                       NFPBOT_SLACK__HTTP_HOST="127.0.0.1")
        with nfpbot(["serve", "all", "--http", "--port", str(port)], env, log):
            telegram.push_update(message_update("How can national reporting be harmonised?",
                                                chat_id=95, user_id=95))
            telegram.wait_for("sendMessage", 1, timeout=30)
            wait_listening(port)
            base = f"http://127.0.0.1:{port}"
            with urllib.request.urlopen(f"{base}/slack/install", timeout=10) as page:
                html, cookie = page.read().decode(), page.headers["Set-Cookie"].split(";")[0]
            authorize = re.search(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', html)
            assert authorize is not None
            state = parse_qs(urlsplit(authorize.group(1).replace("&amp;", "&")).query)["state"][0]
            request = urllib.request.Request(f"{base}/slack/oauth_redirect?code=c0de&state={state}",
                                             headers={"Cookie": cookie})
            with urllib.request.urlopen(request, timeout=10) as done:
                assert done.status == 200
            assert post(f"{base}/slack/events", slash("tip", slack.response_url("o")),
                        secret=SIGNING_SECRET)[0] == 200
            slack.wait_for("response_url", 1, timeout=15)
    output = assert_no_secrets(log, [TELEGRAM_TOKEN, CLIENT_SECRET, SIGNING_SECRET, INSTALLED_TOKEN],
                               masked=["TELEGRAM_BOT_TOKEN"])
    assert '"access_token": "[redacted token]"' in output   # the new workspace's, by its shape


def test_the_filter_masks_message_args_and_exception_text() -> None:
    from bot.foundation.redaction import RedactSecrets
    redactor = RedactSecrets({"SLACK_SIGNING_SECRET": "s3cr3t:value", "SHORT": "ab"})
    logger = logging.getLogger("test.redaction")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append   # type: ignore[method-assign]
    handler.addFilter(redactor)
    logger.addHandler(handler)
    try:
        logger.error("url %s and %r", "https://x/s3cr3t:value/y", {"t": "xoxp-9-9-abc"})
        try:
            raise ValueError("bad token s3cr3t%3Avalue 123456789:" + "A" * 35)
        except ValueError:
            logger.exception("failed with %d", 1)
    finally:
        logger.removeHandler(handler)
    formatted = [logging.Formatter().format(r) for r in records]
    assert "s3cr3t" not in "".join(formatted) and "xoxp-9" not in formatted[0]
    assert "[redacted SLACK_SIGNING_SECRET]" in formatted[0] and "AAAAA" not in formatted[1]
    assert "ab" in redactor.redact("ab")   # too short to be a secret: left alone
    assert "pa55" not in redactor.redact("state.url postgresql://nfpbot:pa55w0rd@db:5432/nfp")
    from bot.foundation.redaction import secret_values
    assert secret_values(object(), {"NFPBOT_HASH_KEY": "00ff" * 16})["NFPBOT_HASH_KEY"] == "00ff" * 16
