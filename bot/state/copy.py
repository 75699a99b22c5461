"""Copy a whole state into another store: how a one-host SQLite deployment moves to PostgreSQL
when it grows to several instances (`nfpbot state copy OLD.sqlite3`).

Rows keep their values (ids excepted where the target numbers them itself). The hash key must be
the same on both sides, or the copied hashes of user ids would stop matching their users: the
copy refuses, and says which key to set. The target must be empty, so running it twice cannot
double the logs.
"""

from __future__ import annotations

from bot.foundation.errors import StateError
from bot.state.base import State

TABLES: dict[str, tuple[str, ...]] = {
    "subscriptions": ("platform", "chat_id", "lang", "send_time", "timezone", "cycle_start",
                      "script", "created_at"),
    "deliveries": ("platform", "chat_id", "day", "tip_id", "status", "attempts", "claimed_at",
                   "done_at", "detail"),
    "preferences": ("platform", "user_hash", "lang"),
    "feedback": ("platform", "user_hash", "question_hash", "item_id", "vote", "created_at"),
    "query_log": ("platform", "lang", "answered", "top_item", "items", "latency_ms",
                  "created_at"),
    "gap_questions": ("kind", "platform", "lang", "question", "items", "created_at"),
    "seen_requests": ("key", "expires_at"),
    "conversations": ("key", "topic", "expires_at"),
}
BATCH = 1000


def copy_state(source: State, target: State) -> dict[str, int]:
    """Rows copied per table; raises StateError when the keys differ or the target has data."""
    probe = "nfpbot-key-probe"
    if source.anonymise(probe) != target.anonymise(probe):
        raise StateError(f"the hash keys of {source.describe()} and {target.describe()} differ, "
                         "so copied user hashes would not match. Fix: give the target the "
                         "source's key (NFPBOT_HASH_KEY = the content of the source's hash.key "
                         "file) and run again.")
    used = [t for t in TABLES if target.one(f"SELECT 1 AS x FROM {t} LIMIT 1")]
    if used:
        raise StateError(f"{target.describe()} already holds data ({', '.join(used)}). Fix: "
                         "copy into an empty database (a new one, or drop its tables first).")
    counts = {}
    for table, columns in TABLES.items():
        rows = source.query(f"SELECT {', '.join(columns)} FROM {table}")
        sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
               f"({', '.join('?' for _ in columns)}) ON CONFLICT DO NOTHING")
        copied = 0
        for start in range(0, len(rows), BATCH):
            with target.transaction() as tx:
                for row in rows[start:start + BATCH]:
                    copied += tx.execute(sql, tuple(row[c] for c in columns)).rowcount
        counts[table] = copied
    return counts
