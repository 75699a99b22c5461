"""Combining the BM25F ranking with the dense ranking of the same documents.

Two rules, both measured in tests/benchmarks (BENCHMARKS.md): reciprocal rank fusion (Cormack et
al., 2009), which ignores score scales altogether, and a score mix of BM25F relative to the best
BM25F score and the dense similarity as a z-score over the corpus, which keeps score gaps (a
question naming one case outright) that ranks throw away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DEPTH = 50  # how many documents of each ranking take part
# The share of a match of the translated question (index/translate.py) beside a direct match: a
# translation may pick a sense the passage does not mean.
TRANSLATED_WEIGHT = 0.9


@dataclass(slots=True)
class Fused:
    """One candidate with everything the relevance decision needs."""

    id: str
    score: float = 0.0
    bm25: float = 0.0          # BM25F with coord and boost (0: not matched)
    coverage: float = 0.0      # share of the question's words it matches
    bm25_rank: int | None = None
    dense_z: float = 0.0       # similarity in standard deviations above the question's mean
    dense_rank: int | None = None
    in_scope: float = 0.0      # its similarity minus the question's to the closest everyday
                               # out-of-scope question (negative: the question is about that)


def rrf(bm25: Sequence[tuple[str, float, float]], dense: Sequence[tuple[str, float]],
        k: float = 60.0, dense_weight: float = 1.0,
        boosts: dict[str, float] | None = None,
        translated: Sequence[tuple[str, float, float]] = ()) -> list[Fused]:
    """`bm25`: (id, score, coverage) best first (boosts already applied); `dense`: (id, z) best
    first; `boosts` weigh the dense side as BM25F weighs its own; `translated`: the passages in
    the other language matched by the translated question, (id, score, coverage) best first."""
    out = _collect(bm25, dense)
    own = {doc_id: rank for rank, (doc_id, _, _) in enumerate(bm25[:DEPTH], 1)}
    ranks = _translated(out, translated)
    boosts = boosts or {}
    for f in out.values():
        lexical = 1.0 / (k + own[f.id]) if f.id in own else 0.0
        if f.id in ranks:
            lexical = max(lexical, TRANSLATED_WEIGHT / (k + ranks[f.id]))
        semantic = dense_weight / (k + f.dense_rank) if f.dense_rank else 0.0
        f.score = lexical + boosts.get(f.id, 1.0) * semantic
    return _ranked(out)


def mix(bm25: Sequence[tuple[str, float, float]], dense: Sequence[tuple[str, float]],
        dense_weight: float = 1.0, boosts: dict[str, float] | None = None,
        translated: Sequence[tuple[str, float, float]] = ()) -> list[Fused]:
    """BM25F / best BM25F plus the weighted dense z-score / best z-score (each in [0, 1]);
    a passage matched by the translated question (`translated`) counts its share of that
    search, on the same scale, when it is larger."""
    out = _collect(bm25, dense)
    own = {doc_id: (score, cov) for doc_id, score, cov in bm25[:DEPTH]}
    _translated(out, translated)
    boosts = boosts or {}
    top_bm25 = max((s for _, s, _ in bm25), default=0.0) or 1.0
    top_z = max(max((z for _, z in dense), default=0.0), 1.0)
    top_t = max((s for _, s, _ in translated), default=0.0) or 1.0
    found = {doc_id: (score, cov) for doc_id, score, cov in translated[:DEPTH]}
    for f in out.values():
        # a passage that matches the whole question word for word (a number, a name) is
        # precise evidence: its lexical share counts up to twice
        score, cov = own.get(f.id, (0.0, 0.0))
        lexical = score / top_bm25 * (1.0 + cov)
        if f.id in found:
            t_score, t_cov = found[f.id]
            lexical = max(lexical, TRANSLATED_WEIGHT * t_score / top_t * (1.0 + t_cov))
        f.score = lexical + boosts.get(f.id, 1.0) * dense_weight * max(f.dense_z, 0.0) / top_z
    return _ranked(out)


def _collect(bm25: Sequence[tuple[str, float, float]],
             dense: Sequence[tuple[str, float]]) -> dict[str, Fused]:
    out: dict[str, Fused] = {}
    for rank, (doc_id, score, cov) in enumerate(bm25[:DEPTH], 1):
        out[doc_id] = Fused(doc_id, bm25=score, coverage=cov, bm25_rank=rank)
    for rank, (doc_id, z) in enumerate(dense[:DEPTH], 1):
        f = out.setdefault(doc_id, Fused(doc_id))
        f.dense_z, f.dense_rank = z, rank
    return out


def _translated(out: dict[str, Fused], translated: Sequence[tuple[str, float, float]]) -> dict[str, int]:
    """Adds the passages found by the translated question; their match counts for the relevance
    decision as their own words would (weighed by TRANSLATED_WEIGHT). Returns their ranks."""
    ranks: dict[str, int] = {}
    for rank, (doc_id, score, cov) in enumerate(translated[:DEPTH], 1):
        f = out.setdefault(doc_id, Fused(doc_id))
        ranks[doc_id] = rank
        if cov * TRANSLATED_WEIGHT > f.coverage:
            f.bm25, f.coverage = score * TRANSLATED_WEIGHT, cov * TRANSLATED_WEIGHT
            f.bm25_rank = f.bm25_rank or rank
    return ranks


def _ranked(out: dict[str, Fused]) -> list[Fused]:
    return sorted(out.values(), key=lambda f: (-f.score, f.id))
