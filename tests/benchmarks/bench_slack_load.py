"""Load benchmark (not a test) of Slack HTTP mode: 200 concurrent signed slash commands.

Starts the real bolt App with the production setting (acknowledge first, answer on the pool) behind
the real HTTP server on loopback, with the fake Slack API standing in for response_url, then reports
acknowledgement latency (median/p99/max), how many were acknowledged within Slack's 3 seconds, how
many answers arrived, and the total time.

    .venv/bin/python tests/benchmarks/bench_slack_load.py [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "adapters")]

from fakes.slack_api import FakeSlack  # noqa: E402
from slack_support import SECRET, fake_client, post, slash  # noqa: E402

from adapters.slack import build_app  # noqa: E402
from adapters.slack.http_server import make_server, start_in_thread  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.runtime import Runtime  # noqa: E402

QUESTIONS = ["how do focal points cooperate?", "国家联络点如何合作？", "national reporting harmonisation",
             "如何协调国家报告？", "themes", "case uganda", "what is a synergy between conventions?",
             "lessons", "信息管理", "funding for cooperation"]


def main(n: int = 200) -> None:
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        runtime = Runtime.from_settings(load_settings(env={"NFPBOT_DATA_DIR": tmp}))
        app = build_app(runtime, client=fake_client(fake), signing_secret=SECRET)
        server = make_server(app, "127.0.0.1", 0)
        start_in_thread(server)
        url = f"http://127.0.0.1:{server.server_address[1]}/slack/events"
        post(url, slash("warm up", fake.response_url("warm")))
        fake.wait_for("response_url", 1, timeout=10)
        fake.reset()

        def one(i: int) -> tuple[int, float]:
            body = slash(QUESTIONS[i % len(QUESTIONS)], fake.response_url(f"r{i}"), user=f"U{i:05d}")
            started = time.perf_counter()
            try:
                status, _ = post(url, body)
            except OSError:          # refused or reset: counted as not acknowledged
                status = 0
            return status, time.perf_counter() - started

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=n) as pool:
            results = list(pool.map(one, range(n)))
        acked_all = time.perf_counter() - started
        answers = fake.wait_for("response_url", n, timeout=120)
        total = time.perf_counter() - started
        server.shutdown()
        server.server_close()

    latencies = sorted(t for _, t in results)
    ok = sum(1 for status, _ in results if status == 200)
    p99 = latencies[max(0, int(round(0.99 * len(latencies))) - 1)]
    print(f"requests: {n}, HTTP 200: {ok}")
    print(f"ack latency: median {statistics.median(latencies) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
          f"max {latencies[-1] * 1000:.0f} ms")
    print(f"acked within 3 s: {sum(1 for t in latencies if t <= 3.0)}/{n}")
    print(f"answers at response_url: {len({c.response_id for c in answers})}/{n}")
    print(f"all acked after {acked_all:.2f} s; total time (all answers) {total:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
