"""A list in a conversation (real engine, real SQLite state, through Commands as the platforms
call it): the list is answered from the tags and kept, "the second one" / "第一个讲的是什么？"
picks its member, the list pages by its More button, a restart keeps it, and outside a list an
ordinal means what it says."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from itertools import count

import pytest
from state_support import TEST_HASH_KEY

from bot.answer.list_followups import asked_kind
from bot.answer.list_members import picked, without_pick
from bot.command_parsing import Context
from bot.commands import Commands
from bot.state import connect_state

T0 = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
_keys = count(1)


def ctx(conversation: str | None = None) -> Context:
    return Context(platform="test", chat_id="c1", user_id="u1", now=T0,
                   conversation=conversation or f"test:list:{next(_keys)}")


def cases_of(engine, code: str) -> list[str]:
    return [i.id for i in engine.knowledge.of_kind("case") if code in i.conventions]


@pytest.mark.parametrize("question,place", [
    ("第一个讲的是什么？", 1), ("第二个呢？", 2), ("第十二个案例", 12), ("最后一个呢", -1),
    ("tell me about the second one", 2), ("the 3rd?", 3), ("number 4", 4), ("#2 please", 2),
    ("what was the first case about?", 1), ("and the last one?", -1), ("what does the fifth one say?", 5),
    ("how do we overcome the second one?", 2), ("and the last?", -1),
    # an ordinal of a thing of its own picks no member
    ("What did the first NBSAP achieve?", None), ("第二份国家报告", None), ("第一次会议在哪开的？", None),
    ("What is the second theme of the Sourcebook about Ramsar?", None),
])
def test_the_place_a_question_picks(question, place):
    pick = picked(question)
    assert (pick.place if pick else None) == place
    assert pick is None or pick.shown == question.startswith(("number", "#"))


def test_what_is_asked_of_the_member_is_kept():
    assert without_pick("tell me about the second one") == "tell me about"
    assert without_pick("第一个讲的是什么？") == "讲的是什么？"


@pytest.mark.parametrize("question,code,pick,place", [
    ("Which cases involve CMS?", "cms", "tell me about the second one", 2),
    ("有哪些案例跟湿地公约有关？", "ramsar", "第一个讲的是什么？", 1),
    ("Which cases involve CMS?", "cms", "and the last one?", -1),
])
def test_a_member_of_a_list_is_picked_by_its_place(engine, commands, question, code, pick, place):
    expected = cases_of(engine, code)
    c = ctx()
    listed = commands.handle(c, question)
    assert listed.answered and all(f"({i})" in listed.lead for i in expected)
    member = commands.handle(c, pick)
    wanted = expected[place - 1 if place > 0 else place]
    assert member.citations[0].id == wanted and member.question == pick
    title = engine.knowledge.get(wanted).title[member.lang]
    assert member.resolved and title[:20] in member.resolved


def test_an_ordinal_counts_the_members_and_a_number_the_lines_as_shown(engine, commands):
    c = ctx()
    listed = commands.handle(c, "Which themes does the Sourcebook cover?")
    assert "[1] " in listed.lead and "(theme-1)" in listed.lead and "(theme-1)" not in listed.lead.split("\n")[0]
    assert commands.handle(c, "the third one?").citations[0].id == "theme-3"


def test_numbers_count_the_lines_as_shown_with_the_sourcebook_figure_first(engine, commands):
    c = ctx()
    listed = commands.handle(c, "How many case studies are there?")
    assert "63" in listed.lead and "[2] " in listed.lead
    shown_second = re.search(r"^\[2\] .*\(([a-z0-9-]+)\)$", listed.lead, re.M).group(1)
    assert engine.knowledge.get(shown_second).kind == "case"
    member = commands.handle(c, "number 2?")
    assert member.citations[0].id == shown_second


def test_after_a_member_the_list_is_still_there(engine, commands):
    expected = cases_of(engine, "cms")
    c = ctx()
    commands.handle(c, "Which cases involve CMS?")
    commands.handle(c, "tell me about the first one")
    commands.handle(c, "who was involved?")             # a follow-up of the member keeps the list
    third = commands.handle(c, "and the third one?")
    assert third.citations[0].id == expected[2]


def test_a_list_in_a_conversation_pages_by_its_question(engine, commands):
    expected = [i.id for i in engine.knowledge.items if i.kind == "case" and 6 in i.themes]
    c = ctx()
    first = commands.handle(c, "哪些案例跟资金有关？")
    assert first.more and [x.id for x in first.citations] == expected[:len(first.citations)]
    page = commands.ask(c, first.question, offset=len(first.citations))
    assert [x.id for x in page.citations] == expected[len(first.citations):][:len(page.citations)]


def test_a_restart_keeps_the_list(engine, tmp_path):
    path = tmp_path / "state.sqlite3"
    expected = cases_of(engine, "cms")
    state = connect_state(path, key=TEST_HASH_KEY)
    c = ctx()
    Commands(engine, state).handle(c, "Which cases involve CMS?")
    state.close()
    state = connect_state(path, key=TEST_HASH_KEY)
    try:
        member = Commands(engine, state).handle(c, "the second one?")
    finally:
        state.close()
    assert member.citations[0].id == expected[1]


def test_a_place_beyond_the_list_or_without_a_list_is_an_ordinary_question(engine, commands):
    c = ctx()
    commands.handle(c, "有哪些案例跟湿地公约有关？")
    beyond = commands.handle(c, "第九个呢？")
    assert beyond.resolved is None or "第九个" in beyond.resolved
    alone = commands.handle(ctx(), "tell me about the second one")
    assert alone.resolved is None


@pytest.mark.parametrize("question,kind", [
    ("any cases on that?", "case"), ("Are there case studies about it?", "case"), ("similar cases?", "case"),
    ("which obstacles are there for this?", "obstacle"), ("这方面有哪些案例？", "case"),
    ("有没有这方面的案例？", "case"), ("相关案例呢？", "case"), ("这个主题有哪些障碍？", "obstacle"),
    # a success, other countries, a list of its own: no list of the topic
    ("有没有成功的例子？", None), ("any other countries?", None), ("cases on the reporting burden?", None),
])
def test_a_list_of_the_topic_is_asked_by_pointing_back(question, kind):
    assert asked_kind(question) == kind


def test_cases_on_that_are_the_cases_of_the_topics_theme(engine, commands):
    expected = [i.id for i in engine.knowledge.of_kind("case") if 2 in i.themes]
    c = ctx()
    commands.handle(c, "国家报告负担太重怎么办？")
    listed = commands.handle(c, "这方面有哪些案例？")
    assert listed.resolved == "主题二有哪些案例？" and listed.question == "这方面有哪些案例？"
    assert [x.id for x in listed.citations] == expected[:len(listed.citations)]
    assert commands.handle(c, "the second one").citations[0].id == expected[1]


def test_related_cases_of_a_convention_are_the_tagged_ones(engine, commands):
    expected = cases_of(engine, "ramsar")
    c = ctx()
    commands.handle(c, "What is the Ramsar Convention?")
    listed = commands.handle(c, "related cases?")
    assert listed.resolved and "Ramsar" in listed.resolved
    assert [x.id for x in listed.citations] == expected[:len(listed.citations)]
    assert commands.handle(ctx(), "related cases?").resolved is None     # no topic, no list of it
