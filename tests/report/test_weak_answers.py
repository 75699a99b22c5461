"""The report's "weak answer" signal (issue 23, item 14): an answered question asked again in
other words within the same conversation, or a thumbs-down. Real engine, real questions through
Commands, on SQLite and PostgreSQL; follow-ups and new topics are not counted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count

from adapters.cli.report import engine_terms
from bot.command_parsing import Context
from bot.commands import Commands
from bot.foundation.config import ConversationSettings
from bot.report.feedback import Feedback
from bot.report.report import build_report
from bot.report.text import to_csv, to_text

T0 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
_keys = count(1)


def turns(commands: Commands, *questions: str, conversation: str | None = None) -> list:
    key = conversation or f"test:{next(_keys)}"
    return [commands.handle(Context(platform="test", chat_id="c1", user_id="u1", conversation=key,
                                    now=T0 + timedelta(minutes=n)), q)
            for n, q in enumerate(questions)]


def report_of(state, engine):
    items = [(i.id, i.title["en"]) for i in engine.knowledge.items]
    return build_report(state, items, engine_terms(engine), now=T0)


def test_each_answer_asked_again_is_weak(engine, state):
    commands = Commands(engine, state, conversation=ConversationSettings(ttl_minutes=30))
    first, again, third = turns(commands, "How did Bhutan revise its NBSAP?",
                                "How was the NBSAP of Bhutan revised?",
                                "Bhutan NBSAP revision?")
    assert first.answered and again.answered and third.answered
    report = report_of(state, engine)
    assert report.asked_again == 2          # the first two answers; the third was not asked again
    assert report.weak == 2 and report.share_weak == 2 / 3
    assert state.one("SELECT item FROM rephrasings")["item"] == first.citations[0].id
    assert "Weak answers: 2 of the answered (67%)" in to_text(report)
    assert "summary,asked_again,2," in to_csv(report)


def test_a_chinese_question_asked_again_counts(engine, state):
    commands = Commands(engine, state, conversation=ConversationSettings(ttl_minutes=30))
    first, again = turns(commands, "不丹是怎么修订国家生物多样性战略的？", "不丹怎样修订了它的战略")
    assert first.answered and again.answered
    assert report_of(state, engine).asked_again == 1


def test_follow_ups_new_topics_and_other_conversations_are_not_weak(engine, state):
    commands = Commands(engine, state, conversation=ConversationSettings(ttl_minutes=30))
    turns(commands, "What did Bhutan do when it revised its NBSAP?", "who was involved?",
          "in Chinese please", "What is the Ramsar Convention?")
    turns(commands, "How did Bhutan revise its NBSAP?", "Who was on Bhutan's NBSAP revision team?",
          "How much did Bhutan's NBSAP revision cost?")             # more than asked before
    turns(commands, "How did Bhutan revise its NBSAP?")          # a conversation of its own
    turns(commands, "How did Bhutan revise its NBSAP?")
    report = report_of(state, engine)
    assert report.asked_again == 0 and report.weak == 0


def test_a_thumbs_down_is_weak_and_the_share_is_capped(engine, state):
    commands = Commands(engine, state, conversation=ConversationSettings(ttl_minutes=30))
    (answer,) = turns(commands, "What is the Ramsar Convention?")
    Feedback(state).record("test", "u1", answer.question, answer.citations[0].id, -1)
    Feedback(state).record("test", "u2", answer.question, answer.citations[0].id, -1)
    report = report_of(state, engine)
    assert report.answered == 1 and report.thumbs_down == 2
    assert report.weak == 1 and report.as_dict()["share_weak"] == 1.0
