"""Issue 20, a lead that answers the question, structural causes: a question about a case names
its country or organisation in the lead even when the sentence with the answer does not (the name
is written in as the case's title writes it); a sentence about another of a numbered sequence ("the
second NBSAP") does not answer a question about one ("the first"); a Chinese sentence that opens
with "此前" (earlier) is no unresolved reference. Questions are our own, not the evaluation or
calibration strings."""

from __future__ import annotations

import pytest

from bot.answer.lead import Evidence, compose_lead
from bot.answer.lead_sequence import another_in_sequence
from bot.answer.question_form import dangling
from bot.foundation.answers import Citation


def _case(title: str, text: str) -> Evidence:
    return Evidence(Citation("case-x", "case", title, "", text, "", None, 1.0))


@pytest.mark.parametrize(("question", "answer", "subject"), [
    ("Which department drew up South Africa's first NBSAP?", "DEAT", "South Africa"),
    ("南非的第一份国家生物多样性战略和行动计划由谁编制？", "DEAT", "南非"),
])
def test_the_first_of_a_sequence_with_the_case_named(engine, question, answer, subject):
    lead = engine.answer(question).lead
    assert answer in lead and subject in lead, lead


def test_another_of_a_sequence_does_not_answer():
    text = ("What the Sourcebook says: Ruritania involved many stakeholders in its planning.\n"
            "Supporting facts: Ruritania's second national biodiversity strategy and action plan (NBSAP) was "
            "finalised in 2015; it was drafted for the Green Office by a consultancy. "
            "The first NBSAP was drafted by the Blue Office between 2001 and 2003.")
    lead = compose_lead([_case("Ruritania: stakeholders in planning", text)], "en",
                        "Who drafted Ruritania's first NBSAP?", names=("ruritania",))
    assert "Blue Office" in lead and "Green Office" not in lead, lead


def test_the_case_is_named_where_the_answer_does_not_name_it():
    text = ("What the Sourcebook says: Ruritania runs a national data bank whose records support species "
            "modelling, planning, reporting and the work of many institutions across the whole country.\n"
            "Supporting facts: The data bank was set up in 1990 at the national university with initial donor "
            "funding, and since 2010 it belongs to the university's college of agricultural and "
            "environmental sciences, which keeps its records and gazetteer up to date for every user.")
    lead = compose_lead([_case("Ruritania: a national data bank", text)], "en",
                        "When was the data bank at the national university set up?")
    assert "1990" in lead and lead.startswith("Ruritania: "), lead


def test_a_sentence_about_an_earlier_step_may_lead(engine):
    lead = engine.answer("埃及此前的国家能力自我评估由哪个机构开展？").lead
    assert "EEAA" in lead, lead


@pytest.mark.parametrize(("sentence", "points_back"), [
    ("此前的自我评估有各公约联络点参与。", False),
    ("此后的评估由环境署开展。", False),
    ("此外，该机构还负责报告。", True),
    ("此项目由环境署开展。", True),
])
def test_earlier_is_no_reference(sentence, points_back):
    assert dangling(sentence) is points_back


@pytest.mark.parametrize(("question", "sentence", "other"), [
    ("Who prepared the first NBSAP?", "The second national biodiversity strategy and action plan (NBSAP) was "
     "finalised in 2015.", True),
    ("Who prepared the first NBSAP?", "The first NBSAP was prepared between 2003 and 2005.", False),
    ("When was the portal first launched?", "It was launched at the second Steering Committee meeting.", False),
    ("第一份国家战略是谁编制的？", "第二份国家战略于 2015 年定稿。", True),
    ("网站是哪一年首次上线的？", "网站在第二次指导委员会会议上启动。", False),
    ("How much went to biodiversity under GEF-6?", "The GEF-5 envelope was US$968 million.", True),
])
def test_another_of_a_sequence(question, sentence, other):
    nbsap = ("nbsap", "national biodiversity strategy and action plan")
    assert another_in_sequence(question, sentence, (nbsap,)) is other
