"""A value the question asks for that stands in the passage beside the one it matches, and names
and terms only the document's own language can check.

- A paper's history line ("Received …; accepted …") and its authors' university are short passages of
  their own, next to the abstract the question's words find: the neighbour that states the value is
  cited first (bot/answer/neighbour_values.py); a value stated nowhere is still declined.
- "analyst Ni Zhengyang" is 倪正洋 in a Chinese report: the name is found by the readings of its
  characters (bot/answer/name_readings.py); a name no characters there spell is still declined.
- A term the dictionary cannot write in English (元聚类) cannot be checked in an English passage,
  which is not the same as absent (bot/answer/decline.py); one it can write part by part is checked.
- A decline of a value says the added documents were searched too.
- Where only a document in the other language answers, its own sentence leads, under its name.

PDFs made here with reportlab (invented contents), default settings (the bundled embedder on), the
whole knowledge base competing.
"""

from __future__ import annotations

import pytest
from document_files import CJK, make_pdf
from ingested import ingest_with_defaults, require_dictionary

from bot.answer.engine import Engine
from bot.answer.name_readings import read_in
from bot.answer.named_places import names_asked

ABSTRACT = ("We compared the effects of the drug KX-417 and of naproxen on the small intestine of the "
            "rat. Intestinal permeability and inflammation were measured after single doses, and ulcers "
            "were counted two days later. Ulcer counts were lower with KX-417 than with naproxen at the "
            "highest dose, while permeability rose with both drugs.")
PAPER = [
    [("h1", "Effects of KX-417 on the rat intestine"),
     ("h2", "Authors"),
     ("p", "M. Halloran, S. Okafor. Department of Pharmacology, Tallinn Riverside University."),
     ("h2", "Abstract"),
     ("p", ABSTRACT),
     ("h2", "Article history"),
     ("p", "Received 9 October 2006; revised 27 January 2007; accepted 1 February 2007."),
     ("h2", "Methods"),
     ("p", "Male rats of eight weeks were fasted overnight and given KX-417 or naproxen by gavage. "
           "In total the team obtained 651 metaclusters of ulcer images for the image analysis, "
           "and two observers counted the ulcers blind to the treatment.")],
]
REPORT = [
    [("h1", "青禾证券研究报告：河谷新材料公司"),
     ("p", "河谷新材料公司是一家生产切割线的企业，本报告分析其产能扩张计划与盈利预测。"),
     ("h2", "分析师"),
     ("p", "分析师倪正洋，2021年加入青禾证券，负责新材料行业研究。")],
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    require_dictionary()
    root = tmp_path_factory.mktemp("values-beside")
    make_pdf(root / "kx417-paper.pdf", PAPER, title="Effects of KX-417 on the rat intestine")
    make_pdf(root / "hegu-report.pdf", REPORT, font=CJK, title="青禾证券研究报告")
    return ingest_with_defaults(root)


def _first(engine: Engine, question: str) -> str:
    answer = engine.answer(question)
    assert answer.answered, answer.lead
    return answer.citations[0].text


def test_the_passage_beside_that_states_the_date_is_cited_first(engine):
    """The question's words find the abstract and the methods, which state no date; the history
    line beside the methods does."""
    assert _first(engine, "What year did the KX-417 naproxen study come out?").startswith("Received 9 October 2006")


def test_a_university_is_named_from_the_authors_line(engine):
    answer = engine.answer("Which university are the authors of the KX-417 intestine study from?")
    assert answer.answered and "Tallinn Riverside University" in answer.lead, answer.lead


def test_a_value_stated_nowhere_is_still_declined_naming_the_documents(engine):
    answer = engine.answer("How much did the KX-417 intestine study cost?")
    assert not answer.answered
    assert "documents added here" in answer.lead  # the decline says they were searched too


def test_a_name_in_pinyin_is_found_by_the_readings_of_its_characters(engine):
    assert read_in("分析师倪正洋，2021年加入", "Zhengyang") == ["正洋"]
    assert read_in("分析师倪正洋", "Zheng") == []  # too short to tell
    answer = engine.answer("When did analyst Ni Zhengyang join the securities firm?")
    assert answer.answered, answer.lead
    # only the report names him: no item about joining a convention is offered beside it
    assert {c.doc for c in answer.citations} == {"hegu-report"}, answer.citations
    # and its sentence leads, in its own language, under the document's name (bot/answer/lead.py)
    assert "2021年加入青禾证券" in answer.lead and "青禾证券研究报告" in answer.lead, answer.lead
    assert not engine.answer("When did analyst Li Mingyuan join the securities firm?").answered


def test_a_term_the_dictionary_cannot_write_is_not_taken_as_absent(engine):
    answer = engine.answer("KX-417 实验中一共得到了多少个元聚类？")
    assert answer.answered and answer.citations[0].doc == "kx417-paper", answer.lead
    # 护士 (nurses) the dictionary writes: absent from the paper, so still declined
    assert not engine.answer("KX-417 实验中一共有多少名护士？").answered


def test_a_quarter_or_a_stock_code_suffix_is_no_name():
    asked = names_asked("What was the share price of 688556.SH in Q1 2022 for GEF?", {}, lambda q: [])
    assert asked == ["gef"]
