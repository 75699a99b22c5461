"""The real bolt App with nfpbot's listeners, driven by signed requests through `App.dispatch`
(process_before_response=True, so the answer is on the fake when dispatch returns)."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import replace

from fakes.slack_api import FakeSlack
from slack_bolt import App
from slack_support import (
    CHANNEL,
    SECRET,
    TEAM,
    USER,
    all_text,
    block_action,
    buttons_of,
    direct,
    dispatch,
    event,
    fake_client,
    mention,
    sign,
    slash,
)

from adapters.slack import build_app, buttons
from bot.runtime import Runtime


def ask(app: App, fake: FakeSlack, text: str, rid: str, user: str = USER) -> dict:
    response = dispatch(app, slash(text, fake.response_url(rid), user=user))
    assert response.status == 200
    calls = fake.responses_to(rid)
    assert len(calls) == 1, calls
    return calls[0].params


def test_slash_question_is_ephemeral_restated_and_shareable(app: App, fake: FakeSlack) -> None:
    answer = ask(app, fake, "how do focal points cooperate?", "q1")
    assert answer["response_type"] == "ephemeral"
    assert answer["blocks"][0]["elements"][0]["text"] == f"<@{USER}> asked: how do focal points cooperate?"
    assert "*[1] " in all_text(answer) and "Source: <https://" in all_text(answer)
    assert set(buttons_of(answer)) == {buttons.FULL, buttons.MORE, buttons.OTHER_LANG,
                                       buttons.VOTE_UP, buttons.VOTE_DOWN, buttons.SHARE}
    assert "Traceback" not in all_text(answer)


def test_chinese_question_gets_a_chinese_answer(app: App, fake: FakeSlack) -> None:
    answer = ask(app, fake, "国家联络点如何合作？", "zh1")
    assert is_chinese_answer(answer["blocks"][1]["text"]["text"])
    assert buttons_of(answer)[buttons.OTHER_LANG]["text"]["text"] == "English"
    assert "出处" in all_text(answer)


def test_commands_and_chinese_aliases(app: App, fake: FakeSlack) -> None:
    assert "/nfp" in all_text(ask(app, fake, "", "empty")) or "help" in all_text(ask(app, fake, "help", "h"))
    themes = ask(app, fake, "主题", "themes-zh")
    assert "[6]" in all_text(themes) and any("\u4e00" <= c <= "\u9fff" for c in themes["blocks"][1]["text"]["text"])
    assert "[1]" in all_text(ask(app, fake, "theme 2", "theme2"))
    assert "[1]" in all_text(ask(app, fake, "cases uganda", "cases"))
    tip = ask(app, fake, "tip", "tip")
    assert tip["blocks"][1]["type"] == "section"


def test_lang_command_sets_the_users_language(app: App, fake: FakeSlack) -> None:
    assert buttons.SHARE not in buttons_of(ask(app, fake, "lang zh", "lang", user="U0ZH"))
    answer = ask(app, fake, "how do focal points cooperate?", "after-lang", user="U0ZH")
    assert is_chinese_answer(answer["blocks"][1]["text"]["text"])


def is_chinese_answer(lead: str) -> bool:
    """The lead states the answer in Chinese, citing its source."""
    return re.search(r"\[\d\]", lead) is not None and sum("\u4e00" <= c <= "\u9fff" for c in lead) > 20


def test_only_configured_admins_manage_subscriptions(slack_runtime: Runtime, fake: FakeSlack) -> None:
    s = slack_runtime.settings
    runtime = replace(slack_runtime, settings=replace(s, slack=replace(s.slack, subscription_admins=["U0ADMIN"])))
    app = build_app(runtime, client=fake_client(fake), signing_secret=SECRET, process_before_response=True)
    refused = ask(app, fake, "subscribe 08:00", "sub-user")
    assert "administrators" in all_text(refused)
    assert slack_runtime.commands.subscriptions.get("slack", f"{TEAM}:{CHANNEL}") is None
    done = ask(app, fake, "订阅 08:00 zh", "sub-admin", user="U0ADMIN")
    assert buttons.SHARE not in buttons_of(done)
    assert slack_runtime.commands.subscriptions.get("slack", f"{TEAM}:{CHANNEL}").send_time == "08:00"
    ask(app, fake, "unsubscribe", "unsub-admin", user="U0ADMIN")
    assert slack_runtime.commands.subscriptions.get("slack", f"{TEAM}:{CHANNEL}") is None


def test_mention_is_answered_in_its_thread(app: App, fake: FakeSlack) -> None:
    assert dispatch(app, event(mention("<@UBOTFAKE> how do focal points cooperate?"), "EvM1")).status == 200
    (post,) = fake.calls_to("chat.postMessage")
    assert post.params["channel"] == CHANNEL and post.params["thread_ts"] == "1700000000.000100"
    assert "UBOTFAKE" not in all_text(post.params) and "*[1] " in all_text(post.params)
    assert buttons.SHARE not in buttons_of(post.params)


def test_direct_messages_answered_bot_and_channel_messages_ignored(app: App, fake: FakeSlack) -> None:
    dispatch(app, event(direct("国家联络点如何合作？"), "EvD1"))
    dispatch(app, event(direct("hello", bot_id="B0OTHER"), "EvD2"))
    dispatch(app, event(direct("edited", subtype="message_changed"), "EvD3"))
    dispatch(app, event(dict(direct("in a channel"), channel_type="channel"), "EvD4"))
    (post,) = fake.calls_to("chat.postMessage")
    assert post.params["channel"] == "D0DIRECT" and "thread_ts" not in post.params
    assert "《信息指南》" in all_text(post.params)


def test_a_retried_event_is_answered_once(app: App, fake: FakeSlack) -> None:
    body = event(mention("<@UBOTFAKE> what are the themes?"), "EvRetry")
    assert dispatch(app, body).status == 200
    headers = dict(sign(body, content_type="application/json"), **{"x-slack-retry-num": "1",
                                                                    "x-slack-retry-reason": "http_timeout"})
    assert dispatch(app, body, headers).status == 200
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_forged_and_stale_signatures_are_refused(app: App, fake: FakeSlack) -> None:
    body = slash("how do focal points cooperate?", fake.response_url("forged"))
    assert dispatch(app, body, secret="not-the-secret").status == 401
    assert dispatch(app, body, timestamp=int(time.time()) - 301).status == 401
    tampered = sign(body)
    assert dispatch(app, body.replace("cooperate", "cooperat3"), tampered).status == 401
    assert fake.calls_to("response_url") == []


def test_more_language_feedback_and_share_buttons(app: App, fake: FakeSlack, slack_runtime: Runtime) -> None:
    first = buttons_of(ask(app, fake, "how do focal points cooperate?", "first"))

    dispatch(app, block_action(first[buttons.MORE], fake.response_url("more")))
    (more,) = fake.responses_to("more")
    assert more.params["replace_original"] is False and "*[4] " in all_text(more.params)

    dispatch(app, block_action(first[buttons.OTHER_LANG], fake.response_url("lang")))
    (other,) = fake.responses_to("lang")
    assert "《信息指南》" in all_text(other.params) and "*[1] " in all_text(other.params)

    before = slack_runtime.feedback.totals()
    dispatch(app, block_action(first[buttons.VOTE_DOWN], fake.response_url("vote")))
    assert slack_runtime.feedback.totals()["down"] == before["down"] + 1
    assert "Thank you" in all_text(fake.responses_to("vote")[0].params)

    dispatch(app, block_action(first[buttons.SHARE], fake.response_url("share")))
    shared, deleted = fake.responses_to("share")
    assert shared.params["response_type"] == "in_channel"
    assert shared.params["blocks"][0]["elements"][0]["text"].startswith(f"<@{USER}> asked: how do focal")
    assert buttons.SHARE not in buttons_of(shared.params)
    assert deleted.params["delete_original"] is True


def test_rate_limited_call_is_retried(app: App, fake: FakeSlack) -> None:
    fake.fail("chat.postMessage", status=429, headers={"Retry-After": "0"})
    dispatch(app, event(mention("<@UBOTFAKE> how do focal points cooperate?"), "Ev429"))
    first, second = fake.calls_to("chat.postMessage")
    assert first.params == second.params and "*[1] " in all_text(second.params)


def test_a_failing_listener_logs_and_replies_politely(app: App, fake: FakeSlack, caplog) -> None:
    fake.fail("chat.postMessage", status=200, body={"ok": False, "error": "channel_not_found"})
    with caplog.at_level(logging.ERROR):
        assert dispatch(app, event(mention("<@UBOTFAKE> 国家联络点如何合作？"), "EvErr")).status == 200
    failed, apology = fake.calls_to("chat.postMessage")
    assert apology.params["text"] == "抱歉，我这边出了点问题，请稍后再试。"
    assert apology.params["thread_ts"] == "1700000000.000100"
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert errors and errors[0].exc_info and "channel_not_found" in str(errors[0].exc_info[1])
