"""The on-disk index: rebuilt when the knowledge changes (content hash), swapped atomically."""

from __future__ import annotations

import os
import threading

from bot.answer.engine import Engine
from bot.foundation.config import load_settings
from index import Document, IndexStore, Segmenter, Thesaurus, plan_query
from index.store import content_hash


def _docs(text: str) -> list[Document]:
    return [Document("a", "Palau alliance", "帕劳联盟", text, "帕劳的非正式保护联盟。"),
            Document("b", "Finland indicators", "芬兰指标", "Indicators of biodiversity.", "生物多样性指标。")]


def test_rebuild_only_when_content_changes(tmp_path):
    store = IndexStore(tmp_path / "ix", Segmenter(tmp_path / "cache"))
    docs = _docs("An informal alliance.")
    assert store.ensure(docs, content_hash(docs)) is True
    first = os.readlink(store.current)
    assert store.ensure(docs, content_hash(docs)) is False
    changed = _docs("An informal conservation alliance of focal points.")
    assert content_hash(changed) != content_hash(docs)
    assert store.ensure(changed, content_hash(changed)) is True
    assert os.readlink(store.current) != first
    backend = store.open()
    store.prepare_thesaurus()
    hits = backend.search(plan_query("conservation alliance", store.analyze, store.thesaurus)).hits
    assert hits[0].id == "a"
    assert not list(tmp_path.glob("ix/tmp-*"))  # no half-built directory left behind


def test_reader_keeps_working_while_index_is_swapped(tmp_path):
    store = IndexStore(tmp_path / "ix", Segmenter(tmp_path / "cache"), Thesaurus([]))
    docs = _docs("One.")
    store.ensure(docs, content_hash(docs))
    store.prepare_thesaurus()
    reader = store.open()
    errors = []

    def search_loop():
        for _ in range(50):
            try:
                reader.search(plan_query("Finland indicators", store.analyze))
            except Exception as exc:  # noqa: BLE001 - the test records any failure
                errors.append(exc)

    thread = threading.Thread(target=search_loop)
    thread.start()
    for n in range(3):
        new = _docs(f"Version {n}.")
        store.ensure(new, content_hash(new))
    thread.join()
    assert not errors
    assert store.status()["documents"] == 2


def test_engine_rebuilds_index_when_knowledge_file_changes(tmp_path, knowledge_copy):
    env = {"NFPBOT_DATA_DIR": str(tmp_path / "var"), "NFPBOT_KNOWLEDGE_DIR": str(knowledge_copy)}
    engine = Engine.from_settings(load_settings(env=env))
    before = engine.store.current_hash()
    assert not engine.answer("zanzibarite quokka partnership").answered
    lessons = knowledge_copy / "lessons.yaml"
    lessons.write_text(lessons.read_text("utf-8").replace(
        "id: lesson-1\n", "id: lesson-1\n", 1) + _EXTRA_ITEM, "utf-8")
    engine2 = Engine.from_settings(load_settings(env=env))
    assert engine2.store.current_hash() != before
    assert engine2.answer("zanzibarite quokka partnership").citations[0].id == "lesson-test-extra"


_EXTRA_ITEM = """
- id: lesson-test-extra
  kind: lesson
  title: {en: "Zanzibarite quokka partnership", zh: "测试条目"}
  text: {en: "A test item about the zanzibarite quokka partnership.", zh: "用于测试的条目。"}
  source: [{doc: seed, section: test}]
"""


def test_whole_words_outrank_sub_words_and_sub_words_still_match(tmp_path):
    store = IndexStore(tmp_path / "ix", Segmenter(tmp_path / "cache", ["伙伴关系", "国家生物多样性战略和行动计划"]))
    docs = [Document("partnership", "Partnership", "伙伴关系", "A partnership.", "伙伴关系是一种合作方式。"),
            Document("partners", "Partners", "伙伴", "Partners.", "这些伙伴都参与了工作。"),
            Document("nbsap", "NBSAP", "计划", "A plan.", "修订国家生物多样性战略和行动计划。")]
    store.ensure(docs, content_hash(docs))
    store.prepare_thesaurus()
    backend = store.open()
    hits = backend.search(plan_query("伙伴", store.analyze), limit=3).hits
    assert [h.id for h in hits[:2]] == ["partners", "partnership"]
    assert backend.search(plan_query("行动计划", store.analyze)).hits[0].id == "nbsap"


def test_whoosh_and_memory_backends_agree(engine):
    """The whoosh backend (large corpora) and the in-memory one (small) rank alike."""
    from index.memory import MemoryBackend
    from index.search import WhooshBackend
    whoosh = engine.store.open(memory_limit=0)
    memory = engine.store.open()
    assert isinstance(whoosh, WhooshBackend) and isinstance(memory, MemoryBackend)
    questions = ["乌干达如何管理生物多样性信息？", "What helps focal points harmonise national reporting?",
                 "CONABIO Mexico", "不丹的国家工作队", "tourism revenue", "拉姆萨尔公约", "finnland indicators"]
    same_best = 0
    for q in questions:
        plans = [plan_query(q, engine.store.analyze, engine.store.thesaurus) for _ in range(2)]
        top_w = [h.id for h in whoosh.search(plans[0], limit=3, prefer="en").hits]
        top_m = [h.id for h in memory.search(plans[1], limit=3, prefer="en").hits]
        assert set(top_w) & set(top_m), (q, top_w, top_m)
        same_best += top_w[0] == top_m[0]
    # Their scores differ in detail (phrase scoring, term statistics), so only the gist must agree.
    assert same_best * 2 >= len(questions)
