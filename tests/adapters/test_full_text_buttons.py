"""The "Full text" buttons and `show ID` on Telegram and Slack, through the real PTB and bolt
clients against the loopback fakes: the whole item comes back, in the answer's script."""

from __future__ import annotations

import itertools
import re

from fakes.slack_api import FakeSlack
from fakes.telegram_api import callback_update, message_update
from slack_bolt import App
from slack_support import all_text, block_action, dispatch, slash
from telegram_support import check_html, feed, with_app

from adapters.slack import buttons, render
from bot.command_parsing import Context
from bot.foundation.answers import Answer, Citation
from bot.runtime import Runtime

ids = itertools.count(70_000)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_telegram_full_text_button_sends_the_whole_item(tg_runtime, tg_fake) -> None:
    u = next(ids)

    async def ask(app):
        await feed(app, message_update("How can national reporting be harmonised?", chat_id=u, user_id=u))
    with_app(tg_runtime, tg_fake, ask)
    markup = tg_fake.calls_to("sendMessage")[-1].params["reply_markup"]
    data = [b["callback_data"] for row in markup["inline_keyboard"] for b in row]
    full = [d for d in data if d.startswith("f|en|")]
    assert full and all(len(d.encode()) <= 64 for d in data)
    item_id = full[0].split("|")[2]

    async def press(app):
        await feed(app, callback_update(full[0], chat_id=u, user_id=u))
    with_app(tg_runtime, tg_fake, press)
    text = check_html(tg_fake.sent_texts()[-1])
    item = tg_runtime.engine.knowledge.get(item_id)
    assert item is not None and f"Full text of {item_id}" in text
    assert _flat(item.text["en"][-200:]) in _flat(text)


def test_telegram_show_command_in_traditional_keeps_the_script(tg_runtime, tg_fake) -> None:
    u = next(ids)

    async def body(app):
        await feed(app, message_update("/show case-uganda-data-bank", chat_id=u, user_id=u))
        await feed(app, message_update("烏干達如何管理生物多樣性資訊？", chat_id=u, user_id=u,
                                       language_code="zh-hant"))
    with_app(tg_runtime, tg_fake, body)
    shown, traditional = (check_html(t) for t in tg_fake.sent_texts()[-2:])
    assert "Full text of case-uganda-data-bank" in shown and "…" not in shown
    assert "出處" in traditional and "出处" not in traditional


def test_every_item_id_fits_in_a_callback(tg_runtime) -> None:
    for item in tg_runtime.engine.knowledge.items:
        assert len(f"f|zt|{item.id}".encode()) <= 64, item.id


def test_slack_full_text_button_responds_with_the_whole_item(app: App, fake: FakeSlack,
                                                             slack_runtime: Runtime) -> None:
    dispatch(app, slash("how do focal points cooperate?", fake.response_url("q")))
    (answer,) = fake.responses_to("q")
    elements = [e for b in answer.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    full = [e for e in elements if e["action_id"] == buttons.FULL]
    assert full and full[0]["text"]["text"] == "Full text 1"
    dispatch(app, block_action(full[0], fake.response_url("full")))
    (shown,) = fake.responses_to("full")
    item_id = buttons.Request.from_value(full[0]["value"]).text.split()[1]
    item = slack_runtime.engine.knowledge.get(item_id)
    assert item is not None and f"Full text of {item_id}" in all_text(shown.params)
    assert _flat(item.text["en"][-200:]) in _flat(all_text(shown.params).replace("&amp;", "&"))


def test_slack_full_text_longer_than_a_section_is_not_cut(slack_runtime: Runtime) -> None:
    text = "Cooperation among the conventions. " * 130          # 4,550 characters
    cite = Citation("case-x", "case", "X", text, text, "Sourcebook", None, 1.0)
    message = render.to_message(Answer("show case-x", "en", True, "Full text of case-x:", (cite,),
                                       total=1), slack_runtime.engine.messages)
    assert _flat(all_text(message)).count("Cooperationamongtheconventions.") == 130
    assert all(len(b["text"]["text"]) <= render.SECTION_LIMIT for b in message["blocks"] if "text" in b)


def test_slack_labels_follow_a_traditional_answer(slack_runtime: Runtime) -> None:
    ctx = Context(platform="slack", chat_id="T:C", user_id="U1")
    answer = slack_runtime.commands.handle(ctx, "烏干達如何管理生物多樣性資訊？")
    assert answer.script == "hant"
    text = all_text(render.to_message(answer, slack_runtime.engine.messages))
    assert "出處" in text and "出处" not in text and "全文 1" in text
