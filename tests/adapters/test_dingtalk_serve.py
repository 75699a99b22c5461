"""`nfpbot serve dingtalk` as a process against the fake DingTalk open platform, at DEBUG: it
connects in Stream mode, answers, reports the connection on /readyz, counts by platform on
/metrics, and logs no secret (client secret, access token, stream ticket, session webhook)."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

import pytest
from fakes.dingtalk_api import CLIENT_ID, CLIENT_SECRET, FakeDingTalk
from process_support import assert_no_secrets, base_env, free_port, nfpbot

from adapters.serve import enabled_platforms
from bot.foundation.config import load_settings


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def ready(port: int, timeout: float = 10.0) -> dict:
    """/readyz once it answers 200 (the client marks its socket open just after the server)."""
    deadline = time.monotonic() + timeout
    while (status := get(f"http://127.0.0.1:{port}/readyz"))[0] != 200:
        assert time.monotonic() < deadline, status
        time.sleep(0.05)
    return json.loads(status[1])


def test_serve_dingtalk_answers_reports_ready_and_logs_no_secret(data_dir_copy: Path,
                                                                  tmp_path: Path) -> None:
    log, ops = tmp_path / "dingtalk.log", free_port()
    with FakeDingTalk() as fake:
        env = base_env(data_dir_copy, DINGTALK_CLIENT_ID=CLIENT_ID,
                       DINGTALK_CLIENT_SECRET=CLIENT_SECRET,
                       NFPBOT_DINGTALK__OPENAPI_ENDPOINT=fake.url, NFPBOT_OPS__PORT=str(ops))
        with nfpbot(["serve", "dingtalk"], env, log):
            assert fake.wait_connections(1, timeout=40), "serve dingtalk did not connect"
            data = fake.chatbot_message("什么是国家联络点？", private=False, conversation="cidS")
            fake.push(data, close_after=True)
            (reply,) = fake.wait_for("webhook", session=f"s-{data['msgId']}", timeout=30)
            assert "[1]" in reply.markdown
            assert fake.wait_connections(2, timeout=20)
            assert ready(ops)["dingtalk"] == "ok"
            metrics = get(f"http://127.0.0.1:{ops}/metrics")[1]
            assert 'nfpbot_questions_total{lang="zh",outcome="answered",platform="dingtalk"}' \
                in metrics
            fake.close_socket()
            fake.fail("open", status=503, times=1)   # the gateway away for a moment
            assert fake.wait_connections(3, timeout=20)
            assert ready(ops)["dingtalk"] == "ok"
        tokens = list(fake.tokens)
    output = assert_no_secrets(log, [CLIENT_SECRET, *tokens], masked=[])
    assert f"s-{data['msgId']}" not in output and "[redacted token]" in output


def test_serve_all_includes_dingtalk_when_its_credentials_are_set(tmp_path: Path) -> None:
    env = {"NFPBOT_DATA_DIR": str(tmp_path)}
    assert "dingtalk" not in enabled_platforms(load_settings(env=env))
    assert "dingtalk" not in enabled_platforms(load_settings(env=env | {
        "DINGTALK_CLIENT_ID": CLIENT_ID}))
    settings = load_settings(env=env | {"DINGTALK_CLIENT_ID": CLIENT_ID,
                                        "DINGTALK_CLIENT_SECRET": CLIENT_SECRET})
    assert "dingtalk" in enabled_platforms(settings)
    assert settings.secrets.dingtalk_client_secret == CLIENT_SECRET


def test_the_log_filter_masks_a_stream_ticket_and_a_session_webhook() -> None:
    from bot.foundation.redaction import RedactSecrets
    line = ("> GET /connect?ticket=3f1c2b9a-77aa-4e0c-9d1f-0a1b2c3d4e5f HTTP/1.1 "
            "POST https://oapi.dingtalk.com/robot/sendBySession?session=9c8b7a6f5e4d3c2b1a0f")
    masked = RedactSecrets({}).redact(line)
    assert "3f1c2b9a" not in masked and "9c8b7a6f" not in masked
    assert masked.count("[redacted token]") == 2 and "/robot/sendBySession?session=" in masked


def test_serve_dingtalk_without_the_secret_stops_with_the_fix(tmp_path: Path) -> None:
    from adapters.serve import serve_platforms
    from bot.foundation.errors import ConfigError
    settings = load_settings(env={"NFPBOT_DATA_DIR": str(tmp_path),
                                  "DINGTALK_CLIENT_ID": CLIENT_ID})
    with pytest.raises(ConfigError) as caught:
        serve_platforms(settings, "dingtalk")
    message = str(caught.value)
    assert "DINGTALK_CLIENT_SECRET" in message and "docs/dingtalk.md" in message
    assert "DINGTALK_CLIENT_ID" not in message.split(" not set")[0]


def test_a_wrong_dingtalk_setting_stops_at_start_with_the_fix(tmp_path: Path) -> None:
    from bot.foundation.errors import ConfigError
    env = {"NFPBOT_DATA_DIR": str(tmp_path)}
    for name, value in (("NFPBOT_DINGTALK__OPENAPI_ENDPOINT", "api.dingtalk.com"),
                        ("NFPBOT_DINGTALK__SEND_ATTEMPTS", "0"),
                        ("NFPBOT_DINGTALK__TIMEOUT_SECONDS", "0")):
        with pytest.raises(ConfigError) as caught:
            load_settings(env=env | {name: value})
        assert name in str(caught.value) and "Fix:" in str(caught.value)
    settings = load_settings(env=env | {"NFPBOT_DINGTALK__OPENAPI_ENDPOINT": "http://10.0.0.1:8/"})
    assert settings.dingtalk.openapi_endpoint == "http://10.0.0.1:8"
