"""Values the knowledge does hold are not declined for how a sentence words them
(bot/answer/decline.py, bot/answer/unanswerable.py), on the session engine:

- a Chinese count given after its noun with 超过 / 约 ("每年接待游客超过 200 万人次");
- "网站是什么时候上线的" asks when, not for the site's address ("网站是什么" still does);
- a body asked for by "which organisation" named by its acronym ("CONABIO … 建立了 REMIB 网络");
- whom the sentence is about named in the sentence just before it (Iraq's NBSAP project, then
  "The team included … national consultants from the University of Baghdad").

A body in a country no item is about, and a figure nobody gives, are still declined.
"""

from __future__ import annotations

import pytest

from bot.answer.engine import Engine


@pytest.mark.parametrize("question,named", [
    ("斯洛文尼亚的特里格拉夫国家公园每年大概有多少游客？", "200 万"),
    ("DaRT网站是什么时候上线的？", "2020"),
    ("哪个机构建立了墨西哥的REMIB网络？", "CONABIO"),
    ("Which university sent national consultants to the team behind Iraq's first NBSAP?", "University of Baghdad"),
])
def test_a_value_the_knowledge_holds_is_answered(engine: Engine, question: str, named: str):
    answer = engine.answer(question)
    assert answer.answered, answer.lead
    assert named in answer.lead, answer.lead


@pytest.mark.parametrize("question", [
    "DaRT的网站是什么？",                                   # its address: the bot keeps none
    "Which ministry in Kenya is the Ramsar focal point?",   # nothing about Kenya
    "斯洛文尼亚的特里格拉夫国家公园去年的门票收入是多少？",  # a figure nobody gives
])
def test_what_the_knowledge_does_not_hold_is_still_declined(engine: Engine, question: str):
    assert not engine.answer(question).answered
