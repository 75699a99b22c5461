"""Tables in PDFs as rows that keep their column headers (bot/ingest/pdf_tables.py): a question
naming a row and a column in the other language finds that row, through the real engine (no
embedder: the question's words translated and the figures as written are the only bridge), with
the whole knowledge base competing. The PDFs are drawn here with reportlab's Table: a Chinese
report with ruled grids (one table running over a page break without its header), and an English
report whose table has no rules at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_files import CJK
from ingested import ingest_without_vectors, require_dictionary
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from bot.answer.engine import Engine
from bot.ingest.registry import Registry

ZH_HEADER = ["项目", "本报告期", "上年同期", "增减变动幅度"]
ZH_ROWS = [
    ["营业收入（元）", "412,306,118.25", "389,774,020.61", "5.78%"],
    ["营业成本（元）", "301,227,904.10", "288,016,337.42", "4.59%"],
    ["归属于上市公司股东的净利润（元）", "18,664,203.77", "12,905,116.38", "44.63%"],
    ["经营活动产生的现金流量净额（元）", "-7,338,512.04", "21,447,893.66", "-134.22%"],
    ["基本每股收益（元/股）", "0.0213", "0.0147", "44.90%"],
    ["加权平均净资产收益率", "1.92%", "1.38%", "0.54%"],
    ["总资产（元）", "2,864,501,337.19", "2,790,117,452.83", "2.67%"],
    ["研发投入（元）", "26,118,440.52", "19,702,335.08", "32.56%"],
]
EN_ROWS = [
    ["Programme", "Budget (USD)", "Staff", "Sites monitored"],
    ["Wetland bird census", "1,250,400", "14", "38"],
    ["Forest carbon inventory", "2,730,900", "22", "61"],
    ["Coral reef survey", "964,300", "9", "17"],
    ["Grassland restoration", "1,118,650", "11", "45"],
]


def _style(font: str, size: float = 10.5) -> ParagraphStyle:
    return ParagraphStyle(f"t{font}{size}", fontName=font, fontSize=size, leading=size * 1.5,
                          wordWrap="CJK" if font == CJK else None)


def chinese_report(path: Path) -> Path:
    """Page 1 prose; page 2 the main figures as a ruled grid, the table running over onto page 3
    without its header (as long tables in reports do); page 3 then prose."""
    body = _style(CJK)
    grid = TableStyle([("FONT", (0, 0), (-1, -1), CJK, 10), ("GRID", (0, 0), (-1, -1), 0.5, "black")])
    story = [Paragraph("东湖环境科技股份有限公司 2024 年第三季度报告", _style(CJK, 18)),
             Paragraph("本公司董事会及全体董事保证本报告所载资料不存在任何虚假记载、误导性陈述或者重大遗漏。", body),
             PageBreak(),
             Paragraph("一、主要财务数据", _style(CJK, 14)),
             Paragraph("单位：元 币种：人民币", body),
             Spacer(1, 540)]   # pushes the table down so it breaks over the page
    story.append(Table([ZH_HEADER] + ZH_ROWS, colWidths=[190, 110, 110, 80], style=grid))
    story.append(Paragraph("报告期内，公司加大了污水处理设备的研发投入，新签订单同比增长。", body))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def english_report(path: Path) -> Path:
    """A page of prose, then a page whose table is only aligned in columns (no rules)."""
    body = _style("Helvetica")
    plain = TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 10)])
    story = [Paragraph("Regional Biodiversity Monitoring Report 2024", _style("Helvetica", 18)),
             Paragraph("The monitoring network grew this year, and every programme reported on "
                       "time to the national focal point.", body),
             PageBreak(),
             Paragraph("Programmes and their resources", _style("Helvetica", 14)),
             Paragraph("The table lists each programme with its budget, its staff and the number "
                       "of sites it monitored during the year.", body),
             Table(EN_ROWS, colWidths=[170, 100, 60, 100], style=plain)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, Registry]:
    require_dictionary()
    root = tmp_path_factory.mktemp("tables")
    chinese_report(root / "donghu-q3.pdf")
    english_report(root / "monitoring.pdf")
    return ingest_without_vectors(root)


def _lines(registry: Registry, doc_id: str) -> list[tuple[int | None, str]]:
    return [(p.page, line) for _, p in registry.passages(doc_id) for line in p.text.splitlines()]


def _first_passage(engine: Engine, question: str) -> tuple[str | None, int | None, str]:
    answer = engine.answer(question, decide=False)
    return next(((c.doc, c.page, c.text) for c in answer.citations if c.kind == "document"),
                (None, None, ""))


def test_every_row_of_a_ruled_table_carries_its_headers_even_after_a_page_break(setup):
    _, registry = setup
    lines = _lines(registry, "donghu-q3")
    for row in ZH_ROWS:
        expected = "；".join(f"{h}：{c}" for h, c in zip(ZH_HEADER, row, strict=True))
        assert any(line == expected for _, line in lines), (expected, lines)
    pages = {page for page, line in lines if line.startswith("项目：")}
    assert pages == {2, 3}, pages   # the table did run over the break, its header with it
    assert not any(line.startswith("项目：项目") for _, line in lines)


def test_an_english_question_finds_the_chinese_row(setup):
    engine, registry = setup
    page = next(p for p, line in _lines(registry, "donghu-q3") if "研发投入" in line and "项目：" in line)
    doc, cited_page, text = _first_passage(
        engine, "How much did Donghu spend on research and development in the same period last year?")
    assert (doc, cited_page) == ("donghu-q3", page)
    assert "研发投入（元）；本报告期：26,118,440.52；上年同期：19,702,335.08" in text


def test_a_figure_as_written_finds_its_row_and_its_column(setup):
    engine, _ = setup
    doc, _, text = _first_passage(engine, "Which item was -7,338,512.04 in the reporting period?")
    assert doc == "donghu-q3" and "经营活动产生的现金流量净额（元）；本报告期：-7,338,512.04" in text


def test_a_chinese_question_finds_the_english_row_of_a_table_without_rules(setup):
    engine, registry = setup
    lines = [line for _, line in _lines(registry, "monitoring")]
    assert "Programme: Coral reef survey; Budget (USD): 964,300; Staff: 9; Sites monitored: 17" in lines
    doc, page, text = _first_passage(engine, "珊瑚礁调查监测了多少个地点？")
    assert (doc, page) == ("monitoring", 2)
    assert "Programme: Coral reef survey" in text


def test_a_figure_whose_unit_is_in_its_label_answers_a_question_on_an_amount(setup):
    """The value check reads "营业收入（元）" as saying the row's figures are amounts of money,
    and the year in the report's title as the year of its rows; a figure the report does not
    give is still declined."""
    engine, _ = setup
    answer = engine.answer("东湖环境2024年第三季度的营业收入是多少？")
    assert answer.answered, answer.lead
    first = next(c for c in answer.citations if c.kind == "document")
    assert (first.doc, first.page) == ("donghu-q3", 2) and "营业收入（元）；本报告期：412,306,118.25" in first.text
    assert not engine.answer("东湖环境2019年第三季度的营业收入是多少？").answered


def test_a_count_question_in_chinese_is_answered_by_the_english_row(setup):
    engine, _ = setup
    answer = engine.answer("湿地鸟类普查监测了多少个地点？")
    assert answer.answered, answer.lead
    first = next(c for c in answer.citations if c.kind == "document")
    assert first.doc == "monitoring" and "Programme: Wetland bird census" in first.text
