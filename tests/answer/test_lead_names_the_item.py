"""Issue 20 item 1, the lead names the item: a sentence that opens with the item's possessive ("Its
main output is…", "其主要成果是…") leads with the item's short name written in; "X是什么 / what is
the main X" asks for X; a count from the research notes keeps the case's name beside it (in a
follow-up too, where the case is what was carried). Questions are our own, not the evaluation or
calibration strings."""

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


def test_a_count_from_the_notes_keeps_the_cases_name_beside_it():
    # the count's sentence is joined to a long one pointing back at it: no room for the case's
    # name until the joined sentence is left out (the count is in the first)
    text = ("What the Sourcebook says: Nepal's plan sets a target for joint training of the focal points.\n"
            "Supporting facts from other public sources: The coordination committee has 27 members from "
            "government, academia and non-governmental organisations and is chaired by the minister. It "
            "raised awareness of the plan across the institutions of the government and streamlined the "
            "obligations of the conventions across many sectors, reaching well beyond the environment "
            "ministry and the agencies that report to it.")
    at = text.index("streamlined")
    found = Evidence(Citation("case-x", "case", "Nepal: an NBSAP target", "", text, "", None, 1.0),
                     marks=((at, at + len("streamlined")),))
    lead = compose_lead([found], "en", "how many members does the committee that streamlined the "
                        "obligations have?", names=("nepal",))
    assert "27 members" in lead and "Nepal" in lead and "raised awareness" not in lead


def test_the_followup_count_names_the_country_on_the_real_engine(engine):
    from bot.answer.conversation import MemoryTopics
    from bot.answer.dialogue import Dialogue

    talk = Dialogue(engine, MemoryTopics())
    talk.answer("t", "What did Nepal do to coordinate its convention focal points?")
    answer = talk.answer("t", "how many people are on its coordination committee?")
    assert answer.answered and "27" in answer.lead and "Nepal" in answer.lead


def test_this_agreement_gets_the_agreements_name_from_its_chinese_title():
    # (after a sentence too long to be joined to it)
    text = ("《信息指南》的内容：某协定开发了在线报告系统，反馈非常积极，实现了该协定历史上最快的国家报告响应速度，"
            "并被同一系列中的其他几项协定采用，各国的报告负担由此减轻，秘书处也能更快地汇总和分析各国提交的数据与信息，"
            "为缔约方会议的决策提供及时而可靠的支持，也为其他公约简化国家报告提供了可以借鉴的经验和做法。\n"
            "其他公开资料中的相关事实：该协定的报告格式于第三次缔约方会议（2006 年）获批。")
    lead = compose_lead([_case("《某某水鸟协定》：在线报告系统", text)], "zh", "某某水鸟协定的报告格式是哪次会议批准的？")
    assert "《某某水鸟协定》的报告格式于第三次缔约方会议" in lead


def test_an_approval_year_is_found_where_it_was_got_on_the_real_engine(engine):
    # "获批" says it was approved as much as "批准" does
    answer = engine.answer("水鸟协定的在线报告格式是在哪一年批准的？")
    assert answer.answered and "第四次缔约方会议（2008 年）" in answer.lead
