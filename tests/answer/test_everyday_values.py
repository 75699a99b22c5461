"""Everyday ways of asking for a value the sources hold (issue 20: colloquial Chinese, a lead that
answers): visitors counted as visits ("一年有多少人去玩" -> "200 万人次"), people called 老百姓 or
居民 counted as 人, "which law" answered by a law named by its name, "how was it set up" by the act
that founded it, "哪几所大学" by a sentence naming universities rather than "local universities",
and a Chinese follow-up whose subject is left out ("是谁出钱开发的？"). Questions are our own, not
the evaluation strings; each runs on the real engine and index."""

from __future__ import annotations

import pytest

from bot.answer.dialogue import play_turns
from bot.answer.engine import Engine
from bot.answer.lead import Evidence, compose_lead
from bot.foundation.answers import Citation


@pytest.mark.parametrize(("question", "value"), [
    ("每年大概有多少游客去特里格拉夫国家公园？", "200 万人次"),
    ("How many tourists visit Triglav National Park a year?", "2 million visits"),
    ("尼泊尔的缓冲区让多少居民受益了？", "90 多万人"),
    ("What was the initial budget of BIOFIN?", "US$8.5 million"),
    ("乌干达把公园门票收入分多少给周边社区？", "20%"),
    ("伊拉克编国家报告那个项目的负责人是谁？", "Ali Al-Lami"),
    ("Who was the manager of Iraq's NBSAP and fifth national report project?", "Ali Al-Lami"),
    # (who paid for DaRT, not who paid for the Sourcebook: a sentence of another item, though the Sourcebook's own)
    ("who paid for the DaRT tool?", "Switzerland"),
    ("Who acts as the secretariat of the BIP?", "UNEP-WCMC"),
    ("生物多样性指标伙伴关系的秘书处由谁担任？", "UNEP-WCMC"),
])
def test_a_value_asked_in_everyday_words_is_answered(engine: Engine, question: str, value: str) -> None:
    """A count, an amount, a share or who holds a role, each in the lead."""
    answer = engine.answer(question)
    assert answer.answered
    assert value in answer.lead


def test_which_law_is_answered_by_the_law_named(engine: Engine) -> None:
    answer = engine.answer("Under which law does Uganda give communities a share of park fees?")
    assert answer.answered
    assert "Uganda Wildlife Act" in answer.lead


@pytest.mark.parametrize(("question", "value"), [
    ("How was CONABIO set up - by law?", "presidential decree"),
    ("墨西哥那个委员会是怎么成立的？", "总统令"),
])
def test_how_it_was_set_up_is_answered_by_the_act_that_founded_it(engine: Engine, question: str,
                                                                   value: str) -> None:
    assert value in engine.answer(question).lead


def test_which_universities_names_them(engine: Engine) -> None:
    lead = engine.answer("伊拉克编写第五次国家报告时请了哪几所大学？").lead
    assert "巴格达大学" in lead


def test_who_has_been_running_it_names_the_office_holder(engine: Engine) -> None:
    assert "Sarukhán" in engine.answer("Who has been heading CONABIO since it began?").lead


def test_a_follow_up_without_its_subject_stays_on_the_topic(engine: Engine) -> None:
    answer = play_turns(engine, limit=3)(["AEWA的在线报告系统是什么？", "是谁出钱开发的？"])
    assert answer.answered
    assert answer.citations[0].id == "case-aewa-online-reporting-system"
    assert "挪威" in answer.lead


def test_its_first_meeting_is_its_founding_one(engine: Engine) -> None:
    answer = play_turns(engine, limit=3)(["Tell me about the Central African biodiversity working group GTBAC",
                                          "where was its first workshop?"])
    assert answer.answered
    assert "São Tomé" in answer.lead


def test_a_sentence_too_long_beside_its_referent_stands_whole_with_the_thing_named() -> None:
    text = ("Supporting facts: the seminar took place in Lomé on 3-5 May 2016 for Benin, Ghana, Niger, Nigeria, "
            "Senegal and Togo, with the national focal points of the CBD, CITES, CMS and the Ramsar Convention "
            "and observers from two regional economic communities. It was convened by the Ministry of the "
            "Environment of Togo and organised by the regional wetlands centre with the secretariats of the four "
            "conventions, as part of a programme on joint reporting funded by a donor.")
    found = Evidence(Citation("case-x", "case", "Togo 2016: a regional seminar", "", text, "", None, 1.0),
                     marks=())
    lead = compose_lead([found], "en", "who organised the seminar?")
    assert lead.startswith("The seminar was convened by")
    assert "regional wetlands centre" in lead


def test_who_maintains_it_names_the_body_that_does(engine: Engine) -> None:
    answer = play_turns(engine, limit=3)(["芬兰的生物多样性指标是怎么做的？", "谁负责维护？"])
    assert "芬兰环境研究所" in answer.lead


@pytest.mark.parametrize(("turns", "value"), [
    (["墨西哥CONABIO是做什么的？", "谁挂帅？"], "墨西哥总统"),
    (["How does Uganda share park fees with communities?", "what law requires that?"], "Uganda Wildlife Act"),
])
def test_a_follow_up_asking_who_heads_it_or_which_law_names_it(engine: Engine, turns: list[str], value: str) -> None:
    assert value in play_turns(engine, limit=3)(turns).lead


def test_where_a_convention_is_hosted_is_said_by_its_own_item(engine: Engine) -> None:
    # "secretariat" is a glossary term, still the word the question asks with ("It is hosted by …")
    answer = play_turns(engine, limit=3)(["What is the Plant Treaty?", "where is its secretariat?"])
    assert "hosted by FAO in Rome" in answer.lead


def test_a_chinese_question_opening_with_what_it_asks_continues_the_topic(engine: Engine) -> None:
    answer = play_turns(engine, limit=3)(["乌干达的数据库是怎么建起来的？", "谁出的钱？"])
    assert answer.resolved
    assert "case-uganda-data-bank" in [c.id for c in answer.citations]
    assert "资助" in answer.lead
