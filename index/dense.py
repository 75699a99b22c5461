"""Dense retrieval over an index's vectors: the question embedded once, every document scored by
its best chunk, as z-scores over the corpus (the relevance decision compares those, not raw
cosines, which differ from one question to the next)."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.embedder import Embedder, EmbedderError
from index.schema import Document
from index.vectors import (
    BATCH,
    DenseResult,
    VectorIndex,
    build_vectors,
    embed_queries_cached,
    vectors_file,
)

log = logging.getLogger(__name__)

QUERY_CACHE = 512
# Longer questions are embedded by their start: the model's cost grows with the text, and what a
# question is about is in its first few sentences.
MAX_EMBED_CHARS = 400
WARN_EVERY_SECONDS = 300.0
REFRESH_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class DenseRanking:
    """Documents by similarity to the question, as (id, z-score), best first; and the z-score of
    any document."""

    top: list[tuple[str, float]]
    z: dict[str, float]
    query: np.ndarray
    baseline: float = 0.0   # mean cosine similarity of the question to the documents
    spread: float = 1.0     # and its standard deviation
    anchor: float = -1.0    # similarity to the closest everyday out-of-scope question

    def cosine(self, z: float) -> float:
        return self.baseline + z * self.spread


class DenseRetriever:
    """Embeds questions and ranks the index's documents by their vectors."""

    def __init__(self, embedder: Embedder, vectors: VectorIndex,
                 anchors: np.ndarray | None = None) -> None:
        self.embedder = embedder
        self.vectors = vectors
        self.anchors = anchors if anchors is not None else np.zeros((0, 1), dtype=np.float32)
        # documents ranked below others that say the same (background material)
        self.boosts = _boosts(vectors)
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self.query_cache_size = QUERY_CACHE  # questions asked again ("more") are not re-embedded
        self._lock = threading.Lock()
        self._warned = 0.0
        self._source: tuple[int, int, int] | None = None  # the vectors file served (refresh)
        self._checked = time.monotonic()
        self.embedding: threading.Thread | None = None  # background embedding (open)

    @classmethod
    def open(cls, index_dir: Path, docs: Sequence[Document] | None, embedder: Embedder,
             cache_dir: Path, seeds: Sequence[Path] = (),
             anchors: Sequence[str] = (), batch: int = BATCH,
             background: bool = False) -> DenseRetriever | None:
        """The retriever of the index in `index_dir`, embedding its documents first when their
        vectors are not all there yet (`docs` given: a crash or a new index resumes from the
        cache); None when nothing can be served (logged: BM25F alone). `anchors`: everyday
        out-of-scope questions, whose closeness to a question the relevance decision weighs.
        With `background` (a bot starting), the retriever serves the vectors already computed at
        once and the rest are embedded in a thread (`embedding`); BM25F finds those passages
        meanwhile, and each batch of vectors written is picked up by `refresh`."""
        vectors = VectorIndex.open(index_dir, embedder.name)
        pending = docs is not None and (vectors is None or not vectors.complete)
        if pending and background and docs is not None:
            if vectors is None:  # the cached rows first, so that there is something to serve
                vectors = _cached_only(index_dir, docs, embedder, cache_dir, seeds)
            if vectors is not None:
                pending = False
        if pending and docs is not None:
            try:
                figures = build_vectors(index_dir, docs, embedder, cache_dir, seeds, batch=batch)
                log.info("passage vectors built with %s: %s", embedder.name, figures)
            except (EmbedderError, OSError, ValueError) as exc:
                log.warning("embedding the passages failed (%s); %s", exc,
                            "answering with the vectors computed so far" if vectors is not None
                            else "semantic search is off for this index: BM25F alone.")
            vectors = VectorIndex.open(index_dir, embedder.name)
        if vectors is None:
            log.warning("no vectors for %s in %s; answering with BM25F alone. Fix: nfpbot index "
                        "build.", embedder.name, vectors_file(index_dir, embedder.name).parent)
            return None
        try:
            anchor_vectors = embed_queries_cached(list(anchors), embedder, cache_dir, seeds)
        except (EmbedderError, OSError, ValueError) as exc:
            log.warning("semantic search is off: embedding failed (%s); BM25F alone.", exc)
            return None
        retriever = cls(embedder, vectors, anchor_vectors)
        retriever._source = _identity(vectors_file(index_dir, embedder.name))
        if background and docs is not None and not vectors.complete:
            retriever.embedding = threading.Thread(
                target=_embed_rest, args=(index_dir, docs, embedder, cache_dir, seeds, batch),
                name="embed-passages", daemon=True)
            log.info("serving now; embedding the passages still without vectors in the "
                     "background (BM25F finds them meanwhile; vectors are used as they come)")
            retriever.embedding.start()
        return retriever

    @property
    def embedding_done(self) -> bool:
        """False while passages are being embedded in the background."""
        return self.embedding is None or not self.embedding.is_alive()

    def refresh(self, index_dir: Path | None) -> None:
        """Serve the vectors of `index_dir` when they changed (a new index swapped in, or
        `nfpbot ingest` finished embedding its passages), at most once a second; a half-built
        index without vectors keeps the ones in use."""
        now = time.monotonic()
        if index_dir is None or now - self._checked < REFRESH_SECONDS:
            return
        self._checked = now
        path = vectors_file(index_dir, self.embedder.name)
        identity = _identity(path)
        if identity is None or identity == self._source:
            return
        try:
            vectors = VectorIndex(path)
        except (OSError, ValueError, KeyError):
            log.warning("could not read the passage vectors %s; keeping the previous ones", path,
                        exc_info=True)
            return
        with self._lock:
            self.vectors, self._source = vectors, identity
            self.boosts = _boosts(vectors)
        log.info("passage vectors reloaded from %s (%d rows%s)", path, len(vectors.keys),
                 "" if vectors.complete else ", more to come")

    def rank(self, question: str, facets: Sequence[str] = (), depth: int = 50,
             lang: str | None = None) -> DenseRanking | None:
        """None when the question cannot be embedded now (endpoint down): BM25F answers alone.
        `lang`: the question's language (passages in the other one are scored on its scale)."""
        vec = self._embed(question)
        if vec is None:
            return None
        result: DenseResult = self.vectors.search(vec, self.vectors.allowed(facets), lang)
        anchor = float((self.anchors @ vec).max()) if len(self.anchors) else -1.0
        spread = result.spread or 1.0
        sims = result.sims
        live = np.flatnonzero(sims > -1.0)
        if not live.size:
            return DenseRanking([], {}, vec, anchor=anchor)
        zs = (sims[live] - result.baseline) / spread
        k = min(depth, live.size)
        order = np.argpartition(-zs, k - 1)[:k]
        order = order[np.argsort(-zs[order], kind="stable")]
        ids = self.vectors.ids
        top = [(ids[int(live[i])], float(zs[i])) for i in order]
        z = {ids[int(p)]: float(v) for p, v in zip(live, zs, strict=False)} if live.size <= 5000 else dict(top)
        return DenseRanking(top, z, vec, result.baseline, spread, anchor)

    def chunk_similarities(self, ranking: DenseRanking, doc_id: str,
                           lang: str) -> tuple[tuple[int, int, float], ...]:
        """Span and similarity to the question of each chunk of a document in `lang`."""
        pos = self.vectors.position.get(doc_id)
        return () if pos is None else self.vectors.chunk_similarities(pos, ranking.query, lang)

    def _embed(self, question: str) -> np.ndarray | None:
        with self._lock:
            vec = self._queries.get(question)
            if vec is not None:
                self._queries.move_to_end(question)
                return vec
        try:
            vec = self.embedder.encode_queries([question[:MAX_EMBED_CHARS]])[0]
        except EmbedderError as exc:
            now = time.monotonic()
            if now - self._warned > WARN_EVERY_SECONDS:
                self._warned = now
                log.warning("semantic search unavailable for now (%s); answering with BM25F "
                            "alone.", exc)
            return None
        with self._lock:
            self._queries[question] = vec
            while len(self._queries) > self.query_cache_size:
                self._queries.popitem(last=False)
        return vec


def _cached_only(index_dir: Path, docs: Sequence[Document], embedder: Embedder, cache_dir: Path,
                 seeds: Sequence[Path]) -> VectorIndex | None:
    """The vectors file of `index_dir` with the rows the cache already holds (marked
    incomplete); None when it cannot be written."""
    try:
        build_vectors(index_dir, docs, embedder, cache_dir, seeds, embed=False)
    except (EmbedderError, OSError, ValueError) as exc:
        log.warning("could not write the cached passage vectors: %s", exc)
        return None
    return VectorIndex.open(index_dir, embedder.name)


def _embed_rest(index_dir: Path, docs: Sequence[Document], embedder: Embedder, cache_dir: Path,
                seeds: Sequence[Path], batch: int) -> None:
    """The background embedding of a starting bot (logged; a failure leaves BM25F for the
    passages without vectors, and the next start resumes from the cache)."""
    try:
        figures = build_vectors(index_dir, docs, embedder, cache_dir, seeds, batch=batch)
        log.info("passage vectors complete (embedded in the background with %s): %s",
                 embedder.name, figures)
    except (EmbedderError, OSError, ValueError) as exc:
        log.warning("embedding the passages in the background failed (%s); the passages "
                    "without vectors are found by their words until the next start", exc)


def _boosts(vectors: VectorIndex) -> dict[str, float]:
    """Documents ranked below others that say the same (background material, passages)."""
    return {i: float(b) for i, b in zip(vectors.ids, vectors.boost, strict=False) if b != 1.0}


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size
