"""Issue 20, answer types read from the question words: "what else can we do / what can help /
what would help / what are the options / 我们能做什么 / 有什么建议" ask for what solved a problem, as
"how do we / 怎么办" do, so the lead is the option, never the problem restated. "你能做什么" asks
about the bot, not a how. Questions are our own, not the evaluation or calibration strings."""

from __future__ import annotations

import pytest

from bot.answer.question_form import question_kind


@pytest.mark.parametrize("question", [
    "We cannot survey. What else can we do?", "What can help?", "What would help here?",
    "What are the options?", "数据没人共享，我们能做什么？", "还能做些什么？", "有什么建议？",
])
def test_asks_for_an_option(question):
    assert question_kind(question) == "how"


def test_a_question_about_the_bot_is_no_how():
    assert question_kind("你能做什么？") != "how"


def test_the_option_leads_not_the_problem(engine):
    lead = engine.answer("Field visits are impossible for our CBD data. What can help?").lead
    assert "stakeholder" in lead, lead
