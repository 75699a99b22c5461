"""DingTalk through the real dingtalk-stream client and the fake open platform: questions in a
private chat and in a group, the links that stand in for buttons, follow-ups, and a connection
that drops and comes back."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import unquote

from adapters.dingtalk.buttons import SEND

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


def test_a_group_message_is_answered_only_when_it_mentions_the_robot(dt_bot, dt_fake):
    quiet = dt_fake.chatbot_message("湿地公约的国家报告", private=False, conversation="cidG",
                                    staff_id="u-g", at_robot=False)
    dt_fake.push(quiet)
    markdown = ask(dt_fake, "湿地公约的国家报告", private=False, conversation="cidG",
                   staff_id="u-g")
    assert not dt_fake.wait_for("webhook", session=f"s-{quiet['msgId']}", timeout=0.3)
    replies = dt_fake.calls_of("webhook")
    assert len(replies) == 1 and len(dt_fake.acks) == 2   # the chatter: acknowledged, no answer
    assert replies[-1].body["at"]["atUserIds"] == ["u-g"]
    assert "[1]" in markdown
    assert not links(markdown), "in a group a link's text would not reach the robot"
    assert "显示" in markdown or "show" in markdown   # the command to type instead


def test_the_links_full_text_more_results_and_thumbs_up_work(dt_bot, dt_fake, dt_runtime):
    question = "How do national focal points cooperate across conventions?"
    first = links(ask(dt_fake, question, conversation="cidB", staff_id="u-b"))
    full = [text for label, text in first.items() if label.startswith("Full text")]
    assert full and full[0].startswith("show ")
    shown = ask(dt_fake, full[0], conversation="cidB", staff_id="u-b").replace("\\", "")
    item = dt_runtime.engine.knowledge.get(full[0].split()[1])
    assert item is not None and item.title["en"] in shown

    assert "More results" in first
    more = ask(dt_fake, first["More results"], conversation="cidB", staff_id="u-b")
    page = dt_runtime.engine.answer(question, offset=dt_runtime.settings.search.limit)
    assert f"[{dt_runtime.settings.search.limit + 1}]" in more
    assert page.citations[0].title in more.replace("\\", "")

    thanks = ask(dt_fake, first["👍"], conversation="cidB", staff_id="u-b")
    assert "Thank you for your feedback" in thanks
    assert dt_runtime.feedback.totals() == {"up": 1, "down": 0}


def test_a_follow_up_in_a_private_chat_continues_the_topic(dt_bot, dt_fake):
    ask(dt_fake, "乌干达的国家生物多样性数据库是什么？", conversation="cidC", staff_id="u-c")
    second = ask(dt_fake, "它是哪一年建立的？", conversation="cidC", staff_id="u-c")
    assert second.startswith("*理解为：") and "乌干达" in second.split("\n")[0]


def test_the_connection_drops_and_comes_back_without_a_lost_or_doubled_answer(dt_bot, dt_fake):
    first = dt_fake.chatbot_message("What is the Sourcebook?", conversation="cidD")
    frame = dt_fake.push(first, close_after=True)   # the socket closes before any acknowledgement
    assert dt_fake.wait_connections(2), "the client did not reconnect"
    assert dt_fake.delivered.count(frame) == 2, "the unacknowledged frame is delivered again"
    second = dt_fake.chatbot_message("What is CITES?", conversation="cidD")
    dt_fake.push(second)
    for data in (first, second):
        assert len(dt_fake.wait_for("webhook", session=f"s-{data['msgId']}")) == 1
    dt_fake.disconnect()                          # the gateway's own request to reconnect
    assert dt_fake.wait_connections(3)
    dt_fake.push(first)                           # a late re-delivery of an answered message
    third = dt_fake.chatbot_message("What is CMS?", conversation="cidD")
    dt_fake.push(third)
    assert len(dt_fake.wait_for("webhook", session=f"s-{third['msgId']}")) == 1
    assert len(dt_fake.wait_for("webhook", 4, timeout=0.5)) == 3, "each answered exactly once"


def rate_limits() -> float:
    from prometheus_client import REGISTRY
    return REGISTRY.get_sample_value("nfpbot_platform_errors_total",
                                     {"platform": "dingtalk", "kind": "429"}) or 0.0


def test_a_rate_limited_reply_is_sent_again(dt_bot, dt_fake):
    before = rate_limits()
    dt_fake.fail("webhook", status=200, times=2,
                 body={"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"})
    data = dt_fake.chatbot_message("What is Ramsar?", conversation="cidE")
    dt_fake.push(data)
    calls = dt_fake.wait_for("webhook", 3, session=f"s-{data['msgId']}")
    assert len(calls) == 3 and calls[-1].body["msgtype"] == "markdown"
    assert rate_limits() - before == 2


def test_an_expired_session_webhook_falls_back_to_the_robot_api(dt_bot, dt_fake):
    dt_fake.fail("token", status=500, body={"code": "ServiceUnavailable"})   # one hiccup
    dt_fake.push(dt_fake.chatbot_message("What is CITES?", private=False, conversation="cidF",
                                         staff_id="u-f", webhook_ttl=0))
    sent = dt_fake.wait_for("group")
    assert sent and sent[0].body["openConversationId"] == "cidF"
    assert sent[0].body["msgKey"] == "sampleMarkdown" and "[1]" in sent[0].markdown
    assert not dt_fake.calls_of("webhook")


def test_context_keys_follow_the_conversation_contract():
    from dingtalk_stream import ChatbotMessage

    from adapters.dingtalk.handlers import conversation_key
    private = ChatbotMessage.from_dict({"conversationId": "cid1", "conversationType": "1",
                                        "senderStaffId": "s1", "senderId": "$:1"})
    group = ChatbotMessage.from_dict({"conversationId": "cid2", "conversationType": "2",
                                      "senderId": "$:2"})
    assert conversation_key(private) == "dingtalk:cid1"
    assert conversation_key(group) == "dingtalk:cid2:$:2"
    staffed = ChatbotMessage.from_dict({"conversationId": "cid2", "conversationType": "2",
                                        "senderStaffId": "s2", "senderId": "$:2"})
    assert conversation_key(staffed) == "dingtalk:cid2:s2"


def test_in_a_group_each_member_has_a_conversation_of_their_own(dt_bot, dt_fake):
    group = {"private": False, "conversation": "cidM"}
    ask(dt_fake, "乌干达的国家生物多样性数据库是什么？", staff_id="u-1", **group)
    other = ask(dt_fake, "它是哪一年建立的？", staff_id="u-2", **group)
    same = ask(dt_fake, "它是哪一年建立的？", staff_id="u-1", **group)
    assert "理解为" not in other.split("\n")[0]
    assert same.startswith("*理解为：") and "乌干达" in same.split("\n")[0]


def test_a_message_dingtalk_finds_too_long_is_sent_shortened(dt_bot, dt_fake):
    dt_fake.fail("group", status=400, times=1, body={
        "code": "invalidParameter.msgParam.tooLong", "message": "msgParam too long"})
    dt_fake.push(dt_fake.chatbot_message("What is CITES?", private=False, conversation="cidL",
                                         staff_id="u-l", webhook_ttl=0))
    refused, sent = dt_fake.wait_for("group", 2)
    assert "Source:" in refused.markdown
    assert "[1]" in sent.markdown and "Source:" not in sent.markdown
    assert len(sent.markdown.encode()) < len(refused.markdown.encode())


def test_the_gateways_ping_is_acknowledged_with_its_data(dt_bot, dt_fake, caplog):
    frame = dt_fake.ping()
    deadline = time.monotonic() + 5
    while not [a for a in dt_fake.acks if a["headers"].get("messageId") == frame]:
        assert time.monotonic() < deadline, "no acknowledgement of the ping"
        time.sleep(0.01)
    (ack,) = [a for a in dt_fake.acks if a["headers"].get("messageId") == frame]
    assert ack["code"] == 200 and json.loads(ack["data"])["opaque"].startswith("ping-")
    assert "unknown message topic" not in caplog.text
