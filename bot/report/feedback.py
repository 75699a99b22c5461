"""Feedback votes, user language preferences and the anonymous query log (no raw ids stored).

The text of declined questions and of down-voted answers is kept (when `report.keep_questions` is
on) in `gap_questions`, a table with no user reference at all, for the content-gap report.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.foundation.answers import Answer
from bot.state.base import State

MAX_KEPT_CHARS = 1000


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def keep_gap(state: State, kind: str, platform: str, lang: str, question: str,
             items: str | None) -> None:
    """Keep a question the knowledge could not serve (no user id, no user hash)."""
    text = question.strip()[:MAX_KEPT_CHARS]
    if not text:
        return
    with state.transaction() as conn:
        conn.execute("INSERT INTO gap_questions (kind, platform, lang, question, items, created_at)"
                     " VALUES (?, ?, ?, ?, ?, ?)", (kind, platform, lang, text, items, _now()))


class Feedback:
    """Records 👍/👎 on answers; one vote per user and question (a new vote replaces the old one)."""

    def __init__(self, state: State, keep_questions: bool = True) -> None:
        self.state = state
        self.keep_questions = keep_questions

    def record(self, platform: str, user_id: str, question: str, item_id: str | None, vote: int) -> None:
        if vote not in (-1, 1):
            raise ValueError("vote must be 1 or -1")
        if vote == -1 and self.keep_questions:
            from index import detect_lang
            keep_gap(self.state, "downvoted", platform, detect_lang(question), question, item_id)
        with self.state.transaction() as conn:
            conn.execute(
                "INSERT INTO feedback (platform, user_hash, question_hash, item_id, vote) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (platform, user_hash, question_hash) "
                "DO UPDATE SET vote = excluded.vote, item_id = excluded.item_id",
                (platform, self.state.anonymise(user_id), self.state.anonymise(question), item_id, vote),
            )

    def totals(self) -> dict[str, int]:
        rows = self.state.query("SELECT vote, COUNT(*) AS n FROM feedback GROUP BY vote")
        counts = {row["vote"]: row["n"] for row in rows}
        return {"up": counts.get(1, 0), "down": counts.get(-1, 0)}


class Preferences:
    """A user's chosen answer language (set with the lang command)."""

    def __init__(self, state: State) -> None:
        self.state = state

    def get_lang(self, platform: str, user_id: str) -> str | None:
        row = self.state.one(
            "SELECT lang FROM preferences WHERE platform = ? AND user_hash = ?",
            (platform, self.state.anonymise(user_id)))
        return row["lang"] if row else None

    def clear_lang(self, platform: str, user_id: str) -> None:
        """Forget the user's choice: answers follow each question's language again."""
        with self.state.transaction() as conn:
            conn.execute("DELETE FROM preferences WHERE platform = ? AND user_hash = ?",
                         (platform, self.state.anonymise(user_id)))

    def set_lang(self, platform: str, user_id: str, lang: str) -> None:
        with self.state.transaction() as conn:
            conn.execute("INSERT INTO preferences (platform, user_hash, lang) VALUES (?, ?, ?) "
                         "ON CONFLICT (platform, user_hash) DO UPDATE SET lang = excluded.lang",
                         (platform, self.state.anonymise(user_id), lang))


class QueryLog:
    """Which questions were answered and what was cited, never who asked; the text only of
    declined questions, and only with `keep_questions` (for the content-gap report)."""

    def __init__(self, state: State, keep_questions: bool = True) -> None:
        self.state = state
        self.keep_questions = keep_questions

    def record(self, platform: str, lang: str, answered: bool, top_item: str | None,
               items: tuple[str, ...] = (), latency: float | None = None) -> None:
        with self.state.transaction() as conn:
            conn.execute("INSERT INTO query_log (platform, lang, answered, top_item, items,"
                         " latency_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (platform, lang, int(answered), top_item, ",".join(items) or None,
                          None if latency is None else int(latency * 1000), _now()))

    def record_answer(self, platform: str, answer: Answer, latency: float | None = None) -> None:
        """Log an answer; keep the question's text when it was declined."""
        items = tuple(c.id for c in answer.citations)
        self.record(platform, answer.lang, answer.answered, items[0] if items else None, items,
                    latency)
        if not answer.answered and self.keep_questions:
            keep_gap(self.state, "declined", platform, answer.lang, answer.question, None)

    def record_asked_again(self, platform: str, lang: str, item: str | None) -> None:
        """An answer whose question was asked again in the same conversation (a weak answer)."""
        with self.state.transaction() as conn:
            conn.execute("INSERT INTO rephrasings (platform, lang, item, created_at)"
                         " VALUES (?, ?, ?, ?)", (platform, lang, item, _now()))
