"""DingTalk through the real dingtalk-stream client and the fake open platform: questions in a
private chat and in a group, the links that stand in for buttons, follow-ups, and a connection
that drops and comes back."""

from __future__ import annotations

import re
from urllib.parse import unquote

from adapters.dingtalk.buttons import SEND
from bot.command_parsing import Context

LINK = re.compile(r"\[([^\]]+)\]\(" + re.escape(SEND) + r"([^)]*)\)")


def links(markdown: str) -> dict[str, str]:
    """label -> the text a tap sends."""
    return {label: unquote(content) for label, content in LINK.findall(markdown)}


def ask(fake, text: str, **kw) -> str:
    """Push a robot message; the markdown of the reply through its session webhook."""
    data = fake.chatbot_message(text, **kw)
    session = f"s-{data['msgId']}"
    fake.push(data)
    replies = fake.wait_for("webhook", session=session)
    assert replies, f"no answer to {text!r}"
    return "\n\n".join(c.markdown for c in replies)


def test_a_chinese_question_in_a_private_chat_gets_the_engines_answer(dt_bot, dt_fake, dt_runtime):
    question = "国家联络点如何与其他公约的联络点合作？"
    markdown = ask(dt_fake, question, conversation="cidA", staff_id="u-a")
    expected = dt_runtime.engine.answer(question)
    assert expected.answered and expected.citations
    assert expected.lead.split("\n")[0][:20] in markdown.replace("\\", "")
    for cite in expected.citations:
        assert cite.title in markdown.replace("\\", "")
    call = dt_fake.calls_of("webhook")[0]
    assert call.body["msgtype"] == "markdown" and "at" not in call.body
    assert "更多结果" in links(markdown) or not expected.more
    assert dt_fake.acks and dt_fake.acks[0]["code"] == 200
    assert not dt_fake.pending()
