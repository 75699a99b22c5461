"""Load benchmark (not a test) of the Feishu adapter: N (default 200) messages at once over the
long connection.

Starts the real lark_oapi long-connection client with the production handlers (acknowledge at
once, answer on the pool, reply through the open API with the retry and token handling) against
the fake Feishu platform on loopback, pushes N private-chat messages as fast as the socket takes
them, then reports how many were acknowledged and answered (each exactly once), the latency from
push to reply (median, p99, max), errors, and the total time.

    .venv/bin/python tests/benchmarks/bench_feishu_load.py [N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "adapters" / "feishu")]

from fakes.feishu_api import FakeFeishu  # noqa: E402
from fakes.feishu_events import message_event  # noqa: E402
from feishu_support import feishu_settings  # noqa: E402

from adapters.feishu.serving import build_handlers, make_api, ws_client  # noqa: E402
from bot.runtime import Runtime  # noqa: E402

QUESTIONS = ["how do focal points cooperate?", "国家联络点如何合作？", "national reporting harmonisation",
             "如何协调国家报告？", "themes", "case uganda", "what is a synergy between conventions?",
             "lessons", "信息管理", "funding for cooperation"]


def main(n: int = 200) -> None:
    with tempfile.TemporaryDirectory() as tmp, FakeFeishu() as fake:
        settings = feishu_settings(Path(tmp), fake.url)
        runtime = Runtime.from_settings(settings)
        handlers = build_handlers(runtime, make_api(settings))
        client = ws_client(runtime, handlers)
        threading.Thread(target=client.start, name="feishu-ws", daemon=True).start()
        if not fake.wait_connected(1, timeout=30):
            raise SystemExit("the client did not connect to the fake")
        warm = message_event("warm up", chat_id="oc_warm")
        fake.push_event(warm)
        fake.wait_sent(1, timeout=30)
        events = [message_event(QUESTIONS[i % len(QUESTIONS)], chat_id=f"oc_load{i:04d}",
                                open_id=f"ou_load{i:04d}") for i in range(n)]
        pushed: dict[str, float] = {}
        frames: list[str] = []
        started = time.perf_counter()
        for event in events:
            pushed[event["event"]["message"]["message_id"]] = time.time()
            frames.append(fake.push_event(event))
        push_seconds = time.perf_counter() - started
        sent = fake.wait_sent(n + 1, timeout=300)
        total = time.perf_counter() - started
        acks = [fake.ack(frame, timeout=5) for frame in frames]
        time.sleep(1.0)   # anything sent twice would show up now
        sent = fake.sent()

    replies = Counter(m["reply_to"] for m in sent if m["reply_to"] in pushed)
    latencies = sorted(m["time"] - pushed[m["reply_to"]] for m in sent if m["reply_to"] in pushed)
    acked = sum(1 for a in acks if a is not None and a.get("code") == 200)
    errors = (n - len(replies)) + sum(c - 1 for c in replies.values()) + (n - acked)
    p99 = latencies[max(0, int(round(0.99 * len(latencies))) - 1)] if latencies else float("nan")
    print(f"messages: {n} pushed over the long connection in {push_seconds:.2f} s")
    print(f"acknowledged: {acked}/{n}; answered: {len(replies)}/{n} "
          f"(answered twice: {sum(1 for c in replies.values() if c > 1)})")
    if latencies:
        print(f"push -> reply latency: median {statistics.median(latencies) * 1000:.0f} ms, "
              f"p99 {p99 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    print(f"errors: {errors}; total time (all answers) {total:.2f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=200,
                        help="concurrent Feishu messages (default 200)")
    main(parser.parse_args().n)
