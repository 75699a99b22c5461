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
import re
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
from fakes.slack_api import FakeSlack
from fakes.telegram_api import FakeTelegram, message_update
from process_support import assert_no_secrets, base_env, free_port, nfpbot, wait_listening
from slack_support import post, slash

TELEGRAM_TOKEN = "7000000001:AAF_realistic-token-value-0123456789abcd"
WEBHOOK_SECRET = "wh-secret_0123456789abcdefXYZ"
SLACK_BOT_TOKEN = "xoxb-1111-2222-abcdefABCDEF0123"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
CLIENT_SECRET = "3c1b3e0f9b8a7d6c5e4f3a2b1c0d9e8f"
INSTALLED_TOKEN = "xoxb-installed"   # what the fake's oauth.v2.access hands out


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
