"""Retrieval evaluation: hit@1, hit@3, MRR per tag, and the share of off-topic questions declined.

Scoring rule (../shared/eval/dev_questions.yaml): a cited item matches when, for every group of
`expect`, one of the group's alternatives occurs (case-insensitive) in the item's title + text +
source; `expect: none` marks an off-topic question the bot must decline.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.answer.sources import render_sources
from bot.foundation.answers import Answer
from bot.knowledge import Knowledge


@dataclass(frozen=True, slots=True)
class Question:
    tag: str
    q: str
    expect: tuple[tuple[str, ...], ...] | None  # None = off-topic
    split: str | None = None  # e.g. calib / holdout in our own sets
    turns: tuple[str, ...] = ()  # a conversation: earlier turns played first, `q` is the last


@dataclass(slots=True)
class TagScore:
    n: int = 0
    hit1: float = 0.0
    hit3: float = 0.0
    mrr: float = 0.0
    declined: int = 0

    def row(self) -> dict:
        n = max(self.n, 1)
        return {"n": self.n, "hit@1": self.hit1 / n, "hit@3": self.hit3 / n, "mrr": self.mrr / n,
                "declined": self.declined / n}


def load_questions(path: Path) -> list[Question]:
    data = yaml.safe_load(Path(path).read_text("utf-8")) or []
    out = []
    for row in data:
        expect = row.get("expect")
        groups = None if expect in (None, "none") else tuple(tuple(str(a) for a in g) for g in expect)
        split = row.get("split")
        turns = tuple(str(t) for t in row.get("turns") or ())
        out.append(Question(str(row.get("tag", "untagged")), turns[-1] if turns else str(row["q"]),
                            groups, str(split) if split is not None else None, turns))
    return out


def matches(knowledge: Knowledge, item_id: str, groups: Sequence[Sequence[str]]) -> bool:
    item = knowledge.get(item_id)
    if item is None:
        return False
    hay = " ".join([*item.title.values(), *item.text.values(), render_sources(item.sources, "en", limit=None),
                    render_sources(item.sources, "zh", limit=None)]).lower()
    return all(any(alt.lower() in hay for alt in group) for group in groups)


def evaluate(questions: Sequence[Question], ask: Callable[[str], Answer],
             knowledge: Knowledge, converse: Callable[[Sequence[str]], Answer] | None = None,
             ) -> tuple[dict[str, dict], list[dict]]:
    """Scores per tag (plus "overall" for on-topic questions) and a row per question. A question
    with `turns` is scored on the answer to its last turn, the earlier ones played before it in one
    conversation by `converse` (without it, the last turn is asked on its own)."""
    scores: dict[str, TagScore] = defaultdict(TagScore)
    details = []
    for q in questions:
        answer = converse(q.turns) if q.turns and converse is not None else ask(q.q)
        ids = [c.id for c in answer.citations[:3]]
        s = scores[q.tag]
        s.n += 1
        if q.expect is None:
            ok = (not answer.answered) or not answer.citations
            s.declined += ok
            details.append({"tag": q.tag, "q": q.q, "ok": ok, "ids": ids})
            continue
        rank = next((i + 1 for i, cid in enumerate(ids) if matches(knowledge, cid, q.expect)), None)
        for target in (s, scores["overall"]):
            if target is not s:
                target.n += 1
            target.hit1 += rank == 1
            target.hit3 += rank is not None and rank <= 3
            target.mrr += 1 / rank if rank else 0.0
        details.append({"tag": q.tag, "q": q.q, "ok": rank is not None, "rank": rank, "ids": ids})
    return {tag: s.row() for tag, s in sorted(scores.items())}, details


def format_table(table: dict[str, dict]) -> str:
    lines = [f"{'tag':<10} {'n':>3} {'hit@1':>6} {'hit@3':>6} {'MRR':>6} {'declined':>8}"]
    for tag, r in table.items():
        declined = f"{r['declined']:.2f}" if tag == "offtopic" else "-"
        if tag == "offtopic":
            lines.append(f"{tag:<10} {r['n']:>3} {'-':>6} {'-':>6} {'-':>6} {declined:>8}")
        else:
            lines.append(f"{tag:<10} {r['n']:>3} {r['hit@1']:>6.2f} {r['hit@3']:>6.2f} {r['mrr']:>6.2f} {declined:>8}")
    return "\n".join(lines)
