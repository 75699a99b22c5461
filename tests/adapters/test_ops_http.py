"""The ops port on running `nfpbot serve` processes: /healthz, /readyz and /metrics answer, and the
question counter moves after a question (Telegram long polling, and Slack's HTTP mode)."""

from __future__ import annotations

import socket
import time

import httpx
from fakes.slack_api import FakeSlack
from fakes.telegram_api import FakeTelegram, message_update
from process_support import free_port, piped
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from slack_support import SECRET, sign, slash
from state_support import TEST_HASH_KEY
from telegram import Update
from telegram_support import with_app

from bot.answer.engine import Engine
from bot.foundation.config import Settings


def wait_status(url: str, status: int, timeout: float = 60) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while True:
        try:
            response = httpx.get(url, timeout=5)
            if response.status_code == status:
                return response
        except httpx.TransportError:
            response = None
        assert time.monotonic() < deadline, f"{url}: {response and response.text}"
        time.sleep(0.1)


def sample(ops: str, name: str, **labels: str) -> float:
    text = httpx.get(f"{ops}/metrics", timeout=5).text
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return s.value
    return 0.0


def check_probes(ops: str) -> None:
    assert httpx.get(f"{ops}/healthz").text == "ok\n"
    ready = wait_status(f"{ops}/readyz", 200, timeout=30).json()
    assert set(ready) >= {"index", "state"} and set(ready.values()) == {"ok"}
    metrics = httpx.get(f"{ops}/metrics")
    assert metrics.status_code == 200 and metrics.headers["content-type"].startswith("text/plain")
    assert "nfpbot_tips_pending_under_lease" in metrics.text
    assert httpx.post(f"{ops}/metrics").status_code == 405
    assert httpx.get(f"{ops}/nothing").status_code == 404


def test_serve_telegram_polling_exposes_health_and_metrics(settings: Settings, engine: Engine,
                                                           pg_url: str) -> None:
    port = free_port()
    ops = f"http://127.0.0.1:{port}"
    with FakeTelegram() as fake:
        env = {"TELEGRAM_BOT_TOKEN": "123:OPS", "NFPBOT_DATA_DIR": str(settings.data_dir),
               "NFPBOT_TELEGRAM__BASE_URL": fake.base_url,
               "NFPBOT_TELEGRAM__BASE_FILE_URL": fake.file_url, "NFPBOT_OPS__PORT": str(port),
               "NFPBOT_STATE__URL": pg_url, "NFPBOT_HASH_KEY": TEST_HASH_KEY.hex()}
        with piped(["serve", "telegram"], env):
            wait_status(f"{ops}/healthz", 200)
            check_probes(ops)
            assert set(wait_status(f"{ops}/readyz", 200).json()) == {"index", "state", "telegram"}
            labels = {"platform": "telegram", "lang": "en", "outcome": "answered"}
            before = sample(ops, "nfpbot_questions_total", **labels)
            latency = sample(ops, "nfpbot_answer_seconds_count", platform="telegram")
            fake.push_update(message_update("How can national reporting be harmonised?",
                                            chat_id=301, user_id=301))
            fake.wait_for("sendMessage", 1, timeout=30)
            assert sample(ops, "nfpbot_questions_total", **labels) == before + 1
            assert sample(ops, "nfpbot_answer_seconds_count", platform="telegram") == latency + 1


def test_serve_slack_http_exposes_health_and_metrics(settings: Settings, engine: Engine,
                                                     tmp_path) -> None:
    port, http_port = free_port(), free_port()
    ops = f"http://127.0.0.1:{port}"
    with FakeSlack() as fake:
        env = {"SLACK_BOT_TOKEN": "xoxb-ops", "SLACK_SIGNING_SECRET": SECRET,
               "NFPBOT_DATA_DIR": str(settings.data_dir), "NFPBOT_SLACK__API_URL": fake.url,
               "NFPBOT_OPS__PORT": str(port), "NFPBOT_SLACK__HTTP_HOST": "127.0.0.1",
               "NFPBOT_HASH_KEY": TEST_HASH_KEY.hex(), "NFPBOT_TIPS__CHECK_SECONDS": "0"}
        with piped(["serve", "slack", "--http", "--port", str(http_port)], env):
            wait_status(f"{ops}/healthz", 200)
            check_probes(ops)
            labels = {"platform": "slack", "lang": "zh", "outcome": "answered"}
            before = sample(ops, "nfpbot_questions_total", **labels)
            body = slash("国家联络点如何合作？", fake.response_url("ops1"))
            answer = httpx.post(f"http://127.0.0.1:{http_port}/slack/events", content=body,
                                headers=sign(body), timeout=10)
            assert answer.status_code == 200
            deadline = time.monotonic() + 30
            while not fake.responses_to("ops1"):
                assert time.monotonic() < deadline, "no answer on the response_url"
                time.sleep(0.05)
            assert sample(ops, "nfpbot_questions_total", **labels) == before + 1


def test_platform_errors_are_counted_by_kind(tg_runtime, tg_fake) -> None:
    """A reply Telegram refuses (the user blocked the bot) counts as a 403 platform error."""
    labels = {"platform": "telegram", "kind": "403"}
    before = REGISTRY.get_sample_value("nfpbot_platform_errors_total", labels) or 0.0
    tg_fake.fail("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=404)

    async def body(app) -> None:
        update = message_update("What is CITES?", chat_id=404, user_id=404)
        await app.process_update(Update.de_json(update, app.bot))

    with_app(tg_runtime, tg_fake, body)
    assert REGISTRY.get_sample_value("nfpbot_platform_errors_total", labels) == before + 1


def test_a_busy_ops_port_is_one_clear_error(tg_runtime) -> None:
    from adapters.ops import OpsServer
    from bot.foundation.errors import ConfigError
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        try:
            OpsServer(tg_runtime, "127.0.0.1", port)
        except ConfigError as exc:
            assert f"ops.port {port}" in str(exc) and "NFPBOT_OPS__PORT" in str(exc)
        else:
            raise AssertionError("the busy port was opened")
