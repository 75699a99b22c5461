"""End to end through the real PTB Application against the fake Bot API: messages, commands,
groups, buttons, inline mode, errors. Updates go in with process_update; we assert on the calls
the bot made to the fake."""

from __future__ import annotations

import itertools
import json
import logging

import pytest
from fakes.telegram_api import BOT_USERNAME, callback_update, inline_update, message_update
from telegram_support import check_html, feed, with_app

from adapters.telegram.app import CHAT_KEY, post_init
from adapters.telegram.ratelimit import UserRateLimit

ids = itertools.count(50_000)


def uid() -> int:
    return next(ids)


def test_start_is_a_short_bilingual_welcome(tg_runtime, tg_fake) -> None:
    async def body(app):
        await feed(app, message_update("/start", chat_id=(u := uid()), user_id=u))
    with_app(tg_runtime, tg_fake, body)
    text = check_html(tg_fake.sent_texts()[0])
    assert "Hello!" in text and "您好" in text


def test_english_question_gets_cited_html_and_buttons(tg_runtime, tg_fake) -> None:
    u = uid()

    async def body(app):
        await feed(app, message_update("How can national reporting be harmonised?",
                                       chat_id=u, user_id=u))
    with_app(tg_runtime, tg_fake, body)
    call = tg_fake.calls_to("sendMessage")[-1]
    assert call.params["parse_mode"] == "HTML"
    text = check_html(call.params["text"])
    assert "[1]" in text and "Source:" in text
    buttons = [b for row in call.params["reply_markup"]["inline_keyboard"] for b in row]
    data = [b["callback_data"] for b in buttons]
    assert all(len(d.encode()) <= 64 for d in data)
    assert any(d.startswith("v|") and d.endswith("|1") for d in data)
    assert any(d.startswith("l|") for d in data)


def test_chinese_question_gets_a_chinese_answer(tg_runtime, tg_fake) -> None:
    u = uid()

    async def body(app):
        await feed(app, message_update("如何统一国家报告？", chat_id=u, user_id=u,
                                       language_code="zh-hans"))
    with_app(tg_runtime, tg_fake, body)
    text = check_html(tg_fake.sent_texts()[-1])
    assert "出处" in text and "[1]" in text


@pytest.mark.parametrize("text, expected", [("主题", "[6]"), ("案例 乌干达", "[1]"),
                                            ("/themes", "[1]"), ("/foo", "foo")])
def test_commands_and_chinese_aliases(tg_runtime, tg_fake, text, expected) -> None:
    u = uid()

    async def body(app):
        await feed(app, message_update(text, chat_id=u, user_id=u))
    with_app(tg_runtime, tg_fake, body)
    shown = check_html(tg_fake.sent_texts()[-1])
    assert expected in shown
    if text == "/foo":
        assert "do not know the command" in shown


def test_lang_command_sets_the_answer_language(tg_runtime, tg_fake) -> None:
    u = uid()

    async def body(app):
        await feed(app, message_update("/lang zh", chat_id=u, user_id=u))
        await feed(app, message_update("How can national reporting be harmonised?",
                                       chat_id=u, user_id=u))
    with_app(tg_runtime, tg_fake, body)
    first, second = tg_fake.sent_texts()
    assert "中文" in first and "出处" in check_html(second)


def test_groups_answer_only_when_addressed(tg_runtime, tg_fake) -> None:
    group, u = -uid(), uid()

    async def body(app):
        for text in ("national reporting harmonisation",          # chatter: ignored
                     "/help@some_other_bot",                       # another bot: ignored
                     f"/ask@{BOT_USERNAME} How can national reporting be harmonised?",
                     f"@{BOT_USERNAME} 如何统一国家报告？"):
            await feed(app, message_update(text, chat_id=group, user_id=u))
        await feed(app, message_update("What about lessons learned?", chat_id=group, user_id=u,
                                       reply_to_bot=True))
    with_app(tg_runtime, tg_fake, body)
    calls = tg_fake.calls_to("sendMessage")
    assert len(calls) == 3
    assert "Source:" in check_html(calls[0].params["text"])
    assert "出处" in check_html(calls[1].params["text"])
    assert all("reply_parameters" in c.params for c in calls)


def test_edited_messages_are_not_answered_again(tg_runtime, tg_fake) -> None:
    async def body(app):
        await feed(app, message_update("national reporting", chat_id=(u := uid()), user_id=u,
                                       edited=True))
    with_app(tg_runtime, tg_fake, body)
    assert tg_fake.calls_to("sendMessage") == []


def test_more_language_and_feedback_buttons(tg_runtime, tg_fake) -> None:
    u = uid()

    async def body(app):
        await feed(app, message_update("cooperation among focal points national reporting",
                                       chat_id=u, user_id=u))
        markup = tg_fake.calls_to("sendMessage")[-1].params["reply_markup"]["inline_keyboard"]
        data = {b["callback_data"][0]: b["callback_data"] for row in markup for b in row
                if b["text"] != "👎"}
        assert "m" in data, "this question has more than one page"
        await feed(app, callback_update(data["m"], chat_id=u, user_id=u))
        await feed(app, callback_update(data["l"], chat_id=u, user_id=u))
        await feed(app, callback_update(data["v"], chat_id=u, user_id=u))
        await feed(app, callback_update("v|expired|1", chat_id=u, user_id=u))
    before = tg_runtime.feedback.totals()["up"]
    with_app(tg_runtime, tg_fake, body)
    texts = [check_html(t) for t in tg_fake.sent_texts()]
    assert "[4]" in texts[1] and "[1]" not in texts[1]      # page 2 numbers on
    assert "出处" in texts[2]                                  # the other language
    answers = tg_fake.calls_to("answerCallbackQuery")
    assert len(answers) == 4
    assert "Thank you" in answers[2].params["text"] and "expired" in answers[3].params["text"]
    assert tg_runtime.feedback.totals()["up"] == before + 1


def test_inline_mode_answers_and_help(tg_runtime, tg_fake) -> None:
    async def body(app):
        await feed(app, inline_update("How can national reporting be harmonised?", user_id=uid()))
        await feed(app, inline_update("", user_id=uid()))
    with_app(tg_runtime, tg_fake, body)
    full, empty = tg_fake.calls_to("answerInlineQuery")
    assert full.params["is_personal"] is True and full.params["cache_time"] == 30
    results = full.params["results"]
    assert len(results) >= 2 and results[0]["type"] == "article"
    for result in results:
        content = result["input_message_content"]
        assert content["parse_mode"] == "HTML"
        assert "[" in check_html(content["message_text"])
    assert empty.params["results"][0]["id"] == "help"
    assert "@" + BOT_USERNAME in check_html(empty.params["results"][0]["input_message_content"][
        "message_text"])


def test_subscribe_in_groups_is_for_administrators(tg_runtime, tg_fake) -> None:
    group, member, admin = -uid(), uid(), uid()
    tg_fake.set_member_status(group, admin, "administrator")

    async def body(app):
        await feed(app, message_update(f"/subscribe@{BOT_USERNAME}", chat_id=group,
                                       user_id=member))
        await feed(app, message_update("/subscribe 08:30", chat_id=group, user_id=admin))
    with_app(tg_runtime, tg_fake, body)
    refused, accepted = tg_fake.sent_texts()
    assert "administrators" in refused and "08:30" in accepted
    assert len(tg_fake.calls_to("getChatMember")) == 2


def test_too_long_question_gets_a_clear_message(tg_runtime, tg_fake) -> None:
    async def body(app):
        await feed(app, message_update("reporting " * 150, chat_id=(u := uid()), user_id=u))
    with_app(tg_runtime, tg_fake, body)
    assert "keep it under 1000" in check_html(tg_fake.sent_texts()[-1])


def test_rate_limit_answers_kindly(tg_runtime, tg_fake) -> None:
    u = uid()

    async def body(app):
        app.bot_data[CHAT_KEY].rate_limit = UserRateLimit(2)
        for _ in range(3):
            await feed(app, message_update("national reporting", chat_id=u, user_id=u))
    with_app(tg_runtime, tg_fake, body)
    assert "please wait" in tg_fake.sent_texts()[-1]
    assert len(tg_fake.sent_texts()) == 3


def test_menus_in_both_languages_at_start_up(tg_runtime, tg_fake) -> None:
    async def body(app):
        await post_init(app)
    with_app(tg_runtime, tg_fake, body)
    default, chinese = tg_fake.calls_to("setMyCommands")
    assert "language_code" not in default.params and chinese.params["language_code"] == "zh"
    names = [c["command"] for c in chinese.params["commands"]]
    assert {"ask", "themes", "subscribe", "lang"} <= set(names)
    assert "主题" in json.dumps(chinese.params["commands"], ensure_ascii=False)


# -- Telegram errors --------------------------------------------------------------------------

def test_429_is_retried_after_the_delay(tg_runtime, tg_fake) -> None:
    tg_fake.fail("sendMessage", 429, "Too Many Requests: retry after 1", {"retry_after": 1}, chat_id=(u := uid()))

    async def body(app):
        await feed(app, message_update("/help", chat_id=u, user_id=u))
    with_app(tg_runtime, tg_fake, body)
    sent = [c for c in tg_fake.calls_to("sendMessage") if str(c.params.get("chat_id")) == str(u)]
    assert len(sent) == 2   # refused once, then delivered


def test_403_on_reply_is_logged_without_crash(tg_runtime, tg_fake, caplog) -> None:
    # the fault is for this chat only: a message another test's application still sends must not
    # take it (a flake seen in CI)
    tg_fake.fail("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=(u := uid()))

    async def body(app):
        await feed(app, message_update("/help", chat_id=u, user_id=u))
        await feed(app, message_update("/help", chat_id=u, user_id=u))
    with caplog.at_level(logging.ERROR):
        with_app(tg_runtime, tg_fake, body)
    assert any("blocked" in r.getMessage() and r.exc_info for r in caplog.records)
    sent = [c for c in tg_fake.calls_to("sendMessage") if str(c.params.get("chat_id")) == str(u)]
    assert len(sent) == 2    # no error reply to a blocked user


def test_migrated_group_is_followed(tg_runtime, tg_fake) -> None:
    group = -uid()
    tg_fake.fail("sendMessage", 400, "Bad Request: group chat was upgraded to a supergroup chat",
                 {"migrate_to_chat_id": -100123})

    async def body(app):
        await feed(app, message_update("/help", chat_id=group, user_id=uid(), chat_type="group"))
    with_app(tg_runtime, tg_fake, body)
    # the fake is shared: only the messages to this test's chats (the old group, the supergroup)
    ours = [c for c in tg_fake.calls_to("sendMessage") if c.params["chat_id"] in (group, -100123)]
    assert ours[-1].params["chat_id"] == -100123


def test_timeout_is_retried(tg_runtime, tg_fake) -> None:
    tg_fake.delay("sendMessage", 1.0)

    async def body(app):
        await feed(app, message_update("/help", chat_id=(u := uid()), user_id=u))
    with_app(tg_runtime, tg_fake, body, timeout=0.3)
    assert len(tg_fake.calls_to("sendMessage")) == 2


def test_an_exception_gets_a_polite_reply(tg_runtime, tg_fake, caplog) -> None:
    group, u = -uid(), uid()
    tg_fake.on("getChatMember", lambda params: {"ok": True, "result": {"broken": True}})

    async def body(app):
        await feed(app, message_update("/unsubscribe", chat_id=group, user_id=u))
    with caplog.at_level(logging.ERROR):
        with_app(tg_runtime, tg_fake, body)
    text = check_html(tg_fake.sent_texts()[-1])
    assert text.startswith("Sorry, something went wrong")
    assert any(r.exc_info for r in caplog.records)
