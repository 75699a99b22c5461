"""Issue 20 item 1, questions typed the everyday way, on the real engine over the real knowledge:
"who's in it / 都有哪些人" leads with whom it brings together, "咋 + verb / 能不能" asks how (the
option, not the challenge restated), and an open question's asked noun ("用的是啥数据") is answered
by the sentence that holds it. Questions are our own, not the evaluation or calibration strings."""

from __future__ import annotations

import pytest

from bot.answer.lead import Evidence, compose_lead
from bot.answer.question_form import asked_noun, question_kind
from bot.foundation.answers import Citation


def _leads_with(engine, question: str, word: str) -> None:
    """The real engine answers `question` with `word` in its lead."""
    answer = engine.answer(question)
    assert answer.answered and word in answer.lead, answer.lead


def _case(text: str) -> Evidence:
    return Evidence(Citation("case-x", "case", "Palau: an informal alliance", "", text, "", None, 1.0))


@pytest.mark.parametrize("question", ["CITES的目标咋写进我们的国家战略？", "各公约的国家报告可不可以一起交？",
                                      "培训能不能合起来办？", "数据共享的事咋解决？"])
def test_za_and_neng_bu_neng_ask_how(question):
    assert question_kind(question) == "how"


@pytest.mark.parametrize("question", ["那个联盟效果咋样？", "这到底是咋回事？"])
def test_za_yang_and_za_hui_shi_do_not_ask_how(question):
    assert question_kind(question) != "how"


def test_who_is_in_it_is_answered_by_whom_it_brings_together():
    text = ("Palau is an example of informal coordination. An informal alliance brings together "
            "traditional leaders and business people from many sectors.")
    lead = compose_lead([_case(text)], "en", "who is in Palau's alliance?", names=("palau",))
    assert "traditional leaders" in lead


@pytest.mark.parametrize(("question", "word"), [
    ("Who sits in the informal conservation alliance that Palau set up?", "traditional leaders"),
    ("帕劳那个非正式联盟由哪些人组成？", "传统领袖"),
])
def test_the_members_of_a_case_lead_on_the_real_engine(engine, question, word):
    answer = engine.answer(question)
    assert answer.answered and word in answer.lead


@pytest.mark.parametrize(("question", "noun", "sentence"), [
    ("巴西估算开支时用了什么数据？", "数据", "巴西利用财政系统中的财政数据估算了开支。"),
    ("What data did Brazil's estimate of central-government spending draw on?", "data",
     "Brazil estimated spending from fiscal data."),
])
def test_an_open_question_asks_its_noun(question, noun, sentence):
    pattern = asked_noun(question)
    assert pattern is not None and pattern.search(sentence)


@pytest.mark.parametrize("question", ["what did Egypt's focal points do?", "这个项目是干啥的？",
                                      "什么时候开的会？"])
def test_a_question_without_an_asked_noun(question):
    assert asked_noun(question) is None


def test_the_sentence_holding_the_asked_noun_leads_labelled_background_when_only_background_has_it(engine):
    answer = engine.answer("巴西估算开支时用了什么数据？")
    assert answer.answered and "财政" in answer.lead and answer.lead.startswith("背景信息")


def test_za_how_leads_with_the_option_not_the_challenge(engine):
    answer = engine.answer("我们的国家战略里CITES的目标咋加进去？")
    assert answer.answered and "喀麦隆" in answer.lead


@pytest.mark.parametrize(("question", "word"), [
    ("In a country, who runs the Ramsar Convention's work?", "Administrative Authority"),
    ("拉姆萨尔公约在一个国家里由哪个部门负责？", "行政管理机构"),
])
def test_who_runs_a_convention_names_the_office_not_only_the_convention(engine, question, word):
    answer = engine.answer(question)
    assert answer.answered and word in answer.lead


def _topic(text: str) -> Evidence:
    return Evidence(Citation("obstacle-x", "obstacle", "Reporting burden", "", text, "", None, 1.0))


@pytest.mark.parametrize(("question", "lang", "text", "option"), [
    ("every convention wants its own report - any way out?", "en",
     "Obstacle: national reporting is a heavy burden for every convention.\n"
     "Options: this offers a chance to harmonise reporting. An online reporting system was built for AEWA.",
     "online reporting system"),
    ("报告太多太繁琐，有没有省事的系统？", "zh",
     "障碍：国家报告给各国带来了巨大的负担。\n选择：这提供了统一报告的机会。已为AEWA开发了在线报告系统。", "在线报告系统"),
])
def test_the_problem_joined_to_the_option_that_points_back_at_it_is_still_the_problem(question, lang, text, option):
    lead = compose_lead([_topic(text)], lang, question, most=1)
    assert option in lead and "负担" not in lead and "burden" not in lead


@pytest.mark.parametrize(("question", "word"), [
    # where an event happened is a place in its sentence, not a seat ("which city … launched in")
    ("In which city did the Sourcebook get launched?", "Punta del Este"),
    ("《信息指南》是在哪个城市发布的？", "埃斯特角城"),  # 城市 is no place name the sources lack
    # "how big" of money words is an amount, not an area
    ("how big was the biodiversity envelope under GEF-5?", "968"),
    # a share of ticket money is a share of what the park takes in
    ("what share of ticket money do buffer-zone communities in Nepal receive?", "30-50%"),
    ("尼泊尔公园门票钱有多少分给缓冲区的社区？", "30%-50%"),
    # "office" is where it sits, said as "hosted by FAO in Rome"
    ("where is the office of the Plant Treaty?", "Rome"),
    # whoever looks after it now, and what it is built on
    ("who looks after the Uganda data bank now?", "College of Agricultural"),
    ("what is the DaRT reporting tool built on?", "InforMEA"),
])
def test_everyday_value_and_place_questions_lead_with_the_value(engine, question, word):
    _leads_with(engine, question, word)


@pytest.mark.parametrize(("question", "kind"), [
    ("南非的战略啥时候定稿的？", "when"), ("这个网站啥时上线的？", "when"),
    # "啥时候才需要…" asks under what conditions, not for a date
    ("啥时候才需要搞个正式的协调机制？", None),
])
def test_colloquial_when(question, kind):
    assert question_kind(question) == kind


@pytest.mark.parametrize(("question", "word"), [
    ("南非第二份国家战略啥时候定稿的？", "2015 年 7 月"),                # the act dated: 定稿
    ("乌干达分门票收入给社区是从什么时候开始的？", "1996"),             # since when, not the Act's year
    ("喀麦隆2013年那个研讨会是哪个伙伴关系在办？", "生物多样性指标伙伴关系"),  # whoever runs it
    ("How was the AEWA online reporting system received by countries?", "positive feedback"),
    ("Who drafted Palau's revised NBSAP?", "Palau Conservation Society"),
])
def test_the_sentence_saying_what_was_asked_leads(engine, question, word):
    _leads_with(engine, question, word)


def test_a_case_about_another_country_does_not_lead_a_question_naming_one(engine):
    answer = engine.answer("Who drafted Palau's revised NBSAP?")
    assert "Bhutan" not in answer.lead


def test_another_edition_of_a_series_does_not_answer(engine):
    # the GEF-5 envelope is no answer to a question about GEF-6
    answer = engine.answer("What was the floor for least developed countries in the GEF-6 STAR?")
    assert answer.answered and "968" not in answer.lead and "6 million" in answer.lead, answer.lead


@pytest.mark.parametrize(("question", "kind"), [
    ("尼泊尔的缓冲区加起来多大？", "size"), ("How large is Triglav National Park?", "size"),
    ("how big was the GEF-5 biodiversity pot?", "amount"),  # money words: an amount
])
def test_size_questions(question, kind):
    assert question_kind(question) == kind


@pytest.mark.parametrize(("question", "word"), [
    ("尼泊尔保护区的缓冲区总共有多大？", "5602.67"),                       # a size: an area
    ("Over which years does Egypt's biodiversity plan run?", "2015-2030"),  # a period: a span of years
    ("InforMEA刚启动的时候涵盖几个协定？", "17 项"),                      # 17 项多边环境协定 counts 协定
    ("芬兰指标网站2023年改版后有几个指标？", "15 项"),                    # the rarer asked word (改版) tells
    ("When did CITES come into force?", "1 July 1975"),                   # its own item, not CMS's
    ("Who picked up the bill for South Africa's second NBSAP?", "UNDP"),
    ("Which agency keeps Finland's indicator service going?", "SYKE"),
    ("DaRT网站是谁掏的钱？", "瑞士"),
])
def test_one_fact_questions_lead_with_their_fact(engine, question, word):
    _leads_with(engine, question, word)


@pytest.mark.parametrize(("question", "word"), [
    ("How many location records does the Uganda data bank hold?", "140,000"),  # the head: records
    ("伊拉克请的本国顾问来自哪个大学？", "巴格达大学"),          # 的本国: Iraq's own, not the asker's
    ("Which university did Iraq's national consultants come from?", "University of Baghdad"),
    ("When was the IPBES approach to indigenous knowledge signed off?", "2017"),  # signed off: approved
    ("What is the cap per focal area under the GEF-6 STAR?", "10%"),
    ("CMS的在线报告系统是哪个国家资助开发的？", "挪威"),            # 该协定 written in as its own name
])
def test_which_body_and_value_questions_lead_with_it(engine, question, word):
    _leads_with(engine, question, word)


@pytest.mark.parametrize(("question", "word"), [
    ("里约三公约联合报告的试点有哪几个国家？", "毛里求斯"),                 # 哪几个国家: which countries
    ("环境署2016年那本用国家战略加强合作的出版物是谁写的？", "Pisupati"),   # the ISBN aside gives way
    ("生物多样性指标伙伴关系从哪年开始运作？", "2006"),                     # 自 2006/2007 年起运作
])
def test_colloquial_which_who_and_since_lead_with_it(engine, question, word):
    _leads_with(engine, question, word)


def test_a_long_sentence_loses_its_reference_aside_before_its_tail():
    from bot.answer.lead_sentences import shortened
    sentence = "The guide (ISBN 978-92-807-3559-8, job number DEL/1981/NA) was published in April 2016 by Jane Author."
    assert shortened(sentence, 80) == "The guide was published in April 2016 by Jane Author."
    # an aside that lists names, or gives amounts, may be the answer: the sentence is cut at a clause instead
    names = "The five conventions other than the CBD (CITES, CMS, ITPGRFA, Ramsar and WHC) backed it; and more"
    assert "(CITES, CMS, ITPGRFA, Ramsar and WHC)" in shortened(names, 90)
    amounts = "A floor of US$6 million (US$3 million climate change, US$2 million biodiversity) was set, and more"
    assert "US$2 million" in shortened(amounts, 90)


@pytest.mark.parametrize(("question", "answered"), [
    ("候鸟那几个协定现在都用啥交报告？", True),    # 那几个: those agreements, no number asked of today
    ("那几个公约现在有多少缔约方？", False),        # a count of today: the 2015 sources cannot say
])
def test_those_few_is_no_number_asked(engine, question, answered):
    assert engine.answer(question).answered is answered


@pytest.mark.parametrize(("question", "word"), [
    ("Who hands out CITES permits in a country?", "Management Authorit"),   # an office named, holding "permits"
    ("Which ministry is the GEF Operational Focal Point usually in?", "finance or environment ministry"),
    ("How did Brazil work out its central-government biodiversity spending?", "fiscal data"),
    ("巴西是怎么算出中央政府生物多样性开支的？", "财政数据"),
    ("What does BIOFIN actually do in a country?", "BIOFIN"),                # 'actually' is no topic
])
def test_who_which_ministry_and_how_it_was_reckoned_lead_with_it(engine, question, word):
    _leads_with(engine, question, word)


@pytest.mark.parametrize(("question", "word"), [
    ("尼泊尔2014年的国家战略是哪个部编制的？", "森林和土壤保护部"),   # a ministry named, before the Sourcebook's
    ("Apart from the CBD, which five conventions supported the Strategic Plan?", "ITPGRFA"),  # listed in brackets
])
def test_the_named_body_and_the_listed_names_lead(engine, question, word):
    _leads_with(engine, question, word)
