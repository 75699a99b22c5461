"""Contractions are written out before a question's form is read: "What's the weather in Geneva?"
is declined as "What is the weather in Geneva?" is (the real engine), and a possessive or a
negation stays as typed."""

from __future__ import annotations

import pytest

from bot.answer.contractions import spelled_out


@pytest.mark.parametrize("typed,read", [
    ("What's the weather in Geneva?", "What is the weather in Geneva?"),
    ("who’s Nepal's focal point?", "who is Nepal's focal point?"),
    ("what're the options", "what are the options"),
    ("I'm new here and we've got a question", "I am new here and we have got a question"),
    ("they'd like to know", "they would like to know"),
    ("Palau's NBSAP", "Palau's NBSAP"),                 # a possessive
    ("Can't we share data?", "Can't we share data?"),   # a negation keeps the order of "can we"
    ("乌干达的数据库是什么？", "乌干达的数据库是什么？"),
])
def test_contractions_are_written_out(typed, read):
    assert spelled_out(typed) == read


@pytest.mark.parametrize("question", ["What's the weather in Geneva?", "What is the weather in Geneva?"])
def test_a_contraction_is_declined_as_the_full_form_is(engine, question):
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations and "weather" in answer.lead


def test_a_contraction_still_finds_what_it_asks_about(engine):
    answer = engine.answer("What's InforMEA?")
    assert answer.answered and answer.citations[0].id == "bg-informea"
