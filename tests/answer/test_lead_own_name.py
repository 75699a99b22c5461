"""Issue 20 item 1: a sentence that opens with the item's possessive ("Its main output is…",
"其主要成果是…") leads with the item's short name written in, and "X是什么 / what is the main X"
asks for X. Questions are our own, not the evaluation or calibration strings."""

from __future__ import annotations

import pytest

from bot.answer.lead import Evidence, compose_lead
from bot.answer.question_form import asked_noun
from bot.foundation.answers import Citation


def _case(title: str, text: str) -> Evidence:
    return Evidence(Citation("case-x", "case", title, "", text, "", None, 1.0))


def test_its_sentence_gets_the_items_short_name():
    # (after a sentence that itself points back, it cannot be joined to its referent)
    text = ("Its aim was to link the national data centres. Its main output is a shared data portal "
            "that brings field records together.")
    lead = compose_lead([_case("Europe: EU BON, a regional network", text)], "en",
                        "what was the main output of the network?")
    assert "EU BON's main output is a shared data portal" in lead


def test_its_sentence_without_a_short_name_is_left_out():
    text = "Its aim was to link the national data centres. Its main output is a shared data portal."
    lead = compose_lead([_case("Europe: a regional network", text)], "en", "what was the main output?")
    assert not lead.startswith("Its")


@pytest.mark.parametrize(("question", "sentence"), [
    ("那个观测网络的主要成果是什么？", "其主要成果是一个数据门户。"),
    ("What was the main output of that network?", "Its main output is a portal."),
])
def test_the_asked_noun_of_what_is_x(question, sentence):
    pattern = asked_noun(question)
    assert pattern is not None and pattern.search(sentence)


def test_this_or_that_is_not_an_asked_noun():
    assert asked_noun("这是什么？") is None


def test_the_main_output_leads_on_the_real_engine(engine):
    answer = engine.answer("What was the main output of the EU BON project?")
    assert answer.answered and "European Biodiversity Portal" in answer.lead
