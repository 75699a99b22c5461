"""Issue 20: a list answer names its members once. The lead lists every member with its id (the
whole set, grouped by theme); the console, Telegram, Slack, Feishu, DingTalk and the web do not
print them again
under it, while the Answer keeps them as citations (paging, show N, evaluation)."""

from __future__ import annotations

import pytest

from adapters.console import render_answer as console_render
from adapters.dingtalk.render import to_messages as dingtalk_messages
from adapters.feishu.card import to_card
from adapters.slack.render import to_message
from adapters.telegram.render import render_answer as telegram_render
from adapters.web.api import answer_json
from bot.answer.lists import Lists
from bot.foundation.answers import cited_below

QUESTIONS = ["Which cases involve Ramsar?", "哪些案例跟资金有关？", "how many case studies are there?"]


def card_text(node) -> list[str]:
    """What a Feishu card shows as text, button rows left out (their values hold ids)."""
    if isinstance(node, list):
        return [s for n in node for s in card_text(n)]
    if not isinstance(node, dict) or node.get("tag") == "action":
        return []
    own = [node["content"]] if isinstance(node.get("content"), str) else []
    return own + [s for v in node.values() if isinstance(v, (dict, list)) for s in card_text(v)]


@pytest.fixture(scope="module")
def lists(engine) -> Lists:
    return Lists(engine)


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_list_names_each_member_once_on_every_platform(engine, lists, question):
    answer = lists.answer(question, limit=5)
    assert answer is not None and answer.compact and answer.citations
    members = [c for c in answer.citations if f"({c.id})" in answer.lead]
    assert members  # the lead names them (what the eval's lead score reads)
    outputs = {"console": console_render(answer, engine.messages, width=100),
               "telegram": "\n".join(telegram_render(answer, engine.messages)),
               "slack": "\n".join(b["text"]["text"] for b in to_message(answer, engine.messages)["blocks"]
                                  if b["type"] == "section"),  # what is read (not button values)
               "feishu": "\n".join(card_text(to_card(answer, engine.messages))),
               "dingtalk": "\n".join(m.text for m in dingtalk_messages(answer, engine.messages,
                                                                       private=False))}
    for platform, text in outputs.items():
        for cite in members:
            assert text.count(cite.id) == 1, (platform, cite.id)
    shown = [c.id for _, c in cited_below(answer)]
    assert not set(shown) & {c.id for c in members}
    assert answer_json(answer, "c")["listed"] == [c.id for c in members]


def test_an_answer_that_is_no_list_shows_every_citation(engine):
    answer = engine.answer("How did Uganda share its biodiversity data?", limit=3)
    assert not answer.compact and [c for _, c in cited_below(answer)] == list(answer.citations)
    assert answer_json(answer, "c")["listed"] == []
