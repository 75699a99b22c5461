"""Load benchmark (not a test) of Slack HTTP mode: N (default 500) concurrent signed slash commands.

Starts the real bolt App with the production setting (acknowledge first, answer on the pool) behind
the production HTTP server (hypercorn, adapters/slack/http_server.py) on loopback, with the fake
Slack API standing in for response_url, sends N signed slash commands at once from N client threads,
then reports acknowledgement latency (median/p99/max), how many were acknowledged within Slack's
3 seconds, how many answers arrived, and the total time.

    .venv/bin/python tests/benchmarks/bench_slack_load.py [N]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "adapters")]

from fakes.slack_api import FakeSlack  # noqa: E402
from slack_support import SECRET, fake_client, post, slash  # noqa: E402

from adapters.slack import build_app  # noqa: E402
from adapters.slack.http_server import make_server, start_in_thread  # noqa: E402
from bot.foundation.config import load_settings  # noqa: E402
from bot.runtime import Runtime  # noqa: E402

QUESTIONS = ["how do focal points cooperate?", "国家联络点如何合作？", "national reporting harmonisation",
             "如何协调国家报告？", "themes", "case uganda", "what is a synergy between conventions?",
             "lessons", "信息管理", "funding for cooperation"]


def send_all(url: str, response_base: str, n: int) -> list[tuple[int, float]]:
    """N signed slash commands released at once from N threads: (status, seconds) each.

    Runs in a process of its own (as Slack does), so that the client's 500 threads do not take
    the server's interpreter lock and the figure is the server's."""
    barrier = threading.Barrier(n)

    def one(i: int) -> tuple[int, float]:
        body = slash(QUESTIONS[i % len(QUESTIONS)], f"{response_base}/r{i}", user=f"U{i:05d}")
        barrier.wait()
        started = time.perf_counter()
        try:
            status, _ = post(url, body)
        except OSError:          # refused or reset: counted as not acknowledged
            status = 0
        return status, time.perf_counter() - started

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(one, range(n)))


def main(n: int = 500) -> None:
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        runtime = Runtime.from_settings(load_settings(env={"NFPBOT_DATA_DIR": tmp}))
        app = build_app(runtime, client=fake_client(fake), signing_secret=SECRET)
        server = make_server(app, "127.0.0.1", 0, SECRET)
        start_in_thread(server)
        url = server.url
        post(url, slash("warm up", fake.response_url("warm")))
        fake.wait_for("response_url", 1, timeout=10)
        fake.reset()
        started = time.perf_counter()
        with multiprocessing.get_context("spawn").Pool(1) as client:
            results = client.apply(send_all, (url, fake.response_url("").rstrip("/"), n))
        acked_all = time.perf_counter() - started
        answers = fake.wait_for("response_url", n, timeout=120)
        total = time.perf_counter() - started
        server.shutdown()
        server.server_close()

    latencies = sorted(t for _, t in results)
    ok = sum(1 for status, _ in results if status == 200)
    p99 = latencies[max(0, int(round(0.99 * len(latencies))) - 1)]
    print(f"requests: {n} at once (client in its own process), HTTP 200: {ok}")
    print(f"ack latency: median {statistics.median(latencies) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
          f"max {latencies[-1] * 1000:.0f} ms")
    print(f"acked within 3 s: {sum(1 for t in latencies if t <= 3.0)}/{n}")
    print(f"answers at response_url: {len({c.response_id for c in answers})}/{n}")
    print(f"all acked after {acked_all:.2f} s (incl. client start); total time (all answers) {total:.2f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=500,
                        help="concurrent signed slash commands (default 500)")
    main(parser.parse_args().n)
