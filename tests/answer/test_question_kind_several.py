"""几 after 把 / 将 / 好 means "several", not "how many": "有没有国家把几个公约的报告合在一起写？" asks
for an instance, and its lead is not chosen for a number; "派了几个人" still asks a count. And what a
count counts is read past an abbreviation: "how many U.S.-registered airplanes" counts airplanes."""

from __future__ import annotations

import pytest

from bot.answer.question_form import question_kind
from bot.answer.question_slots import asked_slot


@pytest.mark.parametrize("question,kind", [
    ("有没有国家把几个公约的报告合在一起写？", "who"),     # "is there a country that …": an instance
    ("好几个公约都要报告，怎么办？", "how"),
    ("乌干达派了几个人参加？", "count"),
    ("这几个国家各派了几个人？", "count"),
])
def test_several_is_no_count(question, kind):
    assert question_kind(question) == kind


def test_the_lead_of_an_instance_question_with_several_is_not_the_burden_restated(engine):
    answer = engine.answer("有没有国家把几个公约的报告合在一起写？")
    assert answer.answered and not answer.lead.startswith("向生物多样性相关公约进行国家报告所需的人力")


@pytest.mark.parametrize("question,noun", [
    ("How many U.S.-registered airplanes does this AD affect?", "airplane"),   # not "U" of "U.S."
    ("How many examples does the Sourcebook use?", "example"),
])
def test_the_counted_noun_is_read_past_an_abbreviation(question, noun):
    slot = asked_slot(question)
    assert slot is not None and slot.kind == "count" and slot.nouns == (noun,)
