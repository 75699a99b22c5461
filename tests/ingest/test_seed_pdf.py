"""The seed (a real Chinese document) laid out as a multi-page PDF, ingested through the real
pipeline, and asked about its cases: each answer must cite the page reportlab put the case on."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_files import layout_pdf, pages_with, seed_blocks

from bot.answer.engine import Engine, Filters
from bot.command_parsing import Context
from bot.commands import Commands
from bot.foundation.config import load_settings
from bot.ingest.ingest import Options, ingest_paths
from bot.ingest.registry import Registry
from index import plan_query

CASES = [  # question, words of the case in the seed
    ("帕劳的非正式保护联盟是怎样运作的？", "帕劳的一个非正式保护联盟"),
    ("乌干达的国家生物多样性数据存储库有什么用？", "以乌干达为例"),
    ("伊拉克如何通过利益攸关方磋商收集数据？", "伊拉克将广泛的利益攸关方"),
    ("芬兰的科研院所如何支持生物多样性管理？", "在芬兰，科研院所"),
    ("巴西如何绘制生物多样性资源地图？", "巴西正在为全国"),
]

# the same cases asked in English: the passages are Chinese, found by meaning (the passages are
# embedded by default) and through the glossary (country names)
CASES_EN = [
    ("How does the informal conservation alliance in Palau work?", "帕劳的一个非正式保护联盟"),
    ("What is Uganda's national biodiversity data repository used for?", "以乌干达为例"),
    ("How did Iraq collect data through stakeholder consultation?", "伊拉克将广泛的利益攸关方"),
    ("How do research institutes in Finland support biodiversity management?", "在芬兰，科研院所"),
    ("How is Brazil mapping its biodiversity resources?", "巴西正在为全国"),
]


@pytest.fixture(scope="module")
def seed_engine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, list[tuple[int, str]]]:
    root = tmp_path_factory.mktemp("seed-pdf")
    pdf = root / "信息指南执行摘要.pdf"
    drawn = layout_pdf(pdf, seed_blocks())
    settings = load_settings(env={"NFPBOT_DATA_DIR": str(root / "var")})
    results = ingest_paths(Registry(Path(settings.data_dir)), [pdf], Options(doc_id="seed-summary"))
    assert [r.status for r in results] == ["added"], results
    return Engine.from_settings(settings), drawn


def test_layout_is_multi_page(seed_engine):
    engine, drawn = seed_engine
    assert max(page for page, _ in drawn) >= 5
    doc = engine.passages.registry.get("seed-summary")
    assert doc.pages == max(page for page, _ in drawn) and doc.lang == "zh" and doc.format == "pdf"


@pytest.mark.parametrize(("question", "words"), CASES + CASES_EN)
def test_questions_about_cases_cite_the_page_that_holds_them(seed_engine, question, words):
    engine, drawn = seed_engine
    expected = pages_with(drawn, words)
    assert len(expected) == 1, (words, expected)
    answer = engine.answer(question, filters=Filters(doc="seed-summary"))
    assert answer.answered, question
    top = answer.citations[0]
    assert top.kind == "document" and top.doc == "seed-summary" and top.lang == "zh"
    assert words in top.text
    assert top.page in expected, (question, top.page, expected)
    page = f"第 {top.page} 页" if answer.lang == "zh" else f"p. {top.page}"
    assert page in top.source and ("中文原文" in top.source or "in Chinese" in top.source)


def test_headings_of_the_pdf_become_the_section_of_its_passages(seed_engine):
    engine, _ = seed_engine
    answer = engine.answer("伊拉克如何通过利益攸关方磋商收集数据？", filters=Filters(doc="seed-summary"))
    assert answer.citations[0].section == "信息管理和报告"
    assert answer.to_json()["citations"][0]["section"] == "信息管理和报告"


def test_a_curated_item_ranks_above_a_passage_saying_the_same(seed_engine):
    """The reviewed Palau case and the seed passage it was written from say the same: the
    item comes first; the passage is found too, further down."""
    engine, _ = seed_engine
    question = "帕劳的非正式保护联盟"
    assert engine.answer(question).citations[0].id == "case-palau-conservation-alliance"
    plan = plan_query(question, engine.store.analyze, engine.store.thesaurus)
    ids = [h.id for h in engine.backend.search(plan, limit=10, prefer="zh").hits]
    passage = next(i for i in ids if i.startswith("seed-summary#"))
    assert ids.index("case-palau-conservation-alliance") < ids.index(passage)


def test_english_question_about_the_chinese_pdf_through_the_glossary(seed_engine):
    """Cross-lingual retrieval of passages goes through the glossary (Uganda = 乌干达) until
    dense retrieval lands: the passage found is Chinese and says so."""
    engine, drawn = seed_engine
    answer = engine.answer("Uganda biodiversity data", filters=Filters(doc="seed-summary"))
    assert answer.answered and answer.lang == "en"
    assert all(c.lang == "zh" and "in Chinese" in c.source for c in answer.citations)
    assert any("以乌干达为例" in c.text and c.page in pages_with(drawn, "以乌干达为例")
               for c in answer.citations)


def test_chat_commands_doc_and_show_a_passage(seed_engine):
    """`doc ID QUESTION` (文档) answers from one document; `show ID` prints a cited passage in
    full with the passages before and after it, as every renderer's "Full text: show ID" hint
    says."""
    engine, drawn = seed_engine
    commands = Commands(engine)
    answer = commands.handle(Context(), "文档 seed-summary 伊拉克如何通过利益攸关方磋商收集数据？")
    top = answer.citations[0]
    assert answer.answered and top.doc == "seed-summary"
    assert top.page in pages_with(drawn, "伊拉克将广泛的利益攸关方")
    shown = commands.handle(Context(), f"show {top.id}")
    full = shown.citations[0]
    assert full.text == full.snippet and len(full.text) > len(top.text)  # with its neighbours
    [(start, end)] = full.highlights
    assert full.text[start:end] == top.text   # the cited passage, marked inside its context
    assert f"p. {top.page} · in Chinese" in shown.citations[0].source
    shown_zh = commands.handle(Context(), f"显示 {top.id}")
    assert f"第 {top.page} 页 · 中文原文" in shown_zh.citations[0].source
    usage = commands.handle(Context(), "doc seed-summary")
    assert not usage.answered and "seed-summary" in usage.lead
    unknown = commands.handle(Context(), "doc nothing-here what is this?")
    assert not unknown.answered and "nothing-here" in unknown.lead
    assert not commands.handle(Context(), "show seed-summary#999").answered


def test_more_pages_within_the_document_and_wen_dang_words_stay_a_question(seed_engine):
    from adapters.console import Session, reply

    engine, _ = seed_engine
    commands = Commands(engine)
    session = Session()
    first = reply(commands, session, "文档 seed-summary 生物多样性相关公约的国家联络点如何合作")
    assert first.answered and first.more, first
    second = reply(commands, session, "更多")
    assert second.offset == len(first.citations) and second.citations
    assert all(c.doc == "seed-summary" for c in first.citations + second.citations)
    assert {c.id for c in first.citations}.isdisjoint(c.id for c in second.citations)
    question = commands.handle(Context(), "文档管理对国家联络点的合作有什么帮助？")
    assert question.lead and "没有编号为" not in question.lead
