"""Dense vectors of the indexed passages, beside the index they belong to.

Each document is cut into chunks (a few whole sentences, per language, headed by the document's
title); each chunk gets one vector, and a document's similarity to a question is that of its best
chunk, which also tells where in the document the answer is. Vectors live in the index directory
(`vectors-<model>.npz`), and every vector ever computed is kept in a cache keyed by the model and the
chunk's text hash, so a rebuild only embeds chunks whose text changed. Search is exact: one matrix
product, fine up to ~10^5 passages.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.embedder import Embedder
from index.progress import Progress
from index.schema import Document
from index.sentences import sentence_spans

log = logging.getLogger(__name__)

VECTORS_VERSION = "2"  # bump when chunking changes: vectors are rebuilt (the cache still helps)
# A chunk collects whole sentences until it holds this many characters (Chinese packs more
# meaning per character) or this many sentences.
CHUNK_CHARS = {"en": 200, "zh": 70}
CHUNK_SENTENCES = 3
BATCH = 32  # texts per call of the embedder (see BENCHMARKS.md: passages per second)
CACHE_SAVE_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class Chunk:
    doc: int          # position of the document in the index's document list
    lang: str         # "en" | "zh"
    start: int        # character span of the chunk in the document's body in `lang`
    end: int
    text: str         # what is embedded: title, then the sentences


def chunk_document(pos: int, doc: Document) -> list[Chunk]:
    """The chunks of one document, in both its languages."""
    out: list[Chunk] = []
    for lang, title, body in (("en", doc.title_en, doc.body_en), ("zh", doc.title_zh, doc.body_zh)):
        if not body.strip() and not title.strip():
            continue
        spans = sentence_spans(body)
        if not spans:
            out.append(Chunk(pos, lang, 0, 0, title))
            continue
        group: list[tuple[int, int]] = []
        for span in spans:
            group.append(span)
            size = group[-1][1] - group[0][0]
            if size >= CHUNK_CHARS[lang] or len(group) >= CHUNK_SENTENCES:
                out.append(_chunk(pos, lang, title, body, group))
                group = []
        if group:
            out.append(_chunk(pos, lang, title, body, group))
    return out


def _chunk(pos: int, lang: str, title: str, body: str, group: list[tuple[int, int]]) -> Chunk:
    start, end = group[0][0], group[-1][1]
    text = f"{title}\n{body[start:end]}" if title else body[start:end]
    return Chunk(pos, lang, start, end, text)


def model_slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:80]


class VectorCache:
    """Every vector computed for a model, keyed by the hash of the embedded text."""

    def __init__(self, directory: Path, model: str, seeds: Sequence[Path] = ()) -> None:
        """`seeds`: read-only caches (e.g. the vectors shipped for the curated knowledge)."""
        self.path = Path(directory) / f"{model_slug(model)}.npz"
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        for path in [Path(d) / self.path.name for d in seeds] + [self.path]:
            try:
                with np.load(path, allow_pickle=False) as data:
                    self._vectors.update(zip(data["keys"].tolist(),
                                             data["vectors"].astype(np.float32), strict=False))
            except (OSError, ValueError, KeyError):
                pass  # no cache there, or unreadable: vectors are computed again

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()

    def get(self, key: str) -> np.ndarray | None:
        return self._vectors.get(key)

    def rows(self, keys: Sequence[str]) -> np.ndarray:
        """The vectors of `keys`, all of which must be present."""
        return np.stack([self._vectors[k] for k in keys]).astype(np.float32)

    def put(self, key: str, vector: np.ndarray) -> None:
        self._vectors[key] = vector
        self._dirty = True

    def save(self) -> None:
        """Written atomically; a read-only or full disk only costs time on the next build."""
        if not self._dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.stem}.{os.getpid()}.tmp.npz")
            keys = list(self._vectors)
            np.savez(tmp, keys=np.array(keys), vectors=np.stack([self._vectors[k] for k in keys]))
            os.replace(tmp, self.path)
            self._dirty = False
        except OSError as exc:
            log.warning("could not save the vector cache %s: %s", self.path, exc)


def vectors_file(index_dir: Path, model: str) -> Path:
    return Path(index_dir) / f"vectors-{VECTORS_VERSION}-{model_slug(model)}.npz"


def build_vectors(index_dir: Path, docs: Sequence[Document], embedder: Embedder, cache_dir: Path,
                  seeds: Sequence[Path] = (),
                  progress: Callable[[int, str], Progress] = Progress, embed: bool = True,
                  batch: int = BATCH) -> dict:
    """Write the vectors of `docs` into `index_dir`; returns figures for the log.

    With `embed`, every chunk missing from the cache is embedded first (each distinct text once,
    `batch` texts a call, the cache saved every CACHE_SAVE_SECONDS so that a crash loses at most
    that much, and the partial vectors written beside the index so that a running bot uses them
    at once); without, only the cached chunks get rows and the file says it is incomplete (a new
    index is swapped in with these, then embedded). Raises EmbedderError when the embedder fails
    (the cache keeps what was done)."""
    started = time.perf_counter()
    chunks = [c for pos, doc in enumerate(docs) for c in chunk_document(pos, doc)]
    cache = VectorCache(cache_dir, embedder.name, seeds)
    keys = [VectorCache.key(c.text) for c in chunks]
    todo: dict[str, str] = {}  # key -> text: one embedding per distinct text
    for key, chunk in zip(keys, chunks, strict=True):
        if key not in todo and cache.get(key) is None:
            todo[key] = chunk.text
    embedded = 0
    if embed and todo:
        pending = list(todo.items())
        bar = progress(len(pending), f"embedding {len(pending)} passage chunks")
        saved = time.monotonic()
        try:
            for i in range(0, len(pending), batch):
                part = pending[i:i + batch]
                rows = embedder.encode_passages([text for _, text in part])
                for (key, _), row in zip(part, rows, strict=False):
                    cache.put(key, row.astype(np.float32))
                embedded += len(part)
                bar.advance(len(part))
                if time.monotonic() - saved > CACHE_SAVE_SECONDS and i + batch < len(pending):
                    cache.save()  # a crash keeps what was done
                    _write(index_dir, embedder, docs, chunks, keys, cache, complete=False)
                    saved = time.monotonic()
        finally:
            bar.close()
            cache.save()
    missing = sum(1 for k in todo if cache.get(k) is None)
    _write(index_dir, embedder, docs, chunks, keys, cache, complete=missing == 0)
    seconds = time.perf_counter() - started
    return {"chunks": len(chunks), "distinct_missing": len(todo), "embedded": embedded,
            "missing": missing, "seconds": round(seconds, 2),
            "per_second": round(embedded / seconds, 1) if embedded else None}


def _write(index_dir: Path, embedder: Embedder, docs: Sequence[Document], chunks: list[Chunk],
           keys: list[str], cache: VectorCache, complete: bool) -> None:
    """The vectors file of the index (rows of the chunks the cache holds), written atomically."""
    have = [i for i, k in enumerate(keys) if cache.get(k) is not None]
    rows = [keys[i] for i in have]
    matrix = cache.rows(rows) if rows else np.zeros((0, embedder.dim), dtype=np.float32)
    target = vectors_file(index_dir, embedder.name)
    tmp = target.with_name(f"{target.stem}.{os.getpid()}.tmp.npz")
    np.savez(tmp, vectors=matrix.astype(np.float32), keys=np.array(rows, dtype=str),
             doc=np.array([chunks[i].doc for i in have], dtype=np.int32),
             lang=np.array([chunks[i].lang == "zh" for i in have], dtype=bool),
             span=np.array([(chunks[i].start, chunks[i].end) for i in have],
                           dtype=np.int32).reshape(-1, 2),
             ids=np.array([d.id for d in docs], dtype=str),
             facets=np.array(["," + ",".join(d.facets) + "," for d in docs], dtype=str),
             boost=np.array([d.boost for d in docs], dtype=np.float32),
             complete=np.array(complete))
    os.replace(tmp, target)


def embed_queries_cached(texts: list[str], embedder: Embedder, cache_dir: Path,
                         seeds: Sequence[Path] = ()) -> np.ndarray:
    """Query vectors of fixed texts (kept in the same cache, under a query-side key)."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    cache = VectorCache(cache_dir, embedder.name, seeds)
    keys = [VectorCache.key("query: " + t) for t in texts]
    missing = [i for i, k in enumerate(keys) if cache.get(k) is None]
    if missing:
        rows = embedder.encode_queries([texts[i] for i in missing])
        for i, row in zip(missing, rows, strict=False):
            cache.put(keys[i], row.astype(np.float32))
        cache.save()
    return cache.rows(keys)


@dataclass(frozen=True, slots=True)
class DenseResult:
    """Similarity of the question to each document (best chunk), and that chunk."""

    sims: np.ndarray       # per document, in index order; -1 where filtered out
    baseline: float        # mean similarity of the question to the (allowed) documents
    spread: float          # their standard deviation


class VectorIndex:
    """The vectors of one index, loaded for exact search."""

    def __init__(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as data:
            self.vectors = np.ascontiguousarray(data["vectors"], dtype=np.float32)
            self.doc = data["doc"]
            self.is_zh = data["lang"]
            self.span = data["span"]
            self.ids: list[str] = data["ids"].tolist()
            self._facets: list[str] = data["facets"].tolist()
            self.boost = data["boost"]
            self.keys: list[str] = data["keys"].tolist()  # text hash of each row (the cache key)
            # False while passages still wait for their vectors (files before this flag: complete)
            self.complete = bool(data["complete"]) if "complete" in data.files else True
        self.position = {doc_id: i for i, doc_id in enumerate(self.ids)}
        # rows are grouped by document: where each document's rows start
        self._starts = np.searchsorted(self.doc, np.arange(len(self.ids)))
        self._has_rows = np.bincount(self.doc, minlength=len(self.ids)) > 0
        # rows of documents written in one language (ingested passages): the model scores a
        # question against text in its own language higher across the board (measured: 0.80
        # against 0.92 for the same sentence in the other language), so their similarities are
        # put on the question's language's scale before they compete (see search)
        zh_docs = np.bincount(self.doc[self.is_zh], minlength=len(self.ids)) > 0
        en_docs = np.bincount(self.doc[~self.is_zh], minlength=len(self.ids)) > 0
        mono = zh_docs != en_docs
        self._mono = {True: mono[self.doc] & self.is_zh, False: mono[self.doc] & ~self.is_zh}
        self.single_language = {self.ids[i]: "zh" if zh_docs[i] else "en"
                                for i in np.flatnonzero(mono)}
        self.embedded_ids = frozenset(i for i, has in zip(self.ids, self._has_rows, strict=False)
                                      if has)

    @classmethod
    def open(cls, index_dir: Path, model: str) -> VectorIndex | None:
        path = vectors_file(index_dir, model)
        return cls(path) if path.exists() else None

    def allowed(self, facets: Sequence[str]) -> np.ndarray | None:
        """Mask of the documents carrying every facet, or None for no filter."""
        if not facets:
            return None
        return np.array([all(f",{f}," in own for f in facets) for own in self._facets])

    def search(self, query: np.ndarray, allowed: np.ndarray | None = None,
               lang: str | None = None) -> DenseResult:
        """Each document's best chunk; with the question's `lang`, the chunks of documents in
        the other language only are compared on that language's scale (cross-lingual)."""
        sims_rows = self.vectors @ query.astype(np.float32)
        if lang in ("en", "zh"):
            sims_rows = self._on_scale_of(sims_rows, lang == "zh")
        n = len(self.ids)
        sims = np.full(n, -1.0, dtype=np.float32)
        if len(sims_rows):
            sims[self._has_rows] = np.maximum.reduceat(sims_rows, self._starts[self._has_rows])
        # how far a document stands out is measured against the whole corpus, also when a
        # filter leaves a few (one document's passages): z-scores over three passages say nothing
        live = sims[self._has_rows]
        baseline = float(live.mean()) if live.size else 0.0
        spread = float(live.std()) if live.size > 1 else 0.0
        mask = self._has_rows if allowed is None else self._has_rows & allowed
        sims[~mask] = -1.0
        return DenseResult(sims, baseline, spread)

    def _on_scale_of(self, sims: np.ndarray, zh: bool) -> np.ndarray:
        """`sims` with the other language's single-language rows mapped onto the distribution
        of the question language's rows (same mean and spread over the whole index)."""
        other = self._mono[not zh]
        own_rows, other_rows = self.is_zh == zh, self.is_zh != zh
        if not other.any() or not own_rows.any():
            return sims
        own, theirs = sims[own_rows], sims[other_rows]
        spread = float(theirs.std()) or 1.0
        out = sims.copy()
        out[other] = (sims[other] - float(theirs.mean())) / spread * float(own.std()) + float(own.mean())
        return out

    def chunk_similarities(self, pos: int, query: np.ndarray,
                           lang: str | None = None) -> tuple[tuple[int, int, float], ...]:
        """Span and similarity to the question of each chunk of document `pos` (in `lang` when
        given and present), in text order."""
        start = int(self._starts[pos])
        end = int(self._starts[pos + 1]) if pos + 1 < len(self._starts) else len(self.doc)
        end = max(start, min(end, len(self.doc)))
        rows = np.arange(start, end)
        rows = rows[self.doc[rows] == pos]
        if lang is not None:
            same = rows[self.is_zh[rows] == (lang == "zh")]
            rows = same if len(same) else rows
        if not len(rows):
            return ()
        sims = self.vectors[rows] @ query.astype(np.float32)
        return tuple((int(self.span[r][0]), int(self.span[r][1]), float(v)) for r, v in zip(rows, sims, strict=True))
