"""Builds every engine under comparison on one document set and times the build.

Why one place: quality and speed must run on the very same indexes, and a synthetic corpus is
segmented with jieba once for all token-based baselines (segmentation dominates their build time).
nfpbot is built through its own code: `Engine.from_settings` on the real knowledge base, and the
`index` package (IndexStore + Segmenter + Thesaurus from the real glossary) on synthetic corpora.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from baselines import (
    BM25Baseline,
    Fts5Baseline,
    TantivyBaseline,
    WhooshBaseline,
    dir_size,
    segment_docs,
)

from index import Document

NFPBOT = "nfpbot"
NFPBOT_RANKING = "nfpbot ranking only"  # diagnostic: the engine's top 3 with its decline test off
NFPBOT_BM25 = "nfpbot BM25F alone"  # the engine without semantic search (embeddings.provider none)
WHOOSH_STD = "whoosh StandardAnalyzer"
WHOOSH_JIEBA = "whoosh + jieba ChineseAnalyzer"
BM25 = "bm25 (rank-bm25)"
TANTIVY = "tantivy (jieba tokens)"
FTS5 = "sqlite fts5 (jieba tokens)"
ALL = (NFPBOT, WHOOSH_STD, WHOOSH_JIEBA, BM25, TANTIVY, FTS5)


@dataclass(slots=True)
class Bench:
    """One built engine: `ids` answers top-3 ids, `ask` an Answer-like object for bot.answer.evaluation."""

    name: str
    ids: Callable[[str], list[str]]
    ask: Callable[[str], object]
    build_s: float
    seg_s: float | None = None  # separate segmentation time (token-based baselines), else included
    size: int = 0
    errors: Callable[[], int] = field(default=lambda: 0)


def as_answer(ids: list[str]) -> SimpleNamespace:
    """What bot.evaluation.evaluate reads from an Answer: `answered`, `citations[].id` and the
    lead (a baseline ranks and writes no lead: its lead names nothing)."""
    return SimpleNamespace(answered=bool(ids), citations=[SimpleNamespace(id=i) for i in ids], lead="")


def _wrap(name: str, engine, build_s: float, seg_s: float | None = None) -> Bench:
    return Bench(name, engine.search, lambda q: as_answer(engine.search(q)), build_s, seg_s,
                 engine.size(), lambda: engine.errors)


def nfpbot_real(tmp: Path) -> tuple[Bench, Bench, object, Bench]:
    """nfpbot exactly as deployed (settings with a fresh data dir, index and vectors built on first
    start from the shipped vectors), a diagnostic bench of its ranking alone (hybrid, no decline
    test), and the engine without semantic search (the previous round's engine)."""
    from bot.answer.engine import Engine
    from bot.foundation.config import load_settings

    settings = load_settings(env={"NFPBOT_DATA_DIR": str(tmp / "nfpbot-data")})
    t = time.perf_counter()
    engine = Engine.from_settings(settings)
    build_s = time.perf_counter() - t
    if engine.dense is not None:
        engine.dense.query_cache_size = 0  # every timed question embedded, as a new one would be
    status = engine.store.status()

    def ask(q: str):
        return engine.answer(q, limit=3)

    def ranked(q: str):
        return engine.answer(q, limit=3, decide=False)

    bench = Bench(NFPBOT, lambda q: [c.id for c in ask(q).citations], ask, build_s,
                  size=status.get("size_bytes", 0))
    ranking = Bench(NFPBOT_RANKING, lambda q: [c.id for c in ranked(q).citations], ranked,
                    build_s, size=bench.size)
    plain_settings = load_settings(env={"NFPBOT_DATA_DIR": str(tmp / "nfpbot-bm25"),
                                        "NFPBOT_EMBEDDINGS__PROVIDER": "none"})
    t = time.perf_counter()
    plain = Engine.from_settings(plain_settings)
    plain_s = time.perf_counter() - t

    def plain_ask(q: str):
        return plain.answer(q, limit=3)

    bm25 = Bench(NFPBOT_BM25, lambda q: [c.id for c in plain_ask(q).citations], plain_ask,
                 plain_s, size=plain.store.status().get("size_bytes", 0))
    return bench, ranking, engine, bm25


def _ranking(store, backend) -> Callable[[str], list[str]]:
    """Top-3 ids of nfpbot's query plan and backend (what the engine ranks before deciding)."""
    from index import detect_lang, plan_query

    def ids(q: str) -> list[str]:
        lang = detect_lang(q)
        plan = plan_query(q, store.analyze, store.thesaurus)
        if plan.empty:
            return []
        result = backend.search(plan, limit=3, prefer=lang, snippet_fields=(f"body_{lang}",))
        return [h.id for h in result.hits]

    return ids


def nfpbot_scale(docs: Sequence[Document], tmp: Path) -> Bench:
    """nfpbot's index package on any corpus, with the real glossary as user words and thesaurus."""
    from bot.answer.documents import thesaurus_groups
    from bot.foundation.config import load_settings
    from bot.knowledge import all_terms, load_knowledge
    from index import IndexStore, Segmenter, Thesaurus
    from index.store import content_hash

    knowledge = load_knowledge(load_settings(env={}).knowledge_path)
    t = time.perf_counter()
    store = IndexStore(tmp / "index", Segmenter(tmp / "cache", all_terms(knowledge.glossary)),
                       Thesaurus(thesaurus_groups(knowledge)))
    store.ensure(docs, content_hash(docs))
    store.prepare_thesaurus()
    backend = store.open()
    build_s = time.perf_counter() - t
    ids = _ranking(store, backend)
    return Bench(f"{NFPBOT} [{type(backend).__name__}]", ids, lambda q: as_answer(ids(q)), build_s,
                 size=store.status().get("size_bytes", 0))


def baselines(docs: Sequence[Document], tmp: Path, which: Sequence[str] = ALL,
              procs: int = 1, fast_en: bool = False) -> tuple[list[Bench], float]:
    """Build the chosen baselines; the corpus is segmented once; returns (benches, seg seconds)."""
    import jieba.analyse

    out: list[Bench] = []
    for name, analyzer in ((WHOOSH_STD, None), (WHOOSH_JIEBA, "jieba")):
        if name in which:
            engine = WhooshBaseline(name, jieba.analyse.ChineseAnalyzer() if analyzer else None)
            t = time.perf_counter()
            engine.build(docs, tmp / name.split()[0] / name.replace(" ", "_"))
            out.append(_wrap(name, engine, time.perf_counter() - t))
    token_based = [n for n in (BM25, TANTIVY, FTS5) if n in which]
    seg_s = 0.0
    if token_based:
        t = time.perf_counter()
        tokens = segment_docs(docs, procs, fast_en)
        seg_s = time.perf_counter() - t
        for name, cls in ((BM25, BM25Baseline), (TANTIVY, TantivyBaseline), (FTS5, Fts5Baseline)):
            if name in token_based:
                engine = cls()
                t = time.perf_counter()
                engine.build(tokens, tmp / name.split()[0])
                out.append(_wrap(name, engine, time.perf_counter() - t + seg_s, seg_s))
    return out, seg_s


__all__ = ["ALL", "BM25", "FTS5", "NFPBOT", "NFPBOT_RANKING", "TANTIVY", "WHOOSH_JIEBA", "WHOOSH_STD", "Bench",
           "as_answer", "baselines", "dir_size", "nfpbot_real", "nfpbot_scale"]
