"""Issue 20 item 1 on the real engine over the real knowledge: a one-fact question (when / who
hosts / where / which city / 哪一年) leads with the sentence that states the fact, not with a
sentence that only names the subject or carries some other date. Our own phrasings, not the
benchmark's strings."""

from __future__ import annotations

import pytest

from bot.answer.question_form import asked_words, question_kind


@pytest.mark.parametrize(("question", "fact"), [
    ("In what year was the Ramsar Convention signed?", "1971"),       # not the Sourcebook's 2015 launch
    ("Which organisation hosts the Plant Treaty?", "FAO"),
    ("In which city is the COMIFAC secretariat?", "Yaoundé"),
    ("When did the Bonn Convention enter into force?", "1983"),
    ("CITES哪一年生效的？", "1975"),
    ("Who is the chair of the NBCC in Nepal?", "Minister"),
    ("乌干达数据库里有几条分布记录？", "14 万"),  # "几条…记录": the number beside what is counted
])
def test_a_one_fact_question_leads_with_the_fact(engine, question, fact):
    answer = engine.answer(question)
    assert answer.answered and fact in answer.lead


@pytest.mark.parametrize(("question", "kind"), [
    ("Which city hosts the secretariat?", "who"),
    ("What share of the park fees goes to local communities?", "amount"),
    ("门票收入的百分之几分给社区？", "amount"),
    ("那个数据库里有多少条记录？", "count"),
])
def test_one_fact_question_forms_are_recognised(question, kind):
    assert question_kind(question) == kind


def test_the_words_a_question_asks_with_leave_out_what_it_names_and_question_words():
    words = asked_words("When was the Ramsar Convention signed?", ("ramsar convention",))
    assert [p.pattern for p in words] == [r"\bsign"]
    assert any(p.search("中国于1981年加入") for p in asked_words("中国是哪一年加入的？", ("中国",)))


def test_a_background_fact_is_labelled_once_with_its_subject_written_in(engine):
    answer = engine.answer("In what year was the Ramsar Convention signed?")
    assert answer.lead.startswith("Background") and answer.lead.count("research notes") == 0
    assert "The Ramsar Convention was signed" in answer.lead  # not "…: it was signed"
