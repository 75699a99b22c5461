"""The markdown of a DingTalk answer: knowledge text escaped, highlighted words bold, the message
size limit kept by packing whole blocks, links that send commands, the shortened form."""

from __future__ import annotations

from urllib.parse import unquote

from adapters.dingtalk import buttons, render
from bot.answer.engine import Engine
from bot.answer.full_text import show_answer


def test_markdown_characters_of_the_text_stay_text() -> None:
    assert render.escape("a*b _c_ [d](e) `f`") == r"a\*b \_c\_ \[d\](e) \`f\`"
    assert render.escape("FNR_Rio") == "FNR_Rio"
    assert render.escape("one\ntwo") == "one  \ntwo"


def test_an_answer_keeps_to_the_size_limit_and_loses_no_citation(engine: Engine) -> None:
    answer = engine.answer("How do national focal points cooperate across conventions?")
    assert len(answer.citations) >= 2
    whole = render.to_messages(answer, engine.messages)
    assert len(whole) == 1 and render.size(whole[0].text) <= render.MAX_BYTES
    parts = render.to_messages(answer, engine.messages, limit=700)
    assert len(parts) > 1 and all(render.size(p.text) <= 700 for p in parts)
    joined = "\n".join(p.text for p in parts).replace("\\", "")
    for cite in answer.citations:
        assert cite.title in joined
    assert buttons.SEND in parts[-1].text and buttons.SEND not in parts[0].text


def test_a_full_text_longer_than_a_message_goes_on_in_the_next(engine: Engine) -> None:
    longest = max(engine.knowledge.items, key=lambda item: len(item.text["zh"]))
    shown = show_answer(engine, longest.id, "zh")
    limit = max(400, len(shown.citations[0].text.encode()) // 3)
    parts = render.to_messages(shown, engine.messages, limit=limit)
    assert len(parts) >= 2 and all(render.size(p.text) <= limit for p in parts)
    assert all(p.title == parts[0].title for p in parts)


def test_links_send_the_commands_the_handler_understands(engine: Engine) -> None:
    question = "湿地公约的国家报告怎么写？"
    answer = engine.answer(question)
    line = render.button_line(answer, engine.messages, question)
    sent = [unquote(part.split(buttons.SEND, 1)[1].rstrip(")")) for part in line.split(" · ")]
    votes = [buttons.parse_vote(text) for text in sent if text[0] in "👍👎"]
    assert [v.vote for v in votes if v] == [1, -1]
    assert all(v and v.question == question and v.item_id == answer.citations[0].id
               for v in votes)
    if answer.more:
        more = [buttons.parse_more(text) for text in sent if text.startswith("更多")]
        assert more and more[0] == buttons.More(len(answer.citations), question, "zh")
    assert "用中文说" not in sent and "in English" in sent


def test_the_shortened_form_is_the_lead_and_titles(engine: Engine) -> None:
    answer = engine.answer("What is the Ramsar Convention?")
    short = render.shortened(answer, engine.messages)
    assert render.size(short.text) <= render.SHORT_BYTES
    assert answer.citations[0].title in short.text.replace("\\", "")
    assert buttons.SEND not in short.text
