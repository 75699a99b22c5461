"""Several `nfpbot` processes on one PostgreSQL database: each subscriber gets exactly one tip when
two instances broadcast at once, and none is lost when one of them is killed (`kill -9`) in the
middle. Real processes, a real PostgreSQL server, PTB's real client against the fake Bot API."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from fakes.telegram_api import FakeTelegram
from state_support import TEST_HASH_KEY

from bot.answer.engine import Engine
from bot.foundation.config import Settings
from bot.state import connect_state
from bot.tips.delivery import DeliveryLog
from bot.tips.subscriptions import Subscription, Subscriptions

NFPBOT = str(Path(sys.executable).with_name("nfpbot"))


def instance_env(settings: Settings, url: str, fake: FakeTelegram, token: str, **extra: str) -> dict:
    """One instance's environment: its own token (the fake tells the senders apart), shared db."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NFPBOT_", "TELEGRAM_"))}
    return env | {"NFPBOT_DATA_DIR": str(settings.data_dir), "NFPBOT_STATE__URL": url,
                  "NFPBOT_HASH_KEY": TEST_HASH_KEY.hex(), "TELEGRAM_BOT_TOKEN": token,
                  "NFPBOT_TELEGRAM__BASE_URL": fake.base_url, "NFPBOT_TIPS__CONCURRENCY": "4"
                  } | extra


def subscribe(url: str, count: int) -> list[str]:
    state = connect_state(url, key=TEST_HASH_KEY)
    chats = [str(5000 + k) for k in range(count)]
    subs = Subscriptions(state)
    for k, chat in enumerate(chats):
        subs.upsert(Subscription("telegram", chat, "en" if k % 2 else "zh", "00:00", "UTC", k))
    state.close()
    return chats


def send_now(env: dict) -> subprocess.Popen:
    return subprocess.Popen([NFPBOT, "tips", "send-now", "telegram"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def report_of(proc: subprocess.Popen) -> dict:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-3000:]
    return json.loads(out)["telegram"]


def hold_until_both_send(fake: FakeTelegram, tokens: set[str]) -> None:
    """The fake holds every send until each instance has sent once: the broadcasts overlap
    however unequal the instances' start-up times are."""

    def gate(params: dict) -> None:
        deadline = time.monotonic() + 60
        while not tokens <= {c.token for c in fake.calls_to("sendMessage")}:
            if time.monotonic() > deadline:
                break
            time.sleep(0.01)

    fake.on("sendMessage", gate)


def received(fake: FakeTelegram) -> Counter:
    """Messages per chat; a request cut off by the kill (no chat_id arrived) was not accepted."""
    return Counter(str(c.params["chat_id"]) for c in fake.calls_to("sendMessage")
                   if "chat_id" in c.params)


def test_two_instances_broadcast_each_tip_exactly_once(engine: Engine, settings: Settings,
                                                       pg_url: str) -> None:
    chats = subscribe(pg_url, 60)
    with FakeTelegram() as fake:
        hold_until_both_send(fake, {"111:ONE", "222:TWO"})
        one = send_now(instance_env(settings, pg_url, fake, "111:ONE"))
        two = send_now(instance_env(settings, pg_url, fake, "222:TWO"))
        reports = [report_of(one), report_of(two)]
        got = received(fake)
        by_instance = Counter(c.token for c in fake.calls_to("sendMessage"))
    assert sorted(got) == sorted(chats) and set(got.values()) == {1}     # lost 0, duplicates 0
    assert sum(r["sent"] for r in reports) == 60
    assert len(by_instance) == 2, by_instance    # both instances really took part


def test_kill_9_of_one_instance_mid_broadcast_loses_nothing(engine: Engine, settings: Settings,
                                                            pg_url: str) -> None:
    chats = subscribe(pg_url, 120)
    lease = "4"
    with FakeTelegram() as fake:
        hold_until_both_send(fake, {"111:VICTIM", "222:SURVIVOR"})
        victim = send_now(instance_env(settings, pg_url, fake, "111:VICTIM",
                                       NFPBOT_TIPS__LEASE_SECONDS=lease))
        survivor = send_now(instance_env(settings, pg_url, fake, "222:SURVIVOR",
                                         NFPBOT_TIPS__LEASE_SECONDS=lease))
        deadline = time.monotonic() + 60
        while sum(c.token == "111:VICTIM" for c in fake.calls_to("sendMessage")) < 10:
            assert time.monotonic() < deadline and victim.poll() is None, "victim never sent"
            time.sleep(0.01)
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(10)
        killed_at = time.monotonic()
        survived = report_of(survivor)
        state = connect_state(pg_url, key=TEST_HASH_KEY)
        today = datetime.now(UTC).date()
        orphans = [c for c in chats
                   if (DeliveryLog(state).status("telegram", c, today) or {}).get("status")
                   == "claimed"]
        # Within the lease an orphan is reported as held, not sent again; after it, resumed. The
        # victim claimed each one at its own moment, so a check that starts near the end of the
        # lease (a slow start under load) may find some still held and the rest expired: each
        # orphan is one or the other, never both, never neither.
        check = report_of(send_now(instance_env(settings, pg_url, fake, "333:CHECK",
                                                NFPBOT_TIPS__LEASE_SECONDS=lease)))
        assert check["held"]["count"] + check["sent"] == len(orphans)
        time.sleep(max(0.0, float(lease) - (time.monotonic() - killed_at)) + 0.5)
        resumed = report_of(send_now(instance_env(settings, pg_url, fake, "444:RESUME",
                                                  NFPBOT_TIPS__LEASE_SECONDS=lease)))
        assert resumed["held"]["count"] == 0
        got = received(fake)
    statuses = Counter((DeliveryLog(state).status("telegram", c, today) or {}).get("status")
                       for c in chats)
    state.close()
    assert survived["sent"] > 0 and check["sent"] + resumed["sent"] == len(orphans)
    assert sorted(got) == sorted(chats), "lost: " + str(set(chats) - set(got))     # lost 0
    duplicates = sum(n - 1 for n in got.values())
    assert duplicates <= len(orphans) <= 4          # at most the victim's sends in flight
    assert statuses == Counter({"sent": 120})
