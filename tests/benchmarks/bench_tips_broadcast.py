"""Benchmark (not a test): one daily-tip broadcast to many subscribers through the real PTB bot and
the shared broadcast runner, against FakeTelegram enforcing Telegram's flood limits.

The fake answers 429 with retry_after when a limit is exceeded: 30 messages a second overall,
20 a minute per group (negative chat ids), 1 a second per chat. `--speedup K` scales those limits
and PTB's AIORateLimiter alike, so a 10,000-subscriber run takes ~N/(30K) seconds instead of 333.
Reports the time against the lower bound the limits impose, 429s received, and messages lost and
duplicated (both must be 0), checked on the fake's side and in the delivery log.

    .venv/bin/python tests/benchmarks/bench_tips_broadcast.py                      # 10,000 at 10x
    .venv/bin/python tests/benchmarks/bench_tips_broadcast.py --subscribers 1000 --speedup 1
"""

from __future__ import annotations

import argparse
import asyncio
import math
import sys
import tempfile
import threading
import time
from collections import Counter, deque
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path[:0] = [str(REPO), str(HERE.parent)]

from fakes.telegram_api import FakeTelegram  # noqa: E402

from adapters.telegram.tips import rate_limiter, send_due, tips_bot  # noqa: E402
from bot.foundation.config import load_settings  # noqa: E402
from bot.runtime import Runtime  # noqa: E402
from bot.tips.broadcast import RetryPolicy  # noqa: E402

TOKEN = "123456:BENCH"
GLOBAL_PER_SECOND, GROUP_PER_MINUTE, CHAT_PER_SECOND = 30, 20, 1


class FloodLimits:
    """Telegram's limits as the fake enforces them: a bucket overall, sliding windows per chat."""

    def __init__(self, speedup: float) -> None:
        self.rate = GLOBAL_PER_SECOND * speedup
        self.tokens = self.rate               # a second's worth of burst, like AIORateLimiter
        self.stamp = time.monotonic()
        self.group = (GROUP_PER_MINUTE * speedup, 60.0)
        self.chat = (CHAT_PER_SECOND * speedup, 1.0)
        self.windows: dict[tuple[str, int], deque] = {}
        self.lock = threading.Lock()
        self.accepted: Counter = Counter()
        self.refused = 0

    def __call__(self, params: dict) -> dict | None:
        chat = int(params["chat_id"])
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.rate, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            waits = [0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate,
                     self._window("chat", chat, self.chat, now)]
            if chat < 0:
                waits.append(self._window("group", chat, self.group, now))
            if max(waits) > 0:
                self.refused += 1
                seconds = max(1, math.ceil(max(waits)))
                return {"ok": False, "error_code": 429,
                        "description": f"Too Many Requests: retry after {seconds}",
                        "parameters": {"retry_after": seconds}}
            self.tokens -= 1
            self.windows[("chat", chat)].append(now)
            if chat < 0:
                self.windows[("group", chat)].append(now)
            self.accepted[chat] += 1
        return None  # the fake's own sendMessage answers

    def _window(self, kind: str, chat: int, limit: tuple[float, float], now: float) -> float:
        count, period = limit
        window = self.windows.setdefault((kind, chat), deque())
        while window and window[0] <= now - period:
            window.popleft()
        return 0.0 if len(window) < count else window[0] + period - now


def subscribe_all(runtime: Runtime, count: int, group_share: float) -> list[int]:
    """Subscribers due now: groups get negative ids, private chats positive ones."""
    groups = int(count * group_share)
    chats = [-(1_000_000_000_000 + k) for k in range(groups)] + [10_000 + k for k in range(count - groups)]
    with runtime.state.transaction() as conn:  # one transaction: 10,000 upserts would time the disk
        conn.executemany(
            "INSERT INTO subscriptions (platform, chat_id, lang, send_time, timezone, cycle_start,"
            " script, created_at) VALUES ('telegram', ?, ?, '00:00', 'UTC', ?, 'hans', ?)",
            [(str(c), "zh" if k % 2 else "en", k % 97, datetime.now(UTC).isoformat())
             for k, c in enumerate(chats)])
    return chats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--speedup", type=float, default=10.0,
                        help="scale the flood limits (fake and AIORateLimiter) by K")
    parser.add_argument("--groups", type=float, default=0.2, help="share of group chats")
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="nfpbot-bench-tips-"))
    runtime = Runtime.from_settings(load_settings(env={"NFPBOT_DATA_DIR": str(data)}))
    chats = subscribe_all(runtime, args.subscribers, args.groups)
    limits = FloodLimits(args.speedup)
    policy = RetryPolicy(concurrency=args.concurrency, max_attempts=10,
                         max_retry_after_seconds=60.0)
    now = datetime.now(UTC)
    with FakeTelegram() as fake:
        fake.on("sendMessage", limits)
        bot = tips_bot(runtime, TOKEN, fake.base_url,
                       rate_limiter(speedup=args.speedup, max_retries=2),
                       pool_size=args.concurrency + 8)
        started = time.perf_counter()
        report = asyncio.run(send_due(runtime, bot, lambda: now, policy))
        elapsed = time.perf_counter() - started
        again = asyncio.run(send_due(runtime, tips_bot(runtime, TOKEN, fake.base_url), lambda: now,
                                     policy))
    lost = [c for c in chats if limits.accepted[c] == 0]
    duplicated = [c for c in chats if limits.accepted[c] > 1]
    rows = Counter(r["status"] for r in runtime.state.query(
        "SELECT status FROM deliveries WHERE platform = 'telegram'"))
    bound = max(0.0, (args.subscribers - limits.rate) / limits.rate)  # after a second's burst
    print(f"tips broadcast: {args.subscribers} subscribers ({args.groups:.0%} groups), limits x"
          f"{args.speedup:g} ({limits.rate:g} msg/s overall), concurrency {args.concurrency}")
    print(f"  time {elapsed:.1f} s; lower bound {bound:.1f} s ({elapsed / max(bound, 1e-9):.2f}x); "
          f"{args.subscribers / elapsed:.0f} msg/s")
    print(f"  sent {report['sent']}, 429s from the fake {limits.refused}, broadcast retries "
          f"{report['retries']}, deferred {report['deferred']}, failed {report['failed']}")
    print(f"  lost {len(lost)}, duplicated {len(duplicated)}; delivery log {dict(rows)}; "
          f"second pass the same day: due {again['due']}")
    if lost or duplicated or again["due"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
