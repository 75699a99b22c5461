"""Daily-tip subscriptions of chats and channels: parsing the subscribe arguments and storing them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from bot.foundation.errors import UserInputError
from bot.state import State

_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")


@dataclass(frozen=True, slots=True)
class Subscription:
    platform: str
    chat_id: str
    lang: str
    send_time: str
    timezone: str
    cycle_start: int
    script: str = "hans"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True, slots=True)
class SubscribeRequest:
    send_time: str | None
    lang: str | None
    timezone: str | None


def parse_subscribe_args(args: str) -> SubscribeRequest:
    """`[HH:MM] [zh|en] [timezone]` in any order; raises UserInputError("subscribe_usage")."""
    send_time = lang = tz = None
    for word in args.split():
        low = word.lower()
        if m := _TIME.match(word):
            send_time = f"{int(m.group(1)):02d}:{m.group(2)}"
        elif low in ("zh", "en", "中文", "英文", "chinese", "english"):
            lang = "zh" if low in ("zh", "中文", "chinese") else "en"
        elif (name := _zone_names().get(low)) is not None:
            tz = name
        else:
            raise UserInputError("subscribe_usage", problem=f"“{word}”?")
    return SubscribeRequest(send_time, lang, tz)


@cache
def _zone_names() -> dict[str, str]:
    """IANA names by lower case, so "asia/shanghai" works and "localtime" or "24:00" do not."""
    return {name.lower(): name for name in available_timezones()
            if "/" in name or name in ("UTC", "GMT")}


class Subscriptions:
    """CRUD on the subscriptions table (SQL shared by every state backend)."""

    def __init__(self, state: State) -> None:
        self.state = state

    def upsert(self, sub: Subscription) -> Subscription:
        with self.state.transaction() as conn:
            conn.execute(
                "INSERT INTO subscriptions (platform, chat_id, lang, send_time, timezone, cycle_start,"
                " script, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, chat_id)"
                " DO UPDATE SET lang = excluded.lang, send_time = excluded.send_time,"
                " timezone = excluded.timezone, script = excluded.script",
                (sub.platform, sub.chat_id, sub.lang, sub.send_time, sub.timezone, sub.cycle_start,
                 sub.script, datetime.now(UTC).isoformat()),
            )
        return self.get(sub.platform, sub.chat_id) or sub

    def remove(self, platform: str, chat_id: str) -> bool:
        with self.state.transaction() as conn:
            cur = conn.execute("DELETE FROM subscriptions WHERE platform = ? AND chat_id = ?",
                               (platform, str(chat_id)))
            return cur.rowcount > 0

    def get(self, platform: str, chat_id: str) -> Subscription | None:
        row = self.state.one(
            "SELECT * FROM subscriptions WHERE platform = ? AND chat_id = ?", (platform, str(chat_id)))
        return _row(row) if row else None

    def all(self, platform: str | None = None) -> list[Subscription]:
        sql = "SELECT * FROM subscriptions"
        params: tuple[str, ...] = ()
        if platform:
            sql, params = sql + " WHERE platform = ?", (platform,)
        return [_row(r) for r in self.state.query(sql + " ORDER BY platform, chat_id", params)]

    def move(self, platform: str, old_chat_id: str, new_chat_id: str) -> None:
        """Follow a chat to its new id (a Telegram group migrated to a supergroup)."""
        old, new = str(old_chat_id), str(new_chat_id)
        with self.state.transaction() as conn:
            # The old chat's subscription replaces any at the new id; its deliveries move unless
            # the new id already has that day (then the new chat has had, or gets, its tip).
            if conn.execute("SELECT 1 FROM subscriptions WHERE platform = ? AND chat_id = ?",
                            (platform, old)).fetchone():
                conn.execute("DELETE FROM subscriptions WHERE platform = ? AND chat_id = ?",
                             (platform, new))
            conn.execute("UPDATE subscriptions SET chat_id = ? WHERE platform = ? AND chat_id = ?",
                         (new, platform, old))
            conn.execute("UPDATE deliveries SET chat_id = ? WHERE platform = ? AND chat_id = ?"
                         " AND NOT EXISTS (SELECT 1 FROM deliveries AS d WHERE d.platform ="
                         " deliveries.platform AND d.chat_id = ? AND d.day = deliveries.day)",
                         (new, platform, old, new))


def _row(row) -> Subscription:
    return Subscription(row["platform"], row["chat_id"], row["lang"], row["send_time"],
                        row["timezone"], row["cycle_start"], row["script"])
