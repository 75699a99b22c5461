"""Ranking rules shared by every backend: how much of the question a passage covers, and the
"coord" factor that ranks a passage covering more of the question above one repeating one word."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from index.query import Alternative, Concept

# Share of a passage's score it keeps even when it covers little of the question.
COORD_FLOOR = 0.3
# How many top hits a backend without built-in coord re-ranks by it.
RERANK_DEPTH = 50


def idf(n: int, df: int) -> float:
    """BM25's idf; a term no document holds gets the largest value."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def concept_weight(concept: Concept, doc_freq: Callable[[str], int], n: int) -> float:
    """How much a word counts in the question: rarer words count more, and a word no passage
    holds counts the most (the question is probably about something else) unless a glossary
    synonym or a spelling correction of it is known, which then stands in for it."""
    word = concept.alternatives[0]
    df = min(doc_freq(t) for t in word.tokens)
    if df == 0:
        known = [min(doc_freq(t) for t in a.tokens) for a in concept.alternatives
                 if a.kind in ("synonym", "correction")]
        known = [d for d in known if d > 0]
        if known:
            df = min(known)
    return concept.importance * idf(n, df)


def credit(alt: Alternative) -> float:
    """How much of its concept a matched alternative accounts for: a sub-word (公约 of
    世界遗产公约) only its weight; the word itself, a synonym or a correction all of it."""
    return alt.weight if alt.kind == "subword" else 1.0


def coverage(concepts: Sequence[Concept], weights: Sequence[float],
             is_matched: Callable[[Alternative], bool]) -> float:
    """Share of the question's (idf-weighted) concepts that a passage matches."""
    total = sum(weights)
    if total <= 0:
        return 0.0
    got = 0.0
    for concept, weight in zip(concepts, weights, strict=True):
        got += weight * max((credit(a) for a in concept.alternatives if is_matched(a)), default=0.0)
    return got / total


def coord(score: float, covered: float) -> float:
    """Lucene's classic coord factor, with idf-weighted coverage instead of a term count."""
    return score * (COORD_FLOOR + (1 - COORD_FLOOR) * covered)
