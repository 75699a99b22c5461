"""The tantivy backend (large corpora) on the same analysis and ranking rules as the others:
sub-words, phrases, facets, document boosts, snippets, and the same answers on the real
knowledge base as the in-memory backend (so the switch at `search.large_corpus` is safe)."""

from __future__ import annotations

import pytest

from bot.answer.engine import Engine, Filters
from bot.answer.evaluation import load_questions, matches
from bot.foundation.config import REPO_ROOT, load_settings
from index import Document, IndexStore, Segmenter, detect_lang, plan_query
from index.memory import MemoryBackend
from index.store import content_hash
from index.tantivy_backend import TantivyBackend

QUESTIONS = REPO_ROOT / "tests" / "benchmarks" / "questions.yaml"


@pytest.fixture(scope="module")
def tantivy_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    env = {"NFPBOT_DATA_DIR": str(tmp_path_factory.mktemp("tantivy-var")),
           "NFPBOT_SEARCH__LARGE_CORPUS": "0", "NFPBOT_EMBEDDINGS__PROVIDER": "none"}
    return Engine.from_settings(load_settings(env=env))


def test_large_corpus_setting_switches_the_engine(tantivy_engine, engine):
    assert isinstance(tantivy_engine.backend.current, TantivyBackend)  # type: ignore[attr-defined]
    assert isinstance(engine.backend.current, MemoryBackend)  # type: ignore[attr-defined]
    assert tantivy_engine.store.status()["engine"] == "tantivy"


def test_same_quality_as_the_memory_backend_on_the_real_knowledge_base(tantivy_engine, engine):
    """The BM25F rankings alone (no dense retrieval, no decision): hit@3 of each backend on the
    benchmark questions, from the same query plans."""
    questions = [q for q in load_questions(QUESTIONS) if q.expect is not None]
    memory, tantivy = engine.backend.current, tantivy_engine.backend.current
    hits = {"memory": 0, "tantivy": 0}
    for q in questions:
        lang = detect_lang(q.q)
        plan = plan_query(q.q, engine.store.analyze, engine.store.thesaurus)
        for name, backend in (("memory", memory), ("tantivy", tantivy)):
            ids = [h.id for h in backend.search(plan, limit=3, prefer=lang).hits]
            hits[name] += any(matches(engine.knowledge, i, q.expect) for i in ids)
    assert hits["tantivy"] >= hits["memory"] - 0.05 * len(questions), hits
    assert hits["tantivy"] >= 0.9 * len(questions), hits


def test_offtopic_is_declined_and_facets_filter(tantivy_engine):
    assert not tantivy_engine.answer("best pizza recipe with pineapple").answered
    answer = tantivy_engine.answer("national reporting", filters=Filters(theme=2))
    assert answer.answered
    assert all(2 in tantivy_engine.knowledge.get(c.id).themes for c in answer.citations)


def test_snippets_mark_the_words_asked(tantivy_engine):
    answer = tantivy_engine.answer("Uganda data bank", lang="en")
    top = answer.citations[0]
    marked = [top.snippet[a:b].lower() for a, b in top.highlights]
    assert any(m.startswith("uganda") for m in marked), (top.snippet, marked)
    zh = tantivy_engine.answer("乌干达的数据库")
    assert any("乌干达" == zh.citations[0].snippet[a:b] for a, b in zh.citations[0].highlights)


def test_sub_words_phrases_and_document_boosts(tmp_path):
    store = IndexStore(tmp_path / "ix", Segmenter(tmp_path / "cache", ["伙伴关系", "国家生物多样性战略和行动计划"]),
                       large_corpus=0)
    docs = [Document("partnership", "Partnership", "伙伴关系", "A partnership.", "伙伴关系是一种合作方式。"),
            Document("partners", "Partners", "伙伴", "Partners.", "这些伙伴都参与了工作。"),
            Document("nbsap", "NBSAP", "计划", "A plan.", "修订国家生物多样性战略和行动计划。"),
            Document("weak", "Joint reporting", "", "Joint reporting by focal points.", "",
                     facets=("kind:document",), boost=0.5),
            Document("strong", "Joint reporting", "", "Joint reporting by focal points.", "")]
    store.ensure(docs, content_hash(docs))
    store.prepare_thesaurus()
    backend = store.open()
    assert isinstance(backend, TantivyBackend)
    assert [h.id for h in backend.search(plan_query("伙伴", store.analyze), limit=2).hits] == [
        "partners", "partnership"]
    assert backend.search(plan_query("行动计划", store.analyze)).hits[0].id == "nbsap"
    assert [h.id for h in backend.search(plan_query("joint reporting", store.analyze), limit=2).hits] == [
        "strong", "weak"]
    only = backend.search(plan_query("joint reporting", store.analyze), facets=["kind:document"])
    assert [h.id for h in only.hits] == ["weak"] and only.total == 1
