"""`nfpbot serve feishu` as a real process at DEBUG against the fake platform: it connects over
the long connection, answers a message, reports `feishu: ok` on /readyz and counts the question
under platform="feishu" on /metrics; its whole output holds no secret (the app secret, the
tenant access tokens, the connection URL's access key and ticket, which lark_oapi logs at INFO).
Without the app id and secret it stops at once, naming what to set."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from fakes.feishu_api import APP_ID, APP_SECRET, FakeFeishu
from fakes.feishu_events import message_event
from process_support import assert_no_secrets, base_env, nfpbot

from bot.foundation.config import REPO_ROOT


def ops_port(log: Path, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(r"ops: /healthz /readyz /metrics on [^:]+:(\d+)", log.read_text(errors="replace"))
        if found:
            return int(found.group(1))
        time.sleep(0.1)
    raise AssertionError("the ops port was never logged")


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_serve_feishu_answers_reports_ready_and_logs_no_secret(data_dir_copy: Path,
                                                              tmp_path: Path) -> None:
    log = tmp_path / "feishu.log"
    with FakeFeishu() as fake:
        env = base_env(data_dir_copy, FEISHU_APP_ID=APP_ID, FEISHU_APP_SECRET=APP_SECRET,
                       NFPBOT_FEISHU__DOMAIN=fake.url)
        with nfpbot(["serve", "feishu"], env, log):
            assert fake.wait_connected(1, timeout=60), "no long connection"
            event = message_event("国家报告如何协调？", chat_id="oc_serve1")
            fake.push_event(event)
            assert fake.wait_sent(1, timeout=30), "no answer"
            port = ops_port(log)
            deadline = time.monotonic() + 10
            status, body = get(f"http://127.0.0.1:{port}/readyz")
            while status != 200 and time.monotonic() < deadline:
                time.sleep(0.2)
                status, body = get(f"http://127.0.0.1:{port}/readyz")
            assert status == 200 and json.loads(body)["feishu"] == "ok", body
            metrics = get(f"http://127.0.0.1:{port}/metrics")[1]
            assert re.search(r'nfpbot_questions_total\{lang="zh",outcome="\w+",platform="feishu"\}',
                             metrics), metrics[:2000]
        tokens = {c.headers.get("Authorization", "").removeprefix("Bearer ")
                  for c in fake.calls_to("reply")}
    assert tokens and all(t.startswith("t-") for t in tokens)
    output = assert_no_secrets(log, [APP_SECRET, "ak-secret-" + APP_ID, "tk-secret-0042", *tokens],
                               masked=[])
    assert "access_key=[redacted token]" in output   # lark_oapi's "connected to" line, masked


def test_serve_feishu_without_credentials_says_what_to_set(data_dir_copy: Path) -> None:
    env = base_env(data_dir_copy)
    proc = subprocess.run([sys.executable, "-m", "adapters.cli.main", "serve", "feishu"],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "FEISHU_APP_ID" in proc.stderr and "docs/feishu.md" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_wrong_credentials_stop_the_start_with_the_fix(data_dir_copy: Path) -> None:
    with FakeFeishu() as fake:
        env = base_env(data_dir_copy, FEISHU_APP_ID=APP_ID, FEISHU_APP_SECRET="wrong-secret-000",
                       NFPBOT_FEISHU__DOMAIN=fake.url)
        proc = subprocess.run([sys.executable, "-m", "adapters.cli.main", "serve", "feishu"],
                              cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=90)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "Feishu refused the long connection" in proc.stderr and "wrong-secret" not in proc.stderr
    assert "Traceback" not in proc.stderr


def test_serve_all_runs_feishu_when_both_credentials_are_set(tmp_path: Path) -> None:
    from adapters.serve import enabled_platforms
    from bot.foundation.config import load_settings
    base = {"NFPBOT_DATA_DIR": str(tmp_path)}
    assert "feishu" not in enabled_platforms(load_settings(env=base | {"FEISHU_APP_ID": APP_ID}))
    both = base | {"FEISHU_APP_ID": APP_ID, "FEISHU_APP_SECRET": APP_SECRET}
    assert "feishu" in enabled_platforms(load_settings(env=both))
