"""Issue 20 item 1: "where can I look up …? / 在哪儿能查…" asks for a website or a system, not a
place; "in the Sourcebook" is not a place; "who runs its secretariat?" is answered by the body named
as its secretariat; "卡在哪儿 / what's holding us back" asks for the problem, and "谁也不…" (nobody)
does not ask who. Questions are our own."""

from __future__ import annotations

import pytest

from bot.answer.question_form import asked_cues, fit, question_kind


@pytest.mark.parametrize("question", ["where can I look up the national reports of every convention?",
                                      "Where do we find all the COP decisions together?",
                                      "在哪儿能查到各个公约的大会决定？"])
def test_where_to_find_is_an_open_question_answered_by_a_website(question):
    assert question_kind(question) is None
    assert any(p.search("A UN portal holds the COP decisions of many treaties.") for p in asked_cues(question)) \
        or any(p.search("联合国的一个门户网站收录了各公约的决定。") for p in asked_cues(question))


def test_where_is_still_a_place():
    assert question_kind("where is the secretariat of the forest commission?") == "who"


def test_the_sourcebook_is_not_a_place():
    question = "where is its secretariat?"
    assert fit("who", "The Plant Treaty is one of the six conventions in the Sourcebook.", question) == 0.0
    assert fit("who", "Its secretariat is in Yaoundé.", question) > 0.0


def test_who_runs_its_secretariat_is_answered_by_the_body_named_as_it():
    cues = asked_cues("who runs the secretariat of the indicators partnership?")
    assert any(p.search("The partnership has UNEP-WCMC as its secretariat.") for p in cues)
    assert any(p.search("Its secretariat is hosted by UNEP.") for p in cues)


def test_the_secretariat_of_a_partnership_leads_on_the_real_engine(engine):
    answer = engine.answer("Who runs the BIP secretariat?")
    assert answer.answered and "UNEP-WCMC" in answer.lead


@pytest.mark.parametrize("question", ["各部门谁也不管谁，问题主要卡在哪儿？", "What's holding us back on joint reporting?",
                                      "what are the main obstacles to working together?"])
def test_the_sticking_point_asks_for_the_problem(question):
    assert question_kind(question) is None
    assert any(p.search("A lack of staff hampers collaboration.") or p.search("人力不足阻碍了协作。")
               for p in asked_cues(question))


def test_nobody_is_not_who():
    assert question_kind("几个部门谁都不理谁，这种情况普遍吗？") != "who"
