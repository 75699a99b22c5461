"""Retrieval quality of every engine on the evaluation sets, scored by bot.answer.evaluation.

Why: the same questions, the same knowledge and the same scoring rule for nfpbot and the baselines,
so hit@k differences come from the retrieval alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from engines import NFPBOT, NFPBOT_BM25, NFPBOT_RANKING, Bench

from bot.answer.evaluation import Question, evaluate
from bot.knowledge import Knowledge

TAG_ORDER = ("overall", "en", "zh", "mixed", "hant", "typo", "offtopic")


def score(benches: Sequence[Bench], questions: Sequence[Question],
          knowledge: Knowledge) -> dict[str, tuple[dict[str, dict], int]]:
    """Per engine: (scores per tag, query errors during this set)."""
    out = {}
    for b in benches:
        before = b.errors()
        table, _details = evaluate(questions, b.ask, knowledge)
        out[b.name] = (table, b.errors() - before)
    return out


def format_quality(title: str, results: dict[str, tuple[dict[str, dict], int]]) -> list[str]:
    """One block: a row per tag, a column per engine with hit@1 / hit@3 / MRR (declined off-topic)."""
    names = list(results)
    width = 17
    lines = [title, f"{'tag':<9}{'n':>4}  " + "".join(f"{n[:width - 1]:<{width}}" for n in names),
             f"{'':<13}  " + "".join(f"{'h@1  h@3  MRR':<{width}}" for _ in names)]
    seen = {t for r in results.values() for t in r[0]}
    tags = [t for t in TAG_ORDER if t in seen] + sorted(seen - set(TAG_ORDER))
    for tag in tags:
        n = next(r[0][tag]["n"] for r in results.values() if tag in r[0])
        cells = []
        for name in names:
            row = results[name][0].get(tag)
            if row is None:
                cells.append("-")
            elif tag == "offtopic":
                cells.append(f"declined {row['declined']:.2f}")
            else:
                cells.append(f"{row['hit@1']:.2f} {row['hit@3']:.2f} {row['mrr']:.2f}")
        lines.append(f"{tag:<9}{n:>4}  " + "".join(f"{c:<{width}}" for c in cells))
    lines.append(f"{'q errors':<13}  " + "".join(f"{results[n][1]:<{width}}" for n in names))
    lines += verdict(results)
    return lines


def verdict(results: dict[str, tuple[dict[str, dict], int]]) -> list[str]:
    """Tags where nfpbot's hit@3 does not beat every baseline (ties included)."""
    ours = results.get(NFPBOT)
    if ours is None:
        return []
    notes = []
    for tag, row in ours[0].items():
        if tag == "offtopic":
            key, label = "declined", "declined"
        else:
            key, label = "hit@3", "hit@3"
        rivals = [f"{n} {r[0][tag][key]:.2f}" for n, r in results.items()
                  if n not in (NFPBOT, NFPBOT_RANKING, NFPBOT_BM25) and tag in r[0] and r[0][tag][key] >= row[key]]
        if rivals:
            notes.append(f"  ! {tag}: nfpbot {label} {row[key]:.2f} not above: " + ", ".join(rivals))
    return notes or ["  nfpbot beats every baseline on hit@3 in every tag (and on off-topic declined)"]
