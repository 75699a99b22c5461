"""Benchmark (not a test): two `nfpbot tips send-now telegram` processes on one PostgreSQL database
broadcast to N subscribers at once through the fake Bot API; optionally `kill -9` one of them in
the middle, then resume after the lease as an operator's next pass would.

Real processes, a throw-away PostgreSQL server (tests/postgres_server.py), PTB's client with its
default AIORateLimiter (30 messages a second per process). Reports the time, messages per second,
each instance's share, and lost and duplicated messages counted on the fake's side.

    .venv/bin/python tests/benchmarks/bench_state_instances.py                 # 1,000, both live
    .venv/bin/python tests/benchmarks/bench_state_instances.py --kill-after 200
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path[:0] = [str(REPO), str(HERE.parent)]

from fakes.telegram_api import FakeTelegram  # noqa: E402
from postgres_server import PostgresServer  # noqa: E402

from bot.answer.engine import Engine  # noqa: E402
from bot.foundation.config import load_settings  # noqa: E402
from bot.state import connect_state  # noqa: E402

KEY = "ab" * 32
NFPBOT = str(Path(sys.executable).with_name("nfpbot"))


def subscribe(url: str, count: int) -> list[str]:
    state = connect_state(url, key=bytes.fromhex(KEY))
    chats = [str(100_000 + k) for k in range(count)]
    with state.transaction() as tx:
        for k, chat in enumerate(chats):
            tx.execute("INSERT INTO subscriptions (platform, chat_id, lang, send_time, timezone,"
                       " cycle_start, script, created_at) VALUES ('telegram', ?, ?, '00:00', 'UTC',"
                       " ?, 'hans', '2025-01-01T00:00:00+00:00')",
                       (chat, "zh" if k % 2 else "en", k % 97))
    state.close()
    return chats


def instance(data: Path, url: str, fake: FakeTelegram, token: str, lease: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NFPBOT_", "TELEGRAM_"))}
    env |= {"NFPBOT_DATA_DIR": str(data), "NFPBOT_STATE__URL": url, "NFPBOT_HASH_KEY": KEY,
            "TELEGRAM_BOT_TOKEN": token, "NFPBOT_TELEGRAM__BASE_URL": fake.base_url,
            "NFPBOT_TIPS__LEASE_SECONDS": str(lease)}
    return subprocess.Popen([NFPBOT, "tips", "send-now", "telegram"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def report(proc: subprocess.Popen) -> dict:
    out, err = proc.communicate(timeout=600)
    if proc.returncode != 0:
        raise SystemExit(f"an instance failed: {err[-2000:]}")
    return json.loads(out)["telegram"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--kill-after", type=int, default=0,
                        help="kill -9 the first instance after it has sent this many (0: never)")
    parser.add_argument("--lease", type=int, default=10, help="tips.lease_seconds")
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="nfpbot-bench-pg-"))
    Engine.from_settings(load_settings(env={"NFPBOT_DATA_DIR": str(data)}))  # index built once
    server = PostgresServer().start()
    try:
        url = server.database("bench")
        chats = subscribe(url, args.subscribers)
        with FakeTelegram() as fake:
            started = time.perf_counter()
            one = instance(data, url, fake, "1:ONE", args.lease)
            two = instance(data, url, fake, "2:TWO", args.lease)
            killed = None
            if args.kill_after:
                while sum(c.token == "1:ONE" for c in fake.calls_to("sendMessage")) < args.kill_after:
                    time.sleep(0.01)
                os.kill(one.pid, signal.SIGKILL)
                one.wait()
                killed = time.monotonic()
            reports = [report(two)] if killed else [report(one), report(two)]
            elapsed = time.perf_counter() - started
            resumed = None
            if killed:
                time.sleep(max(0.0, args.lease - (time.monotonic() - killed)) + 0.5)
                resumed = report(instance(data, url, fake, "3:RESUME", args.lease))
            calls = fake.calls_to("sendMessage")
    finally:
        server.stop()
    got = Counter(str(c.params["chat_id"]) for c in calls if "chat_id" in c.params)
    shares = Counter(c.token for c in calls)
    lost = [c for c in chats if got[c] == 0]
    duplicated = sum(n - 1 for n in got.values())
    print(f"two instances on PostgreSQL: {args.subscribers} subscribers, kill -9 after "
          f"{args.kill_after or 'never'}")
    print(f"  broadcast time {elapsed:.1f} s ({sum(r['sent'] for r in reports) / elapsed:.0f} msg/s "
          f"together, start-up included); sent per instance {dict(shares)}")
    if resumed is not None:
        print(f"  held after the kill: {reports[0]['held']}; resumed after the lease: "
              f"{resumed['sent']}")
    print(f"  lost {len(lost)}, duplicated {duplicated}")
    if lost:
        sys.exit(1)


if __name__ == "__main__":
    main()
