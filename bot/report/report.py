"""The content-gap report for the secretariat: what is asked, what is declined or down-voted, what
is cited and what never is, and how the daily tips fare. Built from the state alone (the query
log, the kept questions, the delivery log), so it works on SQLite and PostgreSQL alike.

Declined questions are grouped by meaning when the engine has an embedder (the multilingual
embedding of the hybrid retrieval: "DSI decisions COP16" joins "COP16 decisions on digital
sequence information"), and by the terms they share (the engine's own analysis: jieba for
Chinese, stemming for English) in any case, so "who is the Ramsar focal point in Chile" and
"Ramsar focal point Chile contact" land in one group labelled "ramsar, focal, point, chile".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np

from bot.state.base import State

Terms = Callable[[str], dict[str, str]]   # text -> {term (stemmed): a surface form of it}
Embed = Callable[[Sequence[str]], Any]    # texts -> one vector per text (numpy rows)
SIMILAR = 0.34          # Jaccard similarity of term sets that puts two questions in one group
CLOSE = 0.90            # cosine of embeddings that does (multilingual-e5-small: unrelated
                        # questions score 0.72-0.87, rephrasings 0.92-0.96)
MAX_GROUPS = 30


@dataclass
class Group:
    label: str                      # the terms most of its questions share
    count: int
    questions: list[str]            # distinct texts, most frequent first (at most 10)


@dataclass
class Report:
    since: str | None
    until: str
    questions: int = 0
    answered: int = 0
    asked_again: int = 0            # answers whose question was asked again in the conversation
    thumbs_down: int = 0            # answers that got a 👎
    weeks: list[dict] = field(default_factory=list)      # week, total, answered, declined
    by_platform: dict[str, int] = field(default_factory=dict)
    by_lang: dict[str, int] = field(default_factory=dict)
    declined_groups: list[Group] = field(default_factory=list)
    downvoted: list[dict] = field(default_factory=list)  # question, items, platform, lang, at
    most_cited: list[dict] = field(default_factory=list)  # id, title, count
    never_cited: list[dict] = field(default_factory=list)  # id, title
    tips: dict[str, dict[str, int]] = field(default_factory=dict)  # platform -> status -> n
    questions_kept: bool = True

    @property
    def share_answered(self) -> float:
        return self.answered / self.questions if self.questions else 0.0

    @property
    def weak(self) -> int:
        """Answered, but asked again or down-voted: the sign an answer did not serve (an answer
        both asked again and down-voted counts twice, so it is capped at the answered)."""
        return min(self.answered, self.asked_again + self.thumbs_down)

    @property
    def share_weak(self) -> float:
        return self.weak / self.answered if self.answered else 0.0

    def as_dict(self) -> dict:
        return asdict(self) | {"share_answered": round(self.share_answered, 3), "weak": self.weak,
                               "share_weak": round(self.share_weak, 3)}


def week_of(created_at: str) -> str:
    """The ISO week of a log timestamp, as its Monday (2025-03-10)."""
    day = date.fromisoformat(created_at[:10])
    return (day - timedelta(days=day.weekday())).isoformat()


def build_report(state: State, items: Sequence[tuple[str, str]], terms: Terms,
                 since: date | None = None, now: datetime | None = None,
                 questions_kept: bool = True, embed: Embed | None = None) -> Report:
    """The report over the log since `since` (all of it when None); `items` are (id, title) of
    the knowledge, for the never-cited list."""
    start = since.isoformat() if since else ""
    report = Report(since=start or None, until=(now or datetime.now()).date().isoformat(),
                    questions_kept=questions_kept)
    _questions(report, state.query("SELECT platform, lang, answered, items, created_at FROM"
                                   " query_log WHERE created_at >= ? ORDER BY created_at",
                                   (start,)), dict(items))
    report.asked_again = _count(state, "SELECT COUNT(*) AS n FROM rephrasings"
                                       " WHERE created_at >= ?", start)
    report.thumbs_down = _count(state, "SELECT COUNT(*) AS n FROM feedback WHERE vote = -1"
                                       " AND created_at >= ?", start)
    declined = [r["question"] for r in state.query(
        "SELECT question FROM gap_questions WHERE kind = 'declined' AND created_at >= ?",
        (start,))]
    report.declined_groups = group_questions(declined, terms, embed)
    report.downvoted = [{"question": r["question"], "items": (r["items"] or "").split(",") if
                         r["items"] else [], "platform": r["platform"], "lang": r["lang"],
                         "at": r["created_at"]} for r in state.query(
        "SELECT question, items, platform, lang, created_at FROM gap_questions WHERE kind ="
        " 'downvoted' AND created_at >= ? ORDER BY created_at DESC LIMIT 100", (start,))]
    for r in state.query("SELECT platform, status, COUNT(*) AS n FROM deliveries WHERE day >= ?"
                         " GROUP BY platform, status ORDER BY platform, status", (start[:10],)):
        report.tips.setdefault(r["platform"], {})[r["status"]] = r["n"]
    return report


def _count(state: State, sql: str, start: str) -> int:
    row = state.one(sql, (start,))
    return int(row["n"]) if row else 0


def _questions(report: Report, rows: Iterable[dict], titles: dict[str, str]) -> None:
    weeks: dict[str, Counter] = {}
    cited: Counter = Counter()
    platforms: Counter = Counter()
    langs: Counter = Counter()
    for r in rows:
        report.questions += 1
        report.answered += bool(r["answered"])
        week = weeks.setdefault(week_of(r["created_at"]), Counter())
        week["total"] += 1
        week["answered" if r["answered"] else "declined"] += 1
        platforms[r["platform"]] += 1
        langs[r["lang"]] += 1
        cited.update(i for i in (r["items"] or "").split(",") if i)
    report.weeks = [{"week": w, "total": c["total"], "answered": c["answered"],
                     "declined": c["declined"]} for w, c in sorted(weeks.items())]
    report.by_platform = dict(platforms.most_common())
    report.by_lang = dict(langs.most_common())
    report.most_cited = [{"id": i, "title": titles.get(i, i), "count": n}
                         for i, n in cited.most_common(15)]
    report.never_cited = [{"id": i, "title": t} for i, t in titles.items() if i not in cited]


def group_questions(questions: Sequence[str], terms: Terms,
                    embed: Embed | None = None) -> list[Group]:
    """Greedy grouping, most asked first: a question joins the group whose first question is
    closest to it in meaning (cosine >= CLOSE, with `embed`) or shares most of its terms
    (Jaccard >= SIMILAR); else it starts a group. Biggest groups first."""
    counts = Counter(q.strip() for q in questions if q.strip())
    texts = [t for t, _ in counts.most_common()]
    vectors = _unit_rows(embed, texts) if embed is not None and texts else None
    groups: list[tuple[int, set[str], Counter, Counter]] = []   # first, its terms, terms, texts
    surface: dict[str, str] = {}
    for k, text in enumerate(texts):
        found = terms(text) or {text.lower(): text}
        for term, form in found.items():
            surface.setdefault(term, form)
        words = set(found)
        best, score = None, 0.0
        for g in groups:
            similarity = len(words & g[1]) / len(words | g[1])
            if vectors is not None and float(vectors[k] @ vectors[g[0]]) >= CLOSE:
                similarity = max(similarity, 1.0)
            if similarity > score:
                best, score = g, similarity
        if best is None or score < SIMILAR:
            best = (k, words, Counter(), Counter())
            groups.append(best)
        best[2].update({w: counts[text] for w in sorted(words)})
        best[3][text] += counts[text]
    out = []
    for _, _, term_counts, members in groups:
        total = sum(members.values())
        shared = [t for t, c in term_counts.most_common(4) if c * 2 >= total] or \
            [t for t, _ in term_counts.most_common(2)]
        out.append(Group(", ".join(surface.get(t, t) for t in shared), total,
                         [t for t, _ in members.most_common(10)]))
    out.sort(key=lambda g: (-g.count, g.label))
    return out[:MAX_GROUPS]


def _unit_rows(embed: Embed, texts: Sequence[str]) -> np.ndarray | None:
    """Normalised embeddings, or None when the embedder fails (then terms alone group)."""
    try:
        rows = np.asarray(embed(texts), dtype=np.float32)
    except Exception:  # noqa: BLE001 - an embedder endpoint may be down: terms still work
        return None
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms == 0, 1, norms)
