"""Load benchmark (not a test) of the web chat: C (default 50) concurrent clients asking questions
over /api/ask, beside the engine's own latency for the same questions.

Starts the production server (hypercorn, adapters/web/app.py) on loopback around a real runtime,
then: (1) the engine alone, in process (Commands.handle, as the API calls it), one question at a
time; (2) one web client, one question at a time (the web layer's cost per request: HTTP, JSON,
checks, thread hand-off); (3) C clients, each in a thread of a client process of its own (so the
client does not take the server's interpreter lock) with a kept-alive connection, each asking
R (default 10) questions back to back. Reports requests per second and median/p99 latency.

    .venv/bin/python tests/benchmarks/bench_web_load.py [C] [R]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT)]

import httpx  # noqa: E402

from adapters.asgi_serving import start_in_thread  # noqa: E402
from adapters.web import make_server  # noqa: E402
from bot.command_parsing import Context  # noqa: E402
from bot.foundation.config import load_settings  # noqa: E402
from bot.runtime import Runtime  # noqa: E402

QUESTIONS = ["how do focal points cooperate?", "国家联络点如何合作？", "national reporting harmonisation",
             "如何协调国家报告？", "themes", "case uganda", "what is a synergy between conventions?",
             "lessons", "信息管理", "funding for cooperation"]


def clients(url: str, concurrency: int, rounds: int) -> list[tuple[int, float]]:
    """C clients released at once, each asking `rounds` questions: (status, seconds) each."""
    barrier = threading.Barrier(concurrency)

    def one(i: int) -> list[tuple[int, float]]:
        out = []
        with httpx.Client(base_url=url, timeout=120) as client:
            barrier.wait()
            for r in range(rounds):
                question = QUESTIONS[(i + r) % len(QUESTIONS)]
                started = time.perf_counter()
                try:
                    status = client.post("/api/ask", json={"question": question}).status_code
                except httpx.HTTPError as exc:
                    status = 0
                    print(f"client {i}: {type(exc).__name__}: {exc}", file=sys.stderr)
                out.append((status, time.perf_counter() - started))
        return out

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return [result for results in pool.map(one, range(concurrency)) for result in results]


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.99 * len(ordered))) - 1)]


def main(concurrency: int = 50, rounds: int = 10) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(env={"NFPBOT_DATA_DIR": tmp})
        settings = replace(settings, web=replace(settings.web, requests_per_minute=1_000_000))
        runtime = Runtime.from_settings(settings)
        server = make_server(runtime, "127.0.0.1", 0)
        start_in_thread(server, "web-bench")
        host, port = server.server_address
        url = f"http://{host}:{port}"

        ctx = Context(platform="bench")
        for question in QUESTIONS:   # warm caches on both paths
            runtime.commands.handle(ctx, question)
        engine_times, talk_times = [], []
        for n in range(3):
            for question in QUESTIONS:
                started = time.perf_counter()
                runtime.commands.handle(ctx, question)
                engine_times.append(time.perf_counter() - started)
                talk = replace(ctx, conversation=f"bench:{n}")
                started = time.perf_counter()
                runtime.commands.handle(talk, question)
                talk_times.append(time.perf_counter() - started)

        single = []
        with httpx.Client(base_url=url, timeout=60) as client:
            for _ in range(3):
                for question in QUESTIONS:
                    started = time.perf_counter()
                    client.post("/api/ask", json={"question": question}).raise_for_status()
                    single.append(time.perf_counter() - started)

        started = time.perf_counter()
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            results = pool.apply(clients, (url, concurrency, rounds))
        elapsed = time.perf_counter() - started
        server.shutdown()
        server.server_close()

    loaded = [t for status, t in results if status == 200]
    failed = Counter(status for status, _ in results if status != 200)
    ok = len(loaded)
    engine_ms, single_ms = statistics.median(engine_times) * 1000, statistics.median(single) * 1000
    print(f"engine alone (Commands.handle, in process): median {engine_ms:.1f} ms, "
          f"p99 {p99(engine_times) * 1000:.1f} ms -> at most {1000 / engine_ms:.0f} questions/s "
          "on one core")
    talk_ms = statistics.median(talk_times) * 1000
    print(f"engine with a conversation (context read and saved in the state, as the web does): "
          f"median {talk_ms:.1f} ms")
    print(f"one web client: median {single_ms:.1f} ms, p99 {p99(single) * 1000:.1f} ms "
          f"(HTTP and the web layer add {single_ms - talk_ms:.1f} ms per question)")
    print(f"{concurrency} concurrent web clients x {rounds} questions: HTTP 200 {ok}/{len(results)}, "
          f"{ok / elapsed:.1f} requests/s (incl. client start), median "
          f"{statistics.median(loaded) * 1000:.0f} ms, p99 {p99(loaded) * 1000:.0f} ms"
          + (f"; not 200: {dict(failed)}" if failed else ""))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("concurrency", nargs="?", type=int, default=50)
    parser.add_argument("rounds", nargs="?", type=int, default=10)
    args = parser.parse_args()
    main(args.concurrency, args.rounds)
