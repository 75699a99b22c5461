"""A value asked about in the other language than the document's is answered when the passage
states it, and still declined when it does not (bot/answer/decline.py `holds_across`): the
question's names and nouns that have no alternative in the passage's script are checked through
their translations (index/translate.py: 埃塞俄比亚 as "Ethiopia", "Jiangsu" as 江苏, March as 3月),
and a table that runs on into a new passage repeats its unit line there (bot/ingest/split.py), so
that its figures are still known to be sums of money. Two PDFs made here with reportlab (an
English flood review, a Chinese report with a ruled table of bank credit lines, both invented),
the whole knowledge base competing, no embedder (the translated words are the only bridge). A
Latin name (a rating, an acronym) is looked for as written in a Chinese passage too."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_files import CJK, make_pdf
from ingested import ingest_without_vectors, require_dictionary
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from bot.answer.engine import Engine
from bot.ingest.model import Block
from bot.ingest.registry import Registry
from bot.ingest.split import split_passages
from index.translate import Dictionary

FLOOD = [
    [("h1", "Awash Basin Flood Review"),
     ("p", "This review describes the rainy season in the Awash basin and how the river "
           "authority responded to it.")],
    [("h2", "Losses"),
     ("p", "The flood of August 2019 in the Awash basin of Ethiopia caused 47 deaths and "
           "destroyed 3,200 homes along the river.")],
]
HEADER = ["序号", "银行名称", "授信总额", "已使用额度", "剩余额度"]
BANKS = [
    ["1", "工商银行", "120,000.00", "80,000.00", "40,000.00"],
    ["2", "农业银行", "95,500.00", "60,000.00", "35,500.00"],
    ["3", "建设银行", "88,000.00", "88,000.00", "0.00"],
    ["4", "交通银行", "76,300.00", "20,100.00", "56,200.00"],
    ["5", "杭州银行", "54,000.00", "54,000.00", "0.00"],
    ["6", "南京银行", "43,750.00", "10,000.00", "33,750.00"],
    ["7", "江苏银行", "61,820.00", "61,820.00", "0.00"],
    ["8", "渤海银行", "30,000.00", "0.00", "30,000.00"],
    ["9", "上海银行", "25,000.00", "25,000.00", "0.00"],
]


def credit_report(path: Path) -> Path:
    body = ParagraphStyle("b", fontName=CJK, fontSize=10.5, leading=16, wordWrap="CJK")
    grid = TableStyle([("FONT", (0, 0), (-1, -1), CJK, 10), ("GRID", (0, 0), (-1, -1), 0.5, "black")])
    story = [Paragraph("江海水务有限公司 2023 年度报告", ParagraphStyle("t", fontName=CJK, fontSize=18, leading=26)),
             Paragraph("一、信用评级", ParagraphStyle("h", fontName=CJK, fontSize=14, leading=20)),
             Paragraph("2023 年公司主体信用评级为 AA+，评级机构为东方信用评级有限公司，评级展望为稳定。", body),
             Paragraph("二、授信情况", ParagraphStyle("h", fontName=CJK, fontSize=14, leading=20)),
             Paragraph("截至 2023 年 3 月末，公司各类授信额度总额达 56.94 亿元，其中已使用额度 37.39 亿元。", body),
             Paragraph("单位：万元", body),
             Table([HEADER, *BANKS], colWidths=[40, 120, 90, 90, 90], style=grid)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, Registry]:
    require_dictionary()
    root = tmp_path_factory.mktemp("values-across")
    make_pdf(root / "awash-flood.pdf", FLOOD, title="Awash Basin Flood Review")
    credit_report(root / "jianghai-credit.pdf")
    return ingest_without_vectors(root)


def _cites(engine: Engine, question: str, doc: str) -> bool:
    answer = engine.answer(question)
    return answer.answered and any(c.doc == doc for c in answer.citations[:3])


def test_a_table_running_on_into_a_new_passage_repeats_its_unit_line(setup):
    _, registry = setup
    with_rows = [p.text for _, p in registry.passages("jianghai-credit") if "银行名称：" in p.text]
    assert len(with_rows) >= 2, with_rows  # the table did run over into a second passage
    assert "单位：万元\n序号：1；" in with_rows[0]
    assert all(text.startswith("单位：万元\n序号：") for text in with_rows[1:]), with_rows
    assert sum(text.count("银行名称：") for text in with_rows) == len(BANKS)  # no row twice


def test_a_country_named_in_chinese_is_found_as_written_in_english(setup):
    engine, _ = setup
    assert _cites(engine, "埃塞俄比亚的洪水造成多少人死亡？", "awash-flood")
    assert not engine.answer("埃塞俄比亚的洪水造成多少人受伤？").answered  # no injuries are given


def test_a_bank_named_in_english_is_found_in_the_chinese_table(setup):
    engine, _ = setup
    assert _cites(engine, "How much credit did Bank of Jiangsu grant the company?", "jianghai-credit")
    assert _cites(engine, "How much of the Bohai Bank credit line has been used?", "jianghai-credit")
    assert not engine.answer("How much credit did Bank of Ningbo grant the company?").answered


def test_a_name_that_is_also_an_english_word_is_read_by_its_pinyin(setup):
    """CC-CEDICT translates "Shanghai" as 沪上, which the table does not write; 上海, which its
    pinyin reads and the dictionary glosses as Shanghai, it does."""
    engine, _ = setup
    assert _cites(engine, "How much credit did Bank of Shanghai grant the company?", "jianghai-credit")


def test_a_month_named_in_english_is_found_as_its_number(setup):
    engine, _ = setup
    assert _cites(engine, "How much of the company's credit line had been used by the end of March 2023?",
                  "jianghai-credit")
    assert not engine.answer(
        "How much of the company's credit line had been used by the end of September 2023?").answered


def test_names_and_nouns_are_written_in_the_other_script():
    dictionary = Dictionary.from_entries([
        ("江苏", ["Jiangsu province (Kiangsu) in southeast China"], "Jiang1 su1"),
        ("美国", ["United States", "USA", "US"], "Mei3 guo2"),
        ("错误", ["mistaken", "false", "wrong", "error", "mistake"], "cuo4 wu4"),
        ("银行", ["bank"], "yin2 hang2"),
    ])
    assert dictionary.written_as("jiangsu", han=True) == ["江苏"]  # a name in pinyin
    assert dictionary.written_as("Bank", han=True) == ["银行"]
    assert dictionary.written_as("March", han=True) == ["3月", "3 月", "三月"]
    assert dictionary.written_as("november", han=True)[-1] == "十一月"
    # not "us": a substring of anything; its initials as names are abbreviated ("U.S. registry")
    assert dictionary.written_as("美国", han=False) == ["united states", "u.s."]
    assert "error" in dictionary.written_as("错误", han=False)
    assert dictionary.written_as("Tamsa", han=True) == []


def test_an_acronym_is_found_as_the_chinese_passage_writes_it(setup):
    """A Chinese passage writes ratings, acronyms and model numbers in Latin letters ("AA+"): the
    question's Latin name is looked for as written there, not only through a translation."""
    engine, _ = setup
    assert _cites(engine, "Which agency gave the company an AA+ rating in 2023?", "jianghai-credit")
    assert not engine.answer("Which agency gave the company a BBB rating in 2023?").answered


def test_only_its_own_unit_line_and_caption_go_on_with_a_table():
    """Rows of a table past a passage's end carry the lines above the table, not a sentence
    before them, a stray figure, nor the head of a table under an earlier heading."""
    rows = [Block(f"Site: {n}; Budget (USD): {n},000.00", 1, row=True) for n in range(1, 10)]
    blocks = [Block("The budgets are listed below.", 1), Block("4,120.50", 1),
              Block("In thousands of US dollars", 1), *rows,
              Block("Second survey", 1, level=2), *rows]
    texts = [p.text for p in split_passages(blocks)]
    carried = [t for t in texts if t.startswith("In thousands of US dollars\nSite: ")]
    assert len(carried) == 1, texts  # the first table's second passage; not the second table
    assert not any(t.startswith(("4,120.50", "The budgets")) and "Site: 7;" in t for t in texts)
    assert sum(t.count("Site: ") for t in texts) == 2 * len(rows)
