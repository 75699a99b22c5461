"""Extraction and passages for every format, from real files made here: pages are the 1-based
physical pages the file has, headings become the heading path, each passage has its language."""

from __future__ import annotations

from pathlib import Path

from document_files import CJK, EN_PAGES, make_docx, make_pdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from bot.ingest.extract import open_source
from bot.ingest.model import Passage
from bot.ingest.split import split_passages


def passages(path: Path) -> tuple[list[Passage], object]:
    source = open_source(path)
    try:
        return list(split_passages(source.blocks())), source
    finally:
        source.close()


def test_pdf_pages_headings_title_and_language(tmp_path):
    path = make_pdf(tmp_path / "guide.pdf", EN_PAGES, title="Cooperation guide")
    found, source = passages(path)
    assert source.format == "pdf" and source.pages == 3
    assert source.meta.title == {"": "Cooperation guide"}
    by_page = {p.page: p for p in found}
    assert set(by_page) == {1, 2, 3} and all(p.page == p.page_end for p in found)
    assert by_page[1].heading == ("1 Institutional arrangements",)
    assert by_page[2].heading == ("1 Institutional arrangements", "1.1 Informal coordination")
    assert by_page[3].heading == ("2 Information management",)
    assert "joint positions" in by_page[1].text and all(p.lang == "en" for p in found)


def test_chinese_pdf_with_english_acronyms_is_chinese(tmp_path):
    pages = [[("h1", "国家报告"),
              ("p", ("国家生物多样性战略和行动计划（NBSAP）是履行CBD、CITES和CMS义务的主要工具。"
                    "各公约的国家联络点（NFP）可以共同编写国家报告。"))],
             [("p", "A short English note on page two about joint reporting under the conventions.")]]
    found, _ = passages(make_pdf(tmp_path / "zh.pdf", pages, font=CJK))
    assert [(p.page, p.lang) for p in found] == [(1, "zh"), (2, "en")]
    assert found[0].heading == ("国家报告",)
    assert "国家生物多样性战略和行动计划（NBSAP）" in found[0].text  # wrapped lines joined


def test_a_sentence_running_over_a_page_break_records_both_pages(tmp_path):
    path = tmp_path / "over.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawString(72, 760, "The national committee met four times in the first year of its work.")
    c.drawString(72, 100, "Its members agreed that the focal points of CITES and of the CMS would")
    c.showPage()
    c.drawString(72, 760, "prepare one joint national report for both conventions from then on.")
    c.drawString(72, 700, "A separate paragraph on page two about the clearing-house mechanism,")
    c.drawString(72, 686, "which lists the laws and policies and links the institutions that manage")
    c.drawString(72, 672, "biodiversity. It has proved valuable despite weak infrastructure.")
    c.showPage()
    c.save()
    found, _ = passages(path)
    joint = next(p for p in found if "joint national report" in p.text)
    assert (joint.page, joint.page_end) == (1, 2)
    assert "would prepare one joint" in joint.text
    assert "clearing-house" not in joint.text
    assert next(p for p in found if "clearing-house" in p.text).page == 2


def test_docx_headings_tables_pages_and_title(tmp_path):
    pages = [[("h1", "Reporting"), ("p", "Focal points share one reporting calendar."),
              ("table", "Convention|Report due|CBD|2024")],
             [("h2", "Online reporting"), ("p", "Online reporting systems reduce duplication.")]]
    found, source = passages(make_docx(tmp_path / "notes.docx", pages, title="Reporting notes"))
    assert source.format == "docx" and source.meta.title == {"": "Reporting notes"}
    first = next(p for p in found if "calendar" in p.text)
    assert first.page == 1 and first.heading == ("Reporting",)
    assert "Convention | Report due | CBD | 2024" in " ".join(p.text for p in found)
    online = next(p for p in found if "Online reporting systems" in p.text)
    assert online.page == 2 and online.heading == ("Reporting", "Online reporting")


HTML = """<!doctype html><html lang="zh-CN"><head><title>履约合作说明</title>
<meta name="author" content="测试出版者"><style>p {color: red}</style>
<script>var hidden = "不应出现的脚本文字";</script></head>
<body><nav>首页 | 导航</nav><h1>制度安排</h1>
<p>国家联络点可以通过&nbsp;国家委员会&amp;工作组进行协调。</p>
<h2>非正式协调</h2><ul><li>非正式协调建立信任。</li><li>成本较低。</li></ul></body></html>"""


def test_html_title_language_headings_and_no_scripts(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, "utf-8")
    found, source = passages(path)
    assert source.meta.title == {"": "履约合作说明"} and source.meta.lang == "zh-CN"
    assert source.meta.publisher == "测试出版者"
    text = " ".join(p.text for p in found)
    assert "脚本" not in text and "导航" not in text and "color" not in text
    assert "国家委员会&工作组" in text
    assert found[-1].heading == ("制度安排", "非正式协调") and found[-1].page is None


MARKDOWN = """---
title: {en: Reporting handbook, zh: 报告手册}
lang: en
year: 2015
---
Reporting handbook
==================

Intro paragraph with a [link](https://example.org) and **bold** words.

## Harmonised reporting

- Use one calendar for all national reports.
- Share data between focal points.

```
code block stays text
```
"""


def test_markdown_front_matter_headings_and_inline_markup(tmp_path):
    path = tmp_path / "handbook.md"
    path.write_text(MARKDOWN, "utf-8")
    found, source = passages(path)
    assert source.meta.title == {"en": "Reporting handbook", "zh": "报告手册"}
    assert source.meta.year == 2015 and source.meta.lang == "en"
    assert found[0].heading == ("Reporting handbook",)
    assert "with a link and bold words" in found[0].text
    later = " ".join(p.text for p in found[1:])
    assert "one calendar" in later and "code block stays text" in later
    assert found[-1].heading == ("Reporting handbook", "Harmonised reporting")


def test_plain_text_form_feeds_are_pages_and_gb18030_is_read(tmp_path):
    path = tmp_path / "report.txt"
    text = ("第一页：各公约的国家联络点定期开会，交流履约经验，并商定共同立场。\n\f"
            "第二页：国家联络点共同编写国家报告，减少重复工作。\n")
    path.write_bytes(text.encode("gb18030"))
    found, source = passages(path)
    assert source.pages == 2
    assert [(p.page, p.lang) for p in found] == [(1, "zh"), (2, "zh")]
    assert found[1].text == "第二页：国家联络点共同编写国家报告，减少重复工作。"
