"""Versioned schema migrations of both backends; each runs once, in order, at start.

SQLite counts them in `PRAGMA user_version`, PostgreSQL in the `schema_migrations` table. The two
lists need not have the same length (PostgreSQL started at SQLite's schema 3); the tables and
columns they end with are the same, which is what the shared SQL of the callers relies on.
"""

from __future__ import annotations

_SQLITE_NOW = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
_PG_NOW = "(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"

SQLITE: list[str] = [
    # 1: the first schema
    f"""
    CREATE TABLE subscriptions (
        platform   TEXT NOT NULL,
        chat_id    TEXT NOT NULL,
        lang       TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
        send_time  TEXT NOT NULL,             -- HH:MM, local
        timezone   TEXT NOT NULL,             -- IANA name
        cycle_start INTEGER NOT NULL,         -- where in the tip rotation this subscriber starts
        script     TEXT NOT NULL DEFAULT 'hans',
        created_at TEXT NOT NULL,
        PRIMARY KEY (platform, chat_id)
    );
    CREATE TABLE deliveries (
        platform   TEXT NOT NULL,
        chat_id    TEXT NOT NULL,
        day        TEXT NOT NULL,             -- local date, YYYY-MM-DD
        tip_id     TEXT NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
        attempts   INTEGER NOT NULL DEFAULT 0,
        claimed_at TEXT NOT NULL,
        done_at    TEXT,
        detail     TEXT,
        PRIMARY KEY (platform, chat_id, day)
    );
    CREATE TABLE feedback (
        id         INTEGER PRIMARY KEY,
        platform   TEXT NOT NULL,
        user_hash  TEXT NOT NULL,
        question_hash TEXT NOT NULL,
        item_id    TEXT,
        vote       INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        created_at TEXT NOT NULL DEFAULT {_SQLITE_NOW},
        UNIQUE (platform, user_hash, question_hash)
    );
    CREATE TABLE preferences (
        platform   TEXT NOT NULL,
        user_hash  TEXT NOT NULL,
        lang       TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
        PRIMARY KEY (platform, user_hash)
    );
    CREATE TABLE query_log (
        id         INTEGER PRIMARY KEY,
        platform   TEXT NOT NULL,
        lang       TEXT NOT NULL,
        answered   INTEGER NOT NULL,
        top_item   TEXT,
        created_at TEXT NOT NULL DEFAULT {_SQLITE_NOW}
    );
    CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: the tip scheduler reads the deliveries of recent days on every pass
    """
    CREATE INDEX deliveries_day ON deliveries (day, platform);
    """,
    # 3: the hash key leaves the database (see keys.py); cited items and latency in the query
    # log; the text of declined and down-voted questions (no user reference) for the content-gap
    # report; request ids seen (Slack retries and replayed slash commands), shared by processes
    f"""
    DROP TABLE secrets;
    ALTER TABLE query_log ADD COLUMN items TEXT;
    ALTER TABLE query_log ADD COLUMN latency_ms INTEGER;
    CREATE INDEX query_log_created ON query_log (created_at);
    CREATE TABLE gap_questions (
        id         INTEGER PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('declined', 'downvoted')),
        platform   TEXT NOT NULL,
        lang       TEXT NOT NULL,
        question   TEXT NOT NULL,
        items      TEXT,
        created_at TEXT NOT NULL DEFAULT {_SQLITE_NOW}
    );
    CREATE TABLE seen_requests (key TEXT PRIMARY KEY, expires_at TEXT NOT NULL);
    CREATE INDEX seen_requests_expiry ON seen_requests (expires_at);
    """,
    # 4: the topic of each conversation's last answer, so that a follow-up is understood on any
    # instance and after a restart (bot/answer/conversation.py)
    """
    CREATE TABLE conversations (
        key        TEXT PRIMARY KEY,          -- keyed hash of the conversation or message id
        topic      TEXT NOT NULL,             -- JSON: items shown, case, countries, ... (conversation.py)
        expires_at TEXT NOT NULL              -- ISO 8601 UTC, deleted after it
    );
    CREATE INDEX conversations_expiry ON conversations (expires_at);
    """,
    # 5: answers whose question was asked again in other words in the same conversation (the
    # report's "weak answer" signal); no conversation or user reference is kept
    f"""
    CREATE TABLE rephrasings (
        id         INTEGER PRIMARY KEY,
        platform   TEXT NOT NULL,
        lang       TEXT NOT NULL,
        item       TEXT,                      -- the item the weak answer led with
        created_at TEXT NOT NULL DEFAULT {_SQLITE_NOW}
    );
    CREATE INDEX rephrasings_created ON rephrasings (created_at);
    """,
]

POSTGRES: list[str] = [
    # 1: SQLite's schema 3
    f"""
    CREATE TABLE subscriptions (
        platform   TEXT NOT NULL,
        chat_id    TEXT NOT NULL,
        lang       TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
        send_time  TEXT NOT NULL,
        timezone   TEXT NOT NULL,
        cycle_start INTEGER NOT NULL,
        script     TEXT NOT NULL DEFAULT 'hans',
        created_at TEXT NOT NULL,
        PRIMARY KEY (platform, chat_id)
    );
    CREATE TABLE deliveries (
        platform   TEXT NOT NULL,
        chat_id    TEXT NOT NULL,
        day        TEXT NOT NULL,
        tip_id     TEXT NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
        attempts   INTEGER NOT NULL DEFAULT 0,
        claimed_at TEXT NOT NULL,
        done_at    TEXT,
        detail     TEXT,
        PRIMARY KEY (platform, chat_id, day)
    );
    CREATE INDEX deliveries_day ON deliveries (day, platform);
    CREATE TABLE feedback (
        id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform   TEXT NOT NULL,
        user_hash  TEXT NOT NULL,
        question_hash TEXT NOT NULL,
        item_id    TEXT,
        vote       INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        created_at TEXT NOT NULL DEFAULT {_PG_NOW},
        UNIQUE (platform, user_hash, question_hash)
    );
    CREATE TABLE preferences (
        platform   TEXT NOT NULL,
        user_hash  TEXT NOT NULL,
        lang       TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
        PRIMARY KEY (platform, user_hash)
    );
    CREATE TABLE query_log (
        id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform   TEXT NOT NULL,
        lang       TEXT NOT NULL,
        answered   INTEGER NOT NULL,
        top_item   TEXT,
        created_at TEXT NOT NULL DEFAULT {_PG_NOW},
        items      TEXT,
        latency_ms INTEGER
    );
    CREATE INDEX query_log_created ON query_log (created_at);
    CREATE TABLE gap_questions (
        id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('declined', 'downvoted')),
        platform   TEXT NOT NULL,
        lang       TEXT NOT NULL,
        question   TEXT NOT NULL,
        items      TEXT,
        created_at TEXT NOT NULL DEFAULT {_PG_NOW}
    );
    CREATE TABLE seen_requests (key TEXT PRIMARY KEY, expires_at TEXT NOT NULL);
    CREATE INDEX seen_requests_expiry ON seen_requests (expires_at);
    """,
    # 2: SQLite's schema 4 (conversations)
    """
    CREATE TABLE conversations (
        key        TEXT PRIMARY KEY,          -- keyed hash of the conversation or message id
        topic      TEXT NOT NULL,             -- JSON: items shown, case, countries, ... (conversation.py)
        expires_at TEXT NOT NULL              -- ISO 8601 UTC, deleted after it
    );
    CREATE INDEX conversations_expiry ON conversations (expires_at);
    """,
    # 3: SQLite's schema 5 (rephrasings)
    f"""
    CREATE TABLE rephrasings (
        id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform   TEXT NOT NULL,
        lang       TEXT NOT NULL,
        item       TEXT,
        created_at TEXT NOT NULL DEFAULT {_PG_NOW}
    );
    CREATE INDEX rephrasings_created ON rephrasings (created_at);
    """,
]


def statements(script: str) -> list[str]:
    """The statements of a migration script (none of ours has a ';' inside a literal)."""
    return [s.strip() for s in script.split(";") if s.strip()]
