"""`nfpbot serve web` and `serve all` with web.enabled, as processes: the chat answers over HTTP,
/readyz reports the web platform, and questions are counted under platform "web"."""

from __future__ import annotations

import time

import httpx
import pytest
from process_support import free_port, piped
from prometheus_client.parser import text_string_to_metric_families
from state_support import TEST_HASH_KEY

from bot.answer.engine import Engine
from bot.foundation.config import Settings


def wait_ok(url: str, timeout: float = 60) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while True:
        try:
            response = httpx.get(url, timeout=5)
            if response.status_code == 200:
                return response
        except httpx.TransportError:
            response = None
        assert time.monotonic() < deadline, f"{url}: {response and response.text}"
        time.sleep(0.1)


def questions(ops: str, **labels: str) -> float:
    for family in text_string_to_metric_families(httpx.get(f"{ops}/metrics", timeout=5).text):
        for s in family.samples:
            if s.name == "nfpbot_questions_total" and all(
                    s.labels.get(k) == v for k, v in labels.items()):
                return s.value
    return 0.0


@pytest.mark.parametrize("how", ["serve web", "serve all"])
def test_serve_web_answers_and_reports_ready(settings: Settings, engine: Engine, how: str) -> None:
    ops_port, web_port = free_port(), free_port()
    ops, web = f"http://127.0.0.1:{ops_port}", f"http://127.0.0.1:{web_port}"
    env = {"NFPBOT_DATA_DIR": str(settings.data_dir), "NFPBOT_OPS__PORT": str(ops_port),
           "NFPBOT_HASH_KEY": TEST_HASH_KEY.hex(), "NFPBOT_TIPS__CHECK_SECONDS": "0"}
    if how == "serve web":
        args = ["serve", "web", "--port", str(web_port)]
    else:   # no platform token: web alone, because it is enabled
        args = ["serve", "all"]
        env |= {"NFPBOT_WEB__ENABLED": "true", "NFPBOT_WEB__PORT": str(web_port)}
    with piped(args, env):
        assert wait_ok(f"{ops}/readyz").json() == {"index": "ok", "state": "ok", "web": "ok"}
        assert "<title>" in wait_ok(f"{web}/").text
        before = questions(ops, platform="web", lang="en", outcome="answered")
        answer = httpx.post(f"{web}/api/ask", timeout=30,
                            json={"question": "How can national reporting be harmonised?"})
        assert answer.status_code == 200 and answer.json()["answered"]
        assert questions(ops, platform="web", lang="en", outcome="answered") == before + 1


def test_basic_auth_without_credentials_fails_at_start(settings: Settings) -> None:
    env = {"NFPBOT_DATA_DIR": str(settings.data_dir), "NFPBOT_WEB__AUTH": "basic",
           "NFPBOT_HASH_KEY": TEST_HASH_KEY.hex()}
    with piped(["serve", "web", "--port", str(free_port())], env) as proc:
        output = proc.communicate(timeout=60)[0].decode()
    assert proc.returncode != 0
    assert "NFPBOT_WEB_USER" in output and "Fix:" in output
