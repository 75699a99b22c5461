"""A document's language is the one most of its words are in, not most of its characters: a
Chinese paper with an English abstract and English references of as many characters is Chinese
(a real PDF made here, through the real pipeline)."""

from __future__ import annotations

from pathlib import Path

from document_files import layout_pdf

from bot.ingest.ingest import ingest_paths
from bot.ingest.registry import Registry

# a Chinese body (its own words, made up for the test: no facts) and an English abstract and
# references with at least as many characters
BODY = [
    "本文讨论一个用于监测设备运行状态的计算机系统。系统收集运行数据，比较实际参数与基准参数，"
    "在偏差超出范围时提示维修人员检查有关部件，并记录每次检查的结果，供以后分析使用。",
    "系统由数据采集、趋势分析和故障隔离三个部分组成。数据采集部分每天读取记录，趋势分析部分"
    "计算参数的变化，故障隔离部分根据变化的形式判断可能出问题的部件，并给出检查顺序的建议。",
    "试用结果表明，这种做法可以提前发现问题，减少临时停机，节省维修费用。今后还要扩大试用范围，"
    "改进判断规则，使系统能够适应更多型号的设备，并与维修管理的其他工作更好地衔接起来。",
]
ABSTRACT = ("Abstract: A computer system for monitoring the condition of equipment is described. It "
            "collects operating data, compares them with baselines and points maintenance staff to "
            "the parts to check. Key words: condition monitoring; fault isolation; maintenance.")
REFERENCES = ["1 Smith A, Jones B. Condition monitoring of equipment. J Maint Eng, 1990, 3(2): 45-52.",
              "2 Brown C. Fault isolation by trend analysis. Proc Conf Reliab, 1991: 101-108.",
              "3 Green D, White E. Maintenance planning with operating data. Eng Syst, 1992, 7: 12-19."]


def test_a_chinese_paper_with_english_abstract_and_references_is_chinese(tmp_path: Path):
    pdf = tmp_path / "paper.pdf"
    blocks = [("h1", "设备状态监视系统研究"), ("p", ABSTRACT), *(("p", p) for p in BODY),
              ("h2", "References"), *(("p", r) for r in REFERENCES)]
    layout_pdf(pdf, blocks)
    english = len(ABSTRACT) + sum(len(r) for r in REFERENCES)
    assert english >= sum(len(p) for p in BODY)           # by characters it would be English
    registry = Registry(tmp_path / "var")
    [result] = ingest_paths(registry, [pdf])
    assert result.ok, result
    record = registry.get(result.doc_id)
    assert record is not None and record.lang == "zh" and record.title("zh") == "设备状态监视系统研究"
