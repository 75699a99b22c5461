"""Near-domain questions on the real engine over the real knowledge: each turns on a fact the
sources do not hold for what it asks about, and shares enough words with an item to be answered
by it if nothing looked closer (bot/answer/decline.py, bot/answer/named_places.py). Our own
questions, not the evaluation strings; the answerable ones beside them must stay answered."""

from __future__ import annotations

import pytest

from bot.answer.question_slots import asked_slot


@pytest.mark.parametrize("question, kind", [
    ("How long does it take to register a Ramsar site in Uganda?", "duration"),   # no duration held
    ("我们局有多少工作人员？", "own"),                                              # the asker's own office
    ("Who is Uganda's Ramsar focal point?", "person"),      # focal points mentioned, none named
    ("Is Bhutan a party to CMS?", "current"),                 # membership today
    ("Has Iraq submitted its national report this year?", "current"),
    ("How much does Nepal charge for trekking permits?", "amount"),   # revenue shares, no permit price
    ("What penalty does Mexico's wildlife law set for poaching?", "amount"),
    ("世界环境日是哪一天？", "date"),                          # no such day in the sources
    ("How many staff does Palau's conservation alliance have?", "count"),  # "theme 1" counts nothing
    ("Which university in Bhutan trains focal points?", "entity"),   # no such body named
    ("What share of Nepal's budget goes to conservation?", "amount"),   # BIOFIN's budget is not Nepal's
    ("我们省的国家公园有哪些？", "own"),
    ("How long is the term of the Ramsar Secretary General?", "duration"),
    ("Is the GEF accepting project proposals now?", "current"),
    ("Who ratified the CMS on behalf of Uganda?", "person"),
    ("Where is the Ramsar Secretariat located?", "place"),        # no seat given for it
    ("What is the population of Uganda?", "entity"),
    ("What proportion of Brazil's GDP is spent on biodiversity?", "amount"),   # R$ figures, no share of GDP
    ("埃及哪个部门负责CMS？", "entity"),     # Egypt's case names no such body for the CMS
    ("伊拉克的国家报告是哪一年批准的？", "date"),   # no approval dated
    ("乌干达有几处世界遗产？", "count"),          # numbers in its text count other things
    ("Can you write talking points on CITES for our delegation?", "task"),
    ("Which hotel hosted the Geneva synergies workshop?", "entity"),
])
def test_a_value_the_sources_do_not_hold_is_declined(engine, question, kind):
    slot = asked_slot(question)
    assert slot is not None and slot.kind == kind
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations


@pytest.mark.parametrize("question", [
    "Which agency in Kenya reports to CITES?",       # Kenya occurs in the knowledge, in no candidate
    "When does the CITES Secretariat office open?",   # office hours
    "肯尼亚哪个部门负责湿地公约？",
    "What's the web address of Uganda's data bank?",   # no addresses
    "Can you give me the list of Ramsar sites in Egypt?",   # no registers of sites
    "国家报告什么时候交？",                                   # the next deadline
    "When are the CITES annual reports due?",
    "湿地公约有多少个缔约方？",                               # not "第 VI/6 号决定…缔约方", nor eight countries
    "乌干达一年门票收入有多少？",                             # a total, not the 20% handed on
    "不丹国家工作队的组长叫什么名字？",                         # no leader is named
    "Which countries have ratified the Nagoya Protocol?",   # who is a Party today
    "巴西生物多样性开支占GDP多少？",                           # a share of GDP no sentence gives
])
def test_questions_about_what_no_candidate_covers_are_declined(engine, question):
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations


@pytest.mark.parametrize("question, shown", [
    ("How many people sit on Nepal's biodiversity coordination committee?", "27"),
    ("How many members does Nepal's NBCC have?", "27"),
    ("Which agency in Mexico is the CITES Scientific Authority?", "CONABIO"),
    ("In which city is the Plant Treaty hosted?", "Rome"),
    ("Where does COMIFAC have its secretariat?", "Yaoundé"),
    ("Which organisation launched BIOFIN?", "UNDP"),
    ("When was the Ramsar Convention signed?", "1971"),
    ("Did BIOFIN reach 30 countries?", "30"),          # "reach 30" is a quantity, not a code like COP 16
    ("芬兰的指标网站是哪一年上线的？", "2010"),           # 上线 dated; 指标网站 written 指标服务网站
    ("When did Finland's indicator website go live?", "2010"),
    ("When did the EU BON project start?", "December 2012"),   # "running from December 2012"
    ("尼泊尔的生物多样性协调委员会有多少名成员？", "27"),
])
def test_the_same_kinds_of_question_are_answered_when_the_sources_hold_the_value(engine, question, shown):
    answer = engine.answer(question)
    assert answer.answered and shown in answer.lead + " ".join(c.text for c in answer.citations[:3])


def test_every_kind_of_decline_has_its_message_in_both_languages():
    """A slot or gap kind without a message would fail the answer at run time (KeyError)."""
    from bot.answer import question_slots, unanswerable
    from bot.foundation.messages import Messages

    kinds = {kind for kind, _ in question_slots._SLOTS} | {"task", "current", "own", "specific", "name", "size",
                                                           "actor", "focus"}
    kinds |= {kind for kind, _ in unanswerable._CURRENT}
    messages = Messages.load()
    for kind in kinds:
        for lang in ("en", "zh"):
            assert messages.get(f"gap_{kind}", lang, what="x")


@pytest.mark.parametrize("question", [
    "芬兰的指标网站是哪一年关掉的？",                  # launched in 2010; nothing says it closed
    "When was Uganda's data bank portal shut down?",
])
def test_the_date_of_an_act_no_sentence_dates_is_declined(engine, question):
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations
