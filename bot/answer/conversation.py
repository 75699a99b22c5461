"""The context of a conversation: the topic of its last answer, and where it is kept.

Why a topic and not a transcript: a follow-up ("who was involved?", "后来呢？", "in Chinese
please") needs what the last answer was about (the items shown, the case, country, organisation,
convention and theme, the question and how it was asked), not the words said. It is kept in the
state (`StateTopics`: SQLite or PostgreSQL, so that every instance and a restart see it) under a
keyed hash of the conversation id, and deleted once `conversation.ttl_minutes` have passed since
the last turn. `MemoryTopics` keeps them in the process (`ask --json -`, `nfpbot eval`).

Raw keys, built by each adapter (hashed here, never stored as given):
  console "console:<random per session>"; telegram "telegram:<chat>" (private) or
  "telegram:<chat>:<user>" (group), a bot message "telegram:<chat>:msg:<message id>";
  slack "slack:<team>:<channel>" (DM) or "slack:<team>:<channel>:<thread ts>"; web "web:<id>";
  feishu "feishu:<chat>" / "feishu:<chat>:<open_id>", a message "feishu:msg:<id>";
  dingtalk "dingtalk:<conversation>" / "dingtalk:<conversation>:<sender>"; batch "batch:<id>".
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from bot.foundation.answers import Lang
from bot.state.base import State

# Ids of the items shown that are kept (what "other countries" leaves out): more than a page.
MAX_ITEMS = 20


@dataclass(frozen=True, slots=True)
class Topic:
    """What the last answer of a conversation was about."""

    question: str                   # the question as typed
    query: str                      # what the engine was asked (the question with context carried in)
    lang: Lang
    items: tuple[str, ...] = ()     # ids of the items shown, best first
    case: str | None = None         # the case item the answer was about, if any
    countries: tuple[str, ...] = ()         # English glossary names
    organisations: tuple[str, ...] = ()
    conventions: tuple[str, ...] = ()
    processes: tuple[str, ...] = ()
    themes: tuple[int, ...] = ()
    exclude: tuple[str, ...] = ()   # ids left out of the answer ("other countries"), for paging
    resolved: str | None = None     # how the question was understood, when context was used
    how: str = "fresh"              # fresh | followup | others | language | source | substitute
                                    # | list | member
    asked_again: bool = False       # a later question asked this one again (counted once)
    listed: tuple[str, ...] = ()    # ids of a list answer's lines as shown ("the second one" picks one)
    document: str | None = None     # the added document the answer was from (its first citation's)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Topic | None:
        """The stored topic, or None for a row this code cannot read (an older or newer shape)."""
        try:
            data = json.loads(text)
            known = {f.name for f in fields(cls)}
            values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v
                                      for k, v in data.items() if k in known}
            return cls(**values)
        except (ValueError, TypeError):
            return None


class Topics(Protocol):
    """Where topics are kept: by raw key, each with an expiry."""

    def load(self, key: str, now: datetime) -> Topic | None: ...

    def save(self, key: str, topic: Topic, now: datetime) -> None: ...


class StateTopics:
    """Topics in the state's `conversations` table, under keyed hashes; expired rows are deleted on
    every write (an indexed range delete), and never read."""

    def __init__(self, state: State, ttl: timedelta = timedelta(minutes=30)) -> None:
        self.state = state
        self.ttl = ttl

    def load(self, key: str, now: datetime) -> Topic | None:
        row = self.state.one("SELECT topic FROM conversations WHERE key = ? AND expires_at >= ?",
                             (self.state.anonymise(key), _stamp(now)))
        return Topic.from_json(row["topic"]) if row else None

    def save(self, key: str, topic: Topic, now: datetime) -> None:
        stamp = _stamp(now)
        with self.state.transaction() as tx:
            tx.execute("DELETE FROM conversations WHERE expires_at < ?", (stamp,))
            tx.execute("INSERT INTO conversations (key, topic, expires_at) VALUES (?, ?, ?)"
                       " ON CONFLICT (key) DO UPDATE SET topic = excluded.topic,"
                       " expires_at = excluded.expires_at",
                       (self.state.anonymise(key), topic.to_json(), _stamp(now + self.ttl)))

    def purge(self, now: datetime) -> int:
        """Delete every expired topic; returns how many (for a periodic clean-up)."""
        with self.state.transaction() as tx:
            return tx.execute("DELETE FROM conversations WHERE expires_at < ?",
                              (_stamp(now),)).rowcount


@dataclass
class MemoryTopics:
    """Topics of one process (a batch, an evaluation run), with the same expiry rule."""

    ttl: timedelta = timedelta(minutes=30)
    _rows: dict[str, tuple[Topic, datetime]] = field(default_factory=dict)

    def load(self, key: str, now: datetime) -> Topic | None:
        row = self._rows.get(key)
        if row is None or row[1] < now:
            return None
        return row[0]

    def save(self, key: str, topic: Topic, now: datetime) -> None:
        if len(self._rows) % 256 == 255:  # now and then, not on every turn of a long batch
            self._rows = {k: v for k, v in self._rows.items() if v[1] >= now}
        self._rows[key] = (topic, now + self.ttl)


def _stamp(moment: datetime) -> str:
    """ISO 8601 in UTC with a fixed width, so that text order is time order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
