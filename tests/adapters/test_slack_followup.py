"""Conversations on Slack through the real bolt App and the fake Web API: a mention in the thread
of the bot's answer continues that thread's topic; another thread, or a DM, is its own."""

from __future__ import annotations

from fakes.slack_api import FakeSlack
from slack_bolt import App
from slack_support import all_text, direct, dispatch, event, mention

THREAD = "1700000100.000100"


def test_a_reply_in_the_answer_thread_continues_its_topic(app: App, fake: FakeSlack) -> None:
    dispatch(app, event(mention("<@UBOTFAKE> What did Bhutan do when it revised its NBSAP?",
                                ts=THREAD), "EvT1"))
    reply = dict(mention("<@UBOTFAKE> who was involved?", ts="1700000100.000300"),
                 thread_ts=THREAD)
    dispatch(app, event(reply, "EvT2"))
    first, second = fake.calls_to("chat.postMessage")
    assert second.params["thread_ts"] == THREAD
    text = all_text(second.params)
    assert "Understood as: " in text and "Bhutan" in text
    assert "Understood as" not in all_text(first.params)
    # the same words as a new top-level mention are a conversation of their own
    dispatch(app, event(mention("<@UBOTFAKE> who was involved?", ts="1700000200.000100"), "EvT3"))
    assert "Understood as" not in all_text(fake.calls_to("chat.postMessage")[2].params)


def test_a_direct_message_conversation_switches_language(app: App, fake: FakeSlack) -> None:
    dispatch(app, event(direct("What is CONABIO?", ts="1700000300.000100"), "EvT4"))
    dispatch(app, event(direct("用中文说一下", ts="1700000300.000200"), "EvT5"))
    _, second = fake.calls_to("chat.postMessage")
    text = all_text(second.params)
    assert "理解为：" in text and "CONABIO" in text and "出处" in text
