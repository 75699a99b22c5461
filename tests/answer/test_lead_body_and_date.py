"""Issue 20, answer types read from the question words in both languages: "on what date / which
day / 哪一天 / 哪天" asks a date as "when" does; "which organisation / body / initiative / 哪个机构 /
哪个…倡议" is answered by a sentence naming a body by its name (an acronym, or a Chinese name ending
in its kind) where no sentence says who by a cue or an office. Questions are our own, not the
evaluation or calibration strings."""

from __future__ import annotations

import pytest

from bot.answer.question_form import asks_body, names_body, question_kind


@pytest.mark.parametrize("question", [
    "On what date did the portal go live?", "Which day was the network launched?", "What month did it meet?",
    "这个门户网站是哪天上线的？", "公约是哪一天开放签署的？", "会议是哪个月开的？",
])
def test_date_questions_ask_when(question):
    assert question_kind(question) == "when"


@pytest.mark.parametrize("question", ["What day-to-day tasks does a focal point have?", "联络点每天都做什么？"])
def test_everyday_is_no_date(question):
    assert question_kind(question) != "when"


@pytest.mark.parametrize(("question", "asked"), [
    ("Which organisation wrote up the pilots?", True), ("Which initiative did the country join?", True),
    ("By whom was the report documented?", True), ("南非后来加入了哪个筹资倡议？", True),
    ("哪个机构负责维护这个网站？", True), ("Who chairs the committee?", False), ("哪个国家有这样的委员会？", False),
])
def test_a_body_is_asked(question, asked):
    assert asks_body(question) is asked


def test_a_body_by_its_name():
    question = "Which organisation documented UNEP's work?"
    assert names_body("The work was documented by UNEP-WCMC.", question)
    assert not names_body("In 2000 UNEP held a workshop with 8 countries.", question)
    assert names_body("南非也是生物多样性筹资倡议的参与国。", "南非加入了哪个倡议？")


@pytest.mark.parametrize(("question", "expected"), [
    ("Which organisation documented the harmonisation work UNEP started in 2000?", "UNEP-WCMC"),
    ("哪个组织把统一国家报告的试点工作记录了下来？", "UNEP-WCMC"),
    ("乌干达后来参加了哪个筹资倡议？", "BIOFIN"),
    ("On what date did Uganda's data bank portal go online?", "September 2019"),
    ("乌干达数据库的在线门户是哪一天上线的？", "9 月 5 日"),
])
def test_the_engine_names_it(engine, question, expected):
    lead = engine.answer(question).lead
    assert expected in lead, lead
