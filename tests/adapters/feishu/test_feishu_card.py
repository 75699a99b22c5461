"""Answer -> Feishu card, on the real engine's answers: lark_md escaping, the size budget (Feishu
refuses cards above 30 KB), full texts split over several blocks, buttons that read back, and
values from a hostile client that are not ours."""

from __future__ import annotations

import json
from dataclasses import replace

from feishu_support import card_text

from adapters.feishu import buttons
from adapters.feishu.card import BUDGET, DIV_LIMIT, escape, shorter, to_card
from adapters.feishu.events import message_text
from bot.answer.engine import Engine
from bot.command_parsing import Context
from bot.commands import Commands


def size(card: dict) -> int:
    return len(json.dumps(card, ensure_ascii=False).encode())


def test_markdown_characters_are_shown_not_interpreted() -> None:
    assert escape("**not bold** [x](y) <at id=1> a_b ~~s~~ `c` #h &") == (
        "&#42;&#42;not bold&#42;&#42; &#91;x&#93;(y) &lt;at id=1&gt; a&#95;b &#126;&#126;s&#126;&#126;"
        " &#96;c&#96; &#35;h &amp;")


def test_a_card_carries_the_answer_and_buttons_that_read_back(engine: Engine) -> None:
    answer = engine.answer("How can national reporting be harmonised?")
    card = to_card(answer, engine.messages, text="How can national reporting be harmonised?")
    message = {"content": card}
    text = card_text(message)
    assert answer.lead in text and all(c.title in text for c in answer.citations)
    values = [b["value"] for e in card["elements"] for b in e.get("actions", ())]
    pressed = [buttons.Pressed.from_value(v) for v in values]
    assert all(p is not None for p in pressed)
    assert {p.action for p in pressed if p} >= {buttons.FULL, buttons.VOTE}
    assert size(card) < BUDGET


def test_a_huge_answer_stays_under_the_budget(engine: Engine) -> None:
    answer = engine.answer("How can national reporting be harmonised?", limit=10)
    long = tuple(replace(c, snippet=c.snippet * 40, text=c.snippet * 40) for c in answer.citations)
    card = to_card(replace(answer, citations=long, total=len(long)), engine.messages)
    assert size(card) < BUDGET + 2000
    assert all(len(e["text"]["content"]) <= DIV_LIMIT for e in card["elements"] if e["tag"] == "div")
    assert "[1]" in card_text({"content": card})
    cut = shorter(card)
    assert size(cut) < 6000 and any(e["tag"] == "action" for e in cut["elements"])


def test_a_full_text_continues_in_further_blocks(engine: Engine) -> None:
    commands = Commands(engine)
    first = engine.answer("How can national reporting be harmonised?").citations[0]
    shown = commands.handle(Context(platform="feishu"), f"show {first.id}")
    big = replace(shown, citations=tuple(replace(c, snippet=c.text * 3, text=c.text * 3)
                                         for c in shown.citations))
    card = to_card(big, engine.messages)
    assert sum(1 for e in card["elements"] if e["tag"] == "div") >= 2


def test_values_that_are_not_ours_are_ignored() -> None:
    for value in (None, "x", [], {"nfp": "drop table"}, {"a": 1}):
        assert buttons.Pressed.from_value(value) is None
    odd = buttons.Pressed.from_value({"nfp": "more", "t": ["list"], "l": "xx", "o": "NaN"})
    assert odd is not None and odd.lang == "en" and odd.offset == 0


def test_rich_text_and_odd_message_contents() -> None:
    post = {"zh_cn": {"title": "", "content": [[{"tag": "at", "user_id": "@_user_1"},
                                                 {"tag": "text", "text": "国家报告"}]]}}
    assert message_text("post", json.dumps(post)) == "@_user_1 国家报告"
    assert message_text("text", "not json") is None
    assert message_text("image", json.dumps({"image_key": "k"})) is None
    assert message_text("text", json.dumps({"text": 5})) is None
