"""The configured embedder (settings -> index.embedder), and where the shipped vectors live.

`knowledge/vectors/` holds the vectors of the curated knowledge base computed with the bundled
model, keyed by text hash (`nfpbot index vectors --refresh` rewrites them): a fresh checkout then
answers at once instead of embedding ~600 passages for a minute or two; a changed item is embedded
when the index is rebuilt, as any document is.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.foundation.config import REPO_ROOT, Settings
from bot.foundation.errors import ConfigError
from bot.foundation.yamlfile import YamlError, load_yaml
from index.dense import DenseRetriever
from index.embedder import Embedder, load_embedder
from index.vectors import VectorCache

SEED_VECTORS = REPO_ROOT / "knowledge" / "vectors"
OFFTOPIC_FILE = REPO_ROOT / "config" / "offtopic.yaml"


def offtopic_anchors(path: Path = OFFTOPIC_FILE) -> list[str]:
    """The everyday out-of-scope questions of config/offtopic.yaml, both languages."""
    try:
        data = load_yaml(path)
    except YamlError as exc:
        raise ConfigError(str(exc)) from exc
    lists = [data.get(lang) for lang in ("en", "zh")] if isinstance(data, dict) else [None]
    if not all(isinstance(v, list) for v in lists):
        raise ConfigError(f"{path}: must map en and zh to lists of questions. Fix: see the "
                          "comment at its top.")
    return [str(q) for questions in lists for q in questions if str(q).strip()]  # type: ignore[union-attr]


def make_embedder(settings: Settings) -> Embedder | None:
    e = settings.embeddings
    return load_embedder(e.provider, url=e.url, model=e.model,
                         api_key=settings.secrets.embeddings_api_key, threads=e.threads,
                         timeout=e.timeout_seconds, batch_size=e.batch_size,
                         query_prefix=e.query_prefix, passage_prefix=e.passage_prefix)


def write_seed(dense: DenseRetriever, directory: Path = SEED_VECTORS) -> tuple[Path, int]:
    """Store the vectors of the current index's passages and of the out-of-scope questions as
    the shipped cache (float16: half the size, same rankings)."""
    path = VectorCache(directory, dense.embedder.name).path
    keys = dense.vectors.keys + [VectorCache.key("query: " + q) for q in offtopic_anchors()]
    rows = np.concatenate([dense.vectors.vectors, dense.anchors]).astype(np.float16)
    directory.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, keys=np.array(keys), vectors=rows)
    return path, len(keys)


def documents_embedded(settings: Settings, passages: int) -> bool:
    """Whether the passages of ingested documents get vectors (embeddings.documents: auto embeds
    them while there are at most embeddings.documents_limit)."""
    mode = settings.embeddings.documents
    if settings.embeddings.provider == "none" or mode is False:
        return False
    return mode is True or passages <= settings.embeddings.documents_limit
