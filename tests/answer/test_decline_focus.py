"""Questions for one named thing that no candidate speaks of are declined (bot/answer/focus.py),
and the slots read from new question forms (how often, errands, who wrote, how big); the real
engine over the real knowledge. Our own questions, not the evaluation strings; answerable ones of
the same forms beside them must stay answered."""

from __future__ import annotations

import pytest

from bot.answer.focus import asked_focus
from bot.answer.question_slots import asked_slot


@pytest.mark.parametrize("question, focus", [
    ("What are the main mountains of Nepal?", ("mountains",)),           # Nepal's items: no mountains
    ("Which Nepali district earns the most tourism revenue?", ("district",)),
    ("Who moderated the Geneva synergies workshop?", ("moderated",)),
    ("Which countries have banned shark fishing?", ("banned", "shark", "fishing")),
    ("尼泊尔的主要山脉有哪些？", ("山脉",)),
])
def test_a_question_about_what_no_candidate_speaks_of_is_declined(engine, question, focus):
    assert asked_focus(question).words == focus
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations
    assert f"“{' '.join(focus)}”" in answer.lead   # says what it has nothing on


@pytest.mark.parametrize("question", [
    "What are the benefits of joint reporting?",                     # a side of a topic, not a thing
    "Which agreement on waterbirds put its national reports online?",
    "哪个候鸟的协定最早用网上系统交报告？",                              # 候鸟 qualifies 协定
    "Who chaired Nepal's biodiversity coordination committee?",         # chaired: the forests minister
    "How big is Nepal's buffer zone?",                                 # 5,602.67 km² in 2010
    "Which agreement was the first to move its national reports online?",   # ranks: AEWA was first
])
def test_questions_whose_focus_a_candidate_speaks_of_are_answered(engine, question):
    assert engine.answer(question).answered


@pytest.mark.parametrize("question, kind, nouns", [
    ("How often does the Palau conservation alliance meet?", "duration", ("meet",)),
    ("芬兰的指标每年更新几次？", "duration", ("更新",)),
    ("Can you forward this answer to the Ramsar secretariat?", "task", ()),
    ("Please book a meeting room for our NBSAP workshop", "task", ()),
    ("帮我给尼泊尔的秘书处写封信", "task", ()),
    ("巴西的支出报告是谁签署的？", "person", ("签署|sign",)),
    ("How large is Palau's marine sanctuary?", "size", ("hectare|公顷|km|square|平方|面积|acre|sq mi",)),
    ("What budget did Sweden give to the Sourcebook?", "amount", ("budget|预算",)),
])
def test_new_question_forms_ask_for_a_value_no_candidate_holds(engine, question, kind, nouns):
    slot = asked_slot(question)
    assert slot is not None and (slot.kind, slot.nouns) == (kind, nouns)
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations


@pytest.mark.parametrize("question", [
    "Can you share some examples with me?",       # asks for information, not an errand
    "How can we get a better picture of biodiversity spending?",
    "Can you send me examples of joint reporting?",
])
def test_requests_for_information_are_no_errands(question):
    slot = asked_slot(question)
    assert slot is None or slot.kind != "task"


@pytest.mark.parametrize("question, superlative", [
    ("哪个国家的保护区最大？", "最大"),        # a sentence says 最大 of the GEF's focal area, not of parks
    ("Which country charges the highest park entry fees?", "highest"),
])
def test_a_ranking_no_sentence_makes_is_declined(engine, question, superlative):
    answer = engine.answer(question)
    assert not answer.answered and f"“{superlative}”" in answer.lead
