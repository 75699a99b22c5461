"""Questions for one named thing that no candidate speaks of are declined (bot/answer/focus.py),
and the slots read from new question forms (how often, errands, who wrote, how big); the real
engine over the real knowledge. Our own questions, not the evaluation strings; answerable ones of
the same forms beside them must stay answered."""

from __future__ import annotations

import pytest

from bot.answer.focus import asked_focus, speaks_of
from bot.answer.question_slots import asked_slot
from bot.answer.slot_nouns import SIZES


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
    "Who chaired Egypt's NBSAP scientific committee?",                  # "was headed by": the same act
    "芬兰的指标网站最早是为哪个机制服务的？",                              # 最早是: originally, not a rank
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
    ("How large is Palau's marine sanctuary?", "size", (SIZES,)),
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
    ("Which Nepali park gets the highest visitor numbers?", "highest"),
    ("Which park in Uganda is the richest in species?", "richest"),
])
def test_a_ranking_no_sentence_makes_is_declined(engine, question, superlative):
    answer = engine.answer(question)
    assert not answer.answered and f"“{superlative}”" in answer.lead


@pytest.mark.parametrize("question", [
    "不丹的国家工作队用的是什么电脑？",          # the noun after 什么
    "尼泊尔的协调委员会在哪个酒店开会？",
    "Where can I order a printed copy of the Sourcebook?",     # no shop
    "What did Uganda's delegation say at the last CITES CoP?",  # a meeting after 2015
])
def test_more_forms_of_questions_the_sources_cannot_answer_are_declined(engine, question):
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations


def test_a_which_question_ending_in_a_particle_keeps_its_noun():
    assert asked_focus("这是哪个酒店啊？").words == ("酒店",)


@pytest.mark.parametrize("question", [
    "Who is the CMS Convention's Executive Secretary right now?",   # an owner's apostrophe before the title
    "What were the results of the 2023 Nairobi biodiversity meeting?",   # a meeting the sources never describe
    "Draft a speech for our minister on wetlands.",                  # an imperative to write
    "Please summarise the newest GEF report.",
    "CITES秘书处的秘书长目前是谁？",
    "前年全球象牙走私的规模有多大？",                                   # 前年: the present, for a 2015 source
    "不丹的国家公园门票收入是多少？",                                    # revenue named, no amount for it
    "墨西哥的环境部长叫什么名字？",                                     # an office is no name
])
def test_questions_about_the_present_tasks_and_names_are_declined(engine, question):
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations


def test_who_holds_an_office_may_be_answered_by_another_office(engine):
    # CONABIO is chaired by the President of Mexico: an office answers "who chairs it"
    assert engine.answer("墨西哥的生物多样性委员会由谁担任主席？").answered


@pytest.mark.parametrize("question, key_words", [
    ("伊拉克的湿地保护法是哪一年修订的？", "日期"),      # a date of an act on a law: the date is asked
    ("谁出钱办了尼泊尔的能力建设培训？", "由谁做的"),       # who paid: whoever did it, not an office
    ("乌干达数据库的负责人是谁？", "谁担任这一职务"),
])
def test_declines_say_what_kind_of_fact_is_missing(engine, question, key_words):
    answer = engine.answer(question)
    assert not answer.answered and key_words in answer.lead


def test_the_date_of_an_amendment_the_sources_give_is_answered(engine):
    answer = engine.answer("When was Nepal's National Parks and Wildlife Conservation Act amended?")
    assert answer.answered and "1992" in answer.lead + "".join(c.snippet for c in answer.citations)


@pytest.mark.parametrize("question", [
    "乌干达的国家公园今年游客多吗？",                    # this year's state, as a yes/no question
    "How many people attended Uganda's data bank launch?",   # attendance, not a body's members
    "What did Bhutan's task force cost to run?",
    "帮我把这份报告改成拉姆萨尔的格式",
    "乌干达哪个地区的生物多样性最丰富？",
])
def test_yet_more_forms_of_near_domain_questions_are_declined(engine, question):
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations


def test_a_named_group_that_took_part_is_counted_by_its_own_noun():
    assert asked_slot("How many stakeholders took part in the survey?").nouns[0].startswith("stakeholder")


@pytest.mark.parametrize("question", [
    "What is the closing date for submissions to the Ramsar COP?",   # a deadline by another name
    "Which section of Nepal's forest law covers buffer zones?",
    "What did the 2021 GEF evaluation conclude?",                      # a report the sources never describe
    "不丹国家生物多样性中心的网站地址是什么？",
    "哪些国家还没有批准卡塔赫纳议定书？",                                  # membership today
    "Which countries have not yet ratified the Plant Treaty?",
])
def test_deadlines_articles_reports_addresses_and_membership_are_declined(engine, question):
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations


def test_a_term_with_frequency_in_its_name_asks_no_frequency():
    assert asked_slot("逆文档频率与什么相似？") is None          # a term, not "how often"
    assert asked_slot("委员会开会的频次是怎样的？").kind == "duration"


@pytest.mark.parametrize("sentence, holds", [
    ("报告期末普通股股东总数为 12,345 户。", True),     # Chinese gives the count after its noun, through 为
    ("该委员会成员共 27 名。", True),
    ("主席团成员和所有七个秘书处参加了会议。", False),    # a number after the noun that counts something else
])
def test_a_chinese_count_after_its_noun_is_read_through_its_link(sentence, holds):
    from bot.answer.decline import holds_answer
    slot = asked_slot("有多少股东？" if "股东" in sentence else "有多少成员？")
    assert holds_answer(slot, [sentence], []) is holds


@pytest.mark.parametrize("question", [
    "Do gorilla permit fees actually help conservation anywhere?",
    "Does ticket revenue from parks go to the communities around them?",
    "公园门票的钱会用于保护吗？",
])
def test_what_a_fee_does_is_asked_not_how_much_it_is(engine, question):
    assert asked_slot(question) is None
    answer = engine.answer(question)
    assert answer.answered and any("tourism-revenue" in c.id for c in answer.citations[:3])


@pytest.mark.parametrize("question", ["What is the entry fee for Bwindi?",
                                      "Which country charges the highest park entry fees?",  # "20% of fees": no fee
                                      "How much do gorilla permits cost in Uganda?", "国家公园门票多少钱？"])
def test_the_amount_of_a_fee_is_still_a_value_question(engine, question):
    assert asked_slot(question) is not None
    assert not engine.answer(question).answered


@pytest.mark.parametrize("question", [
    "When is the EU BON annual meeting?",        # EU BON's items date the project, no meeting
    "When is the CMS gathering?",
])
def test_when_is_a_thing_no_sentence_dates_is_declined(engine, question):
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations


@pytest.mark.parametrize("question", [
    "When was the Sourcebook's launch?",          # launched on 8 June 2015
    "When was the Uganda data bank's founding?",  # founding: an act, set up in 1990
    "When was the Finnish indicator website started?",
])
def test_when_was_an_act_or_a_thing_a_sentence_dates_is_answered(engine, question):
    assert engine.answer(question).answered


@pytest.mark.parametrize("question", [
    "Has Nepal achieved its Aichi targets?",      # Nepal's NBSAP sets targets; none says they were met
    "尼泊尔达到国家目标了吗？",
    "Did Egypt meet its funding needs?",
])
def test_whether_a_goal_was_reached_needs_a_sentence_saying_so(engine, question):
    assert asked_focus(question).together
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations


def test_a_goal_reached_far_from_the_act_is_not_said_reached():
    # one text, both words, far apart: "实现协同作用的平台" and the title's "爱知生物多样性目标"
    focus = asked_focus("不丹实现爱知目标了吗？")
    far = "不丹：主题五（《爱知生物多样性目标》和战略）：国家工作队是实现协同作用的特别有用的平台。"
    near = "不丹已经实现了爱知目标中的两项。"

    def no_terms(text: str) -> set[str]:
        return set()

    def no_synonyms(word: str) -> list[tuple[str, ...]]:
        return []
    assert not speaks_of(focus, [far], no_terms, no_synonyms, ["不丹"])
    assert speaks_of(focus, [near], no_terms, no_synonyms, ["不丹"])


def test_a_sentence_saying_a_goal_was_reached_answers(engine):
    # the AEWA item: "achieved the fastest … submission rate"
    assert engine.answer("Has AEWA achieved its highest submission rate with online reports?").answered
