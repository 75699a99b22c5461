"""Feedback votes, user language preferences and the anonymous query log (no raw ids stored)."""

from __future__ import annotations

from bot.state import State


class Feedback:
    """Records 👍/👎 on answers; one vote per user and question (a new vote replaces the old one)."""

    def __init__(self, state: State) -> None:
        self.state = state

    def record(self, platform: str, user_id: str, question: str, item_id: str | None, vote: int) -> None:
        if vote not in (-1, 1):
            raise ValueError("vote must be 1 or -1")
        with self.state.transaction() as conn:
            conn.execute(
                "INSERT INTO feedback (platform, user_hash, question_hash, item_id, vote) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (platform, user_hash, question_hash) "
                "DO UPDATE SET vote = excluded.vote, item_id = excluded.item_id",
                (platform, self.state.anonymise(user_id), self.state.anonymise(question), item_id, vote),
            )

    def totals(self) -> dict[str, int]:
        rows = self.state.conn.execute("SELECT vote, COUNT(*) AS n FROM feedback GROUP BY vote")
        counts = {row["vote"]: row["n"] for row in rows}
        return {"up": counts.get(1, 0), "down": counts.get(-1, 0)}


class Preferences:
    """A user's chosen answer language (set with the lang command)."""

    def __init__(self, state: State) -> None:
        self.state = state

    def get_lang(self, platform: str, user_id: str) -> str | None:
        row = self.state.conn.execute(
            "SELECT lang FROM preferences WHERE platform = ? AND user_hash = ?",
            (platform, self.state.anonymise(user_id))).fetchone()
        return row["lang"] if row else None

    def set_lang(self, platform: str, user_id: str, lang: str) -> None:
        with self.state.transaction() as conn:
            conn.execute("INSERT INTO preferences (platform, user_hash, lang) VALUES (?, ?, ?) "
                         "ON CONFLICT (platform, user_hash) DO UPDATE SET lang = excluded.lang",
                         (platform, self.state.anonymise(user_id), lang))


class QueryLog:
    """Which questions were answered, without their text or who asked (for quality monitoring)."""

    def __init__(self, state: State) -> None:
        self.state = state

    def record(self, platform: str, lang: str, answered: bool, top_item: str | None) -> None:
        with self.state.transaction() as conn:
            conn.execute("INSERT INTO query_log (platform, lang, answered, top_item) VALUES (?, ?, ?, ?)",
                         (platform, lang, int(answered), top_item))
