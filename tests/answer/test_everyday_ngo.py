"""Issue 20: "民间组织 / 社会组织" is how an official in China says NGO (非政府组织): a question
using it is about the NGOs the knowledge names, not declined as about something it does not hold.
Questions are our own."""

from __future__ import annotations


def test_min_jian_zu_zhi_finds_the_ngos(engine):
    answer = engine.answer("民间组织参与过哪个国家的生物多样性指标开发？")
    assert answer.answered and "芬兰" in answer.lead
