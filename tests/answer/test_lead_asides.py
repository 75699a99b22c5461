"""A sentence labelled as related sources inside a bracketed aside ("(FNR_Rio; a related source,
not the Sourcebook's table)") keeps its whole statement, loses only the label, and stays marked as
background; a label after the Sourcebook's own clause ("…, as Brazil did; related sources …") still
leaves that clause, unmarked. The texts are the knowledge's own (obstacles.yaml)."""

from __future__ import annotations

import pytest

from bot.answer.lead_sentences import lead_sentences


def only(text: str, lang: str):
    [sentence] = lead_sentences(text, lang, False)
    return sentence


@pytest.mark.parametrize("text,lang,kept", [
    ("联合国环境规划署/全球环境基金关于国家报告的一个相关试点项目（FNR_Rio；属相关资料，并非《信息指南》表格内容）"
     "得出结论：协作性的制度安排，以及以国家整体而非部门为单位建设能力，能够改进报告工作。", "zh",
     "联合国环境规划署/全球环境基金关于国家报告的一个相关试点项目（FNR_Rio）得出结论：协作性的制度安排，"
     "以及以国家整体而非部门为单位建设能力，能够改进报告工作。"),
    ("A related UNEP/GEF pilot on national reporting (FNR_Rio; a related source, not the Sourcebook's table) "
     "concluded that collaborative institutional arrangements improve reporting.", "en",
     "A related UNEP/GEF pilot on national reporting (FNR_Rio) concluded that collaborative institutional "
     "arrangements improve reporting."),
])
def test_an_asides_label_goes_and_the_statement_stays_background(text, lang, kept):
    sentence = only(text, lang)
    assert sentence.sentence == kept and sentence.background


def test_a_label_after_the_sourcebooks_clause_leaves_that_clause_unmarked():
    sentence = only("Map national spending on biodiversity, as Brazil did; related sources (not the "
                    "Sourcebook's table) add that the mapping took two years.", "en")
    assert sentence.sentence == "Map national spending on biodiversity, as Brazil did." and not sentence.background
