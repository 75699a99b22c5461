"""The engine's one ranking of candidates: BM25F hits, the dense ranking and the passages the
translated question found (bot/answer/crosslingual.py), fused by the configured rule
(index/fusion.py: search.fusion), with what the relevance decision reads filled in."""

from __future__ import annotations

import math
from collections.abc import Sequence

from bot.answer.corpus import parse_passage_id
from bot.answer.relevance import lexical_ok
from bot.foundation.config import SearchSettings
from index.backend import Hit
from index.dense import DenseRanking, DenseRetriever
from index.fusion import Fused, mix, rrf

# The first places (the citations an answer shows first) that a clear translated match keeps.
KEEP = 3


def fuse(hits: Sequence[Hit], ranking: DenseRanking | None, search: SearchSettings,
         dense: DenseRetriever | None, translated: Sequence[Hit] = ()) -> list[Fused]:
    """Candidates best first; without a dense ranking (no embedder, endpoint down) the lexical
    rankings alone."""
    lexical = [(h.id, h.score, h.coverage) for h in hits]
    other = [(h.id, h.score, h.coverage) for h in translated]
    if ranking is None:
        # without a dense ranking a rank fusion would put any direct hit, however weak, above
        # the best translated one: the scores decide instead
        return mix(lexical, [], 0.0, None, other) if other else rrf(lexical, [], search.rrf_k, 0.0)
    boosts = dense.boosts if dense is not None else None
    if search.fusion == "mix":
        fused = mix(lexical, ranking.top, search.dense_weight, boosts, other)
    else:
        fused = rrf(lexical, ranking.top, search.rrf_k, search.dense_weight, boosts, other)
    for f in fused:
        f.dense_z = ranking.z.get(f.id, f.dense_z)
        f.in_scope = ranking.cosine(f.dense_z) - ranking.anchor
    embedded = dense.vectors.embedded_ids if dense is not None else frozenset()
    return keep_translated(_without_vectors(fused, search, embedded), {h.id for h in translated},
                            search)


def keep_translated(fused: list[Fused], translated: set[str], search: SearchSettings) -> list[Fused]:
    """A passage in the other language that the translated question clearly matches, covering
    more of the question than every curated item above it, is not pushed out of the first KEEP
    by items that are only close in meaning (an English question about a Chinese report's figure
    and the curated items about national *reporting*): it takes the last of those places when an
    item holds it (a passage there stays: passages rank among themselves by their own match)."""
    if len(fused) <= KEEP or not _is_item(fused[KEEP - 1]):
        return fused
    for i in range(KEEP, len(fused)):
        f = fused[i]
        if f.id in translated and lexical_ok(f, search) and all(
                f.coverage > above.coverage for above in fused[:i] if _is_item(above)):
            f.score = math.nextafter(fused[KEEP - 1].score, math.inf)
            return sorted(fused, key=lambda g: (-g.score, g.id))
    return fused


def _is_item(f: Fused) -> bool:
    """A curated knowledge item, not a passage of an added document ("doc#7")."""
    return parse_passage_id(f.id) is None


def _without_vectors(fused: list[Fused], search: SearchSettings,
                     embedded: frozenset[str]) -> list[Fused]:
    """Passages of ingested documents have no vectors unless embeddings.documents is on:
    their lexical share is scaled to the whole score range, so a passage matching every word
    of the question is not beaten by any item that is merely close in meaning (an item that
    also matches the words still wins: document passages carry search.document_boost)."""
    dense = search.dense_weight
    scale = (2.0 + dense) / 2.0 if search.fusion == "mix" else 1.0 + dense
    changed = False
    for f in fused:
        if f.id not in embedded and f.bm25 > 0:
            f.score *= scale
            changed = True
    return sorted(fused, key=lambda f: (-f.score, f.id)) if changed else fused
