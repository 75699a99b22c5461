"""Issue 20 item 1, one-fact questions, on the real engine over the real knowledge: the lead of
"how many / who chairs / which organisation maintains / which meeting" names the fact, and the
lead of "how do we / is there …?" is the option, not the problem restated. Questions are our own,
not the public evaluation strings nor the calibration ones."""

from __future__ import annotations

import re

import pytest

from bot.answer.lead import Evidence, compose_lead
from bot.answer.lead_sentences import lead_sentences
from bot.answer.question_form import counts_asked, fit, question_kind
from bot.foundation.answers import Citation


def test_a_count_is_the_number_of_what_was_asked_not_any_number_near_the_noun():
    question = "GEF-6的生物多样性策略一共设了几个目标？"
    assert counts_asked(question, "策略有四个目标（保护区体系、减少威胁、可持续利用、主流化）。")
    # "一个段落" counts paragraphs; the goals are named further on without a number
    assert not counts_asked(question, "策略包括与所有生物多样性有关的目标和方案，其中有一个段落专门阐述协同作用。")
    assert counts_asked("那个工作队一共有几个人？", "起草组暨国家工作队共 11 人，来自国家生物多样性中心。")
    assert counts_asked("How many members does the committee have?", "the committee has 27 members from government.")


def test_a_chinese_count_question_leads_with_the_number(engine):
    answer = engine.answer("GEF-6的生物多样性策略一共设了几个目标？")
    assert answer.answered and "四个目标" in answer.lead


def test_a_title_does_not_end_the_sentence_that_names_the_person():
    text = ("Egypt's NBSAP was produced under a UNDP/GEF project. Its scientific committee was headed by Prof. "
            "Hamdallah Zedan, a former CBD Executive Secretary.")
    assert any("Prof. Hamdallah Zedan" in s.sentence for s in lead_sentences(text, "en", True))


def test_who_headed_it_names_the_person_not_a_title_cut_short(engine):
    answer = engine.answer("Who headed the scientific committee behind Egypt's NBSAP 2015-2030?")
    assert answer.answered and "Zedan" in answer.lead


def test_whom_a_post_is_held_by_is_asked_with_you_shui(engine):
    answer = engine.answer("尼泊尔那个有27个成员的协调委员会，主席由谁担任？")
    assert answer.answered and "部长" in answer.lead


def test_which_organisation_maintains_it_names_the_one_that_does(engine):
    answer = engine.answer("Which institute maintains the Finnish biodiversity indicator website?")
    assert answer.answered and "SYKE" in answer.lead


@pytest.mark.parametrize("question", ["巴西是怎么算出全国在生物多样性上花了多少钱的？",
                                      "他们是如何统计出参加的有多少个国家的？"])
def test_how_a_value_was_found_out_asks_how(question):
    assert question_kind(question) == "how"


@pytest.mark.parametrize("question", ["AEWA的报告格式是哪次会议批准的？", "这个决定是第几届还是哪一届大会通过的？",
                                      "At which meeting was the online format approved?"])
def test_which_meeting_asks_when(question):
    assert question_kind(question) == "when"


@pytest.mark.parametrize("question", ["Which UN organisation hosts the Plant Treaty?",
                                      "Which national body acts as Mexico's CITES Scientific Authority?"])
def test_which_named_kind_of_body_asks_who(question):
    assert question_kind(question) == "who"


def test_the_body_hosting_a_treaty_is_named_in_the_lead(engine):
    answer = engine.answer("Which international organisation hosts the Plant Treaty's work?")
    assert answer.answered and "FAO" in answer.lead


@pytest.mark.parametrize("sentence", [
    "NFPs should meet before each COP to agree on a common position.",
    "国家联络点应当在每次缔约方大会前会面，协调立场。",
])
def test_advice_with_should_is_an_option(sentence):
    assert fit("how", sentence) > 0


def _topic(text: str) -> Evidence:
    return Evidence(Citation("conv-x", "convention", "The Ramsar Convention", "", text, "", None, 1.0))


def test_who_runs_a_topic_is_answered_by_a_sentence_naming_someone_else():
    text = ("The Ramsar Convention is one of the six biodiversity-related conventions in the Sourcebook. "
            "At national level a Party designates an Administrative Authority and a national focal point.")
    lead = compose_lead([_topic(text)], "en", "who runs the wetlands treaty in a country?",
                        names=("sourcebook",), most=1)
    assert "Administrative Authority" in lead


def test_is_there_a_system_is_not_answered_by_the_burden_restated():
    text = ("国家报告给各国带来了巨大的负担，每个公约都有不同的报告格式。\n"
            "已为AEWA开发了在线报告系统，实现了最快的国家报告响应速度。")
    lead = compose_lead([_topic(text)], "zh", "国家报告负担太重，有没有现成的工具？", most=1)
    assert "在线报告系统" in lead


def test_which_body_of_a_named_country_names_the_body_not_the_country_again(engine):
    # the question gives the country; the lead must give the commission's name
    answer = engine.answer("在墨西哥，给CITES当科学机构的是哪家单位？")
    assert answer.answered and "CONABIO" in answer.lead


@pytest.mark.parametrize(("text", "lang", "start"), [
    ("NBSAPs should drive the post-2015 agenda. On the latter point, the Sourcebook says that NBSAPs should "
     "become a tool for the SDGs at national level.", "en", "The Sourcebook says"),
    ("国家战略应推动2015年后发展议程。关于后者，《信息指南》指出，国家生物多样性战略应成为落实可持续发展目标的工具。", "zh",
     "《信息指南》指出"),
])
def test_a_linking_phrase_does_not_open_a_lead_sentence(text, lang, start):
    assert any(s.sentence.startswith(start) for s in lead_sentences(text, lang, False))


def test_a_passive_who_question_is_answered_by_who_did_it(engine):
    answer = engine.answer("Which UN agency is the Plant Treaty hosted by?")
    assert answer.answered and "FAO" in answer.lead


def test_a_sentence_pointing_back_across_a_label_is_its_own_sentence_of_the_lead():
    text = ("Obstacle: national reporting is a heavy burden for every convention.\n"
            "Options: this offers a chance to harmonise reporting and information management.")
    lead = compose_lead([_topic(text)], "en", "reporting is a burden, is there a way out?", most=1)
    # both sentences, each marked, each the citation's own words (the label between them left out)
    assert re.fullmatch(r"National reporting is a heavy burden for every convention\. \[1\] "
                        r"This offers a chance to harmonise reporting and information management\. \[1\]", lead)


@pytest.mark.parametrize("question, year", [
    ("乌干达的数据库是哪一年设立的？", "1990"),          # not the 2015 meeting on reviving it
    ("When was Uganda's data bank set up?", "1990"),
])
def test_when_a_thing_was_set_up_is_led_by_the_sentence_dating_its_start(engine, question, year):
    answer = engine.answer(question)
    assert answer.answered and year in answer.lead
