"""Colloquial Chinese frames around what a question asks about, on the session engine:
"喀麦隆那个会" names the meeting as "喀麦隆的会" would (bot/answer/slot_nouns.py: 那个/这个 join an
owner to its thing like 的, so 那个会 is not taken for a word the sentence must hold), and
"有哪些讲究 / 要点 / 路数" ask for points of any kind (bot/answer/focus.py), not for a thing called
讲究 that no item mentions."""

from __future__ import annotations

import pytest

from bot.answer.engine import Engine
from bot.answer.question_slots import asked_slot


def test_that_one_joins_an_owner_to_its_thing_as_de_does():
    assert asked_slot("喀麦隆那个会是哪年开的？").nouns == ()  # a one-character 会: nothing to require
    assert asked_slot("不丹那个工作队是哪年成立的？").nouns[-1] == "工作队"
    assert asked_slot("喀麦隆的研讨会是哪一年举行的？").nouns == ("研讨会",)


@pytest.mark.parametrize("question,expected", [
    ("喀麦隆那个会是哪年开的？", "case-cameroon-2013-francophone-workshop"),
    ("联络点之间协调有哪些讲究？", "lesson-3"),
])
def test_colloquial_frames_are_answered(engine: Engine, question: str, expected: str):
    answer = engine.answer(question)
    assert answer.answered, answer.lead
    assert expected in [c.id for c in answer.citations[:3]]


def test_the_frame_does_not_answer_what_nobody_states(engine: Engine):
    assert not engine.answer("喀麦隆那个会花了多少钱？").answered  # no cost of it is given


def test_a_colloquial_word_for_entry_points_finds_them(engine: Engine):
    """切入口 is said for 切入点 (entry points): knowledge/glossary.yaml."""
    answer = engine.answer("想参与GEF资源分配，联络点有什么切入口？")
    assert answer.answered, answer.lead
    assert "case-gef-star-entry-points-annex" in [c.id for c in answer.citations[:3]]
