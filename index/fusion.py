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
        boosts: dict[str, float] | None = None) -> list[Fused]:
    """`bm25`: (id, score, coverage) best first (boosts already applied); `dense`: (id, z) best
    first; `boosts` weigh the dense side as BM25F weighs its own."""
    out = _collect(bm25, dense)
    boosts = boosts or {}
    for f in out.values():
        lexical = 1.0 / (k + f.bm25_rank) if f.bm25_rank else 0.0
        semantic = dense_weight / (k + f.dense_rank) if f.dense_rank else 0.0
        f.score = lexical + boosts.get(f.id, 1.0) * semantic
    return _ranked(out)


def mix(bm25: Sequence[tuple[str, float, float]], dense: Sequence[tuple[str, float]],
        dense_weight: float = 1.0, boosts: dict[str, float] | None = None) -> list[Fused]:
    """BM25F / best BM25F plus the weighted dense z-score / best z-score (each in [0, 1])."""
    out = _collect(bm25, dense)
    boosts = boosts or {}
    top_bm25 = max((s for _, s, _ in bm25), default=0.0) or 1.0
    top_z = max(max((z for _, z in dense), default=0.0), 1.0)
    for f in out.values():
        # a passage that matches the whole question word for word (a number, a name) is
        # precise evidence: its lexical share counts up to twice
        f.score = (f.bm25 / top_bm25 * (1.0 + f.coverage) +
                   boosts.get(f.id, 1.0) * dense_weight * max(f.dense_z, 0.0) / top_z)
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


def _ranked(out: dict[str, Fused]) -> list[Fused]:
    return sorted(out.values(), key=lambda f: (-f.score, f.id))
