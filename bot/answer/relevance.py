"""Whether the best candidate answers the question: BM25F and dense evidence together.

BM25F alone declined most questions typed in a focal point's own words (few shared words), and a
dense similarity alone cannot tell "closest" from "relevant". So a candidate is relevant when either
signal is strong on its own, or both point at it:
- BM25F: it matches enough of the question (idf-weighted coverage) with enough score;
- dense: its similarity stands far above the question's similarity to the rest of the corpus (a
  z-score: off-topic questions are about as close to every passage, so nothing stands out);
- agreement: a moderately standing-out passage that BM25F also ranks among its top three;
and, for the dense evidence, most of the question's words must be known to the corpus (a question
made of words no passage holds is about something else, however close its meaning looks), and
the question must be closer to that passage than to any of a list of
everyday out-of-scope questions (config/offtopic.yaml): "will it rain tomorrow?" stands out from
the corpus as much as a real question does, but it stands out towards the weather.
Thresholds are calibrated on our own questions (tests/benchmarks/paraphrase_own.yaml, split calib).
"""

from __future__ import annotations

from bot.foundation.config import SearchSettings
from index.fusion import Fused

AGREE_RANK = 3
AGREE_COVERAGE = 0.3


def lexical_ok(f: Fused, search: SearchSettings) -> bool:
    return f.coverage >= search.min_coverage and f.bm25 >= search.min_score


def dense_ok(f: Fused, search: SearchSettings, unknown_share: float = 0.0,
             lang: str = "en") -> bool:
    limit = search.max_unknown_share_zh if lang == "zh" else search.max_unknown_share
    if unknown_share > limit:
        return False  # most of the question's words appear nowhere in the corpus
    agree = (f.bm25_rank is not None and f.bm25_rank <= AGREE_RANK and
             f.dense_rank is not None and f.dense_rank <= AGREE_RANK)
    if agree and f.coverage >= AGREE_COVERAGE and f.dense_z >= search.min_dense_z_agree:
        return True  # both rankings pick it, and it shares a good part of the question's words
    if f.in_scope < search.min_in_scope:
        return False  # closer to an everyday question (weather, recipes ...) than to the passage
    return f.dense_z >= search.min_dense_z or (agree and f.dense_z >= search.min_dense_z_agree)


def is_relevant(f: Fused, search: SearchSettings, unknown_share: float = 0.0,
                lang: str = "en") -> bool:
    """The decision for the best candidate; `unknown_share`: share of the question's words
    that no passage holds (Chinese questions leave more everyday words unsegmented from the
    domain's, so they have their own limit)."""
    return lexical_ok(f, search) or dense_ok(f, search, unknown_share, lang)


def is_related(f: Fused, best: Fused, search: SearchSettings) -> bool:
    """Whether a further candidate deserves a place beside the best one."""
    if best.bm25 > 0 and f.bm25 >= best.bm25 * search.related_ratio and f.coverage > 0:
        return True
    return f.dense_z >= search.min_dense_z
