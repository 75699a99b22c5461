"""The web chat's JSON API over real HTTP (hypercorn on loopback, the real engine and state):
what /api/ask, /api/show/ID and /api/feedback answer, and that feedback lands in the state the
report reads."""

from __future__ import annotations

import json

import httpx
from web_support import ask, page_token

from bot.command_parsing import Context
from bot.runtime import Runtime


def test_ask_returns_the_ask_json_object_and_a_new_conversation(client: httpx.Client,
                                                                  runtime_web: Runtime) -> None:
    response = ask(client, "How do focal points cooperate on national reporting?")
    assert response.status_code == 200
    data = response.json()
    cli_json = runtime_web.engine.answer("How do focal points cooperate on national reporting?")
    for key, value in cli_json.to_json().items():
        if key != "resolved":
            assert data[key] == value, key
    assert data["answered"] and data["citations"]
    assert len(data["conversation"]) >= 22   # 128 random bits, URL-safe
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["cache-control"] == "no-store"


def test_a_conversation_is_kept_and_a_bad_one_refused(client: httpx.Client) -> None:
    first = ask(client, "What is a national focal point?").json()
    again = ask(client, "And for CITES?", conversation=first["conversation"]).json()
    assert again["conversation"] == first["conversation"]
    bad = ask(client, "What is a focal point?", conversation="../../etc/passwd")
    assert bad.status_code == 400 and "conversation" in bad.json()["error"]


def test_chinese_and_traditional_questions_keep_their_script(client: httpx.Client) -> None:
    simplified = ask(client, "国家联络人如何合作编写国家报告？").json()
    assert simplified["lang"] == "zh" and simplified["answered"]
    traditional = ask(client, "國家聯絡人如何合作編寫國家報告？").json()
    assert traditional["lang"] == "zh" and traditional["script"] == "hant"
    assert "国家" not in traditional["lead"]


def test_commands_are_typed_text(client: httpx.Client) -> None:
    themes = ask(client, "themes", lang="en").json()
    assert themes["question"] == "themes"
    assert [c["id"] for c in themes["citations"]] == [f"theme-{n}" for n in range(1, 7)]
    assert ask(client, "主题").json()["lang"] == "zh"


def test_more_results_page_on(client: httpx.Client) -> None:
    first = ask(client, "cases").json()
    assert first["more"] is True or first["total"] <= len(first["citations"])
    question = "How can the conventions cooperate on data and reporting?"
    page = ask(client, question).json()
    if page["more"]:
        nxt = ask(client, page["question"], offset=len(page["citations"]), lang=page["lang"]).json()
        assert nxt["offset"] == len(page["citations"])
        assert not {c["id"] for c in nxt["citations"]} & {c["id"] for c in page["citations"]}


def test_show_gives_the_text_of_show_id(client: httpx.Client, runtime_web: Runtime) -> None:
    answer = ask(client, "How did Uganda manage its biodiversity data?").json()
    item = answer["citations"][0]["id"]
    shown = client.get(f"/api/show/{item}", params={"lang": "en"})
    assert shown.status_code == 200
    typed = runtime_web.commands.handle(Context(platform="web", lang="en"), f"show {item}")
    assert shown.json()["citations"][0]["snippet"] == typed.citations[0].snippet
    assert shown.json()["lead"] == typed.lead
    hant = client.get(f"/api/show/{item}", params={"lang": "zh", "script": "hant"}).json()
    assert hant["script"] == "hant"
    assert client.get("/api/show/<script>").status_code in (400, 404)
    missing = client.get("/api/show/no-such-item-at-all")
    assert missing.status_code == 200 and missing.json()["answered"] is False


def test_feedback_needs_the_page_token_and_is_stored(client: httpx.Client,
                                                     runtime_web: Runtime) -> None:
    vote = {"question": "web feedback question 42", "item": "theme-1", "vote": -1}
    body = json.dumps(vote)
    headers = {"content-type": "application/json"}
    assert client.post("/api/feedback", content=body, headers=headers).status_code == 403
    bad = {**headers, "x-csrf-token": "1.deadbeef"}
    assert client.post("/api/feedback", content=body, headers=bad).status_code == 403
    good = {**headers, "x-csrf-token": page_token(client)}
    response = client.post("/api/feedback", content=body, headers=good)
    assert response.status_code == 200 and response.json()["ok"] is True
    rows = runtime_web.state.query("SELECT question FROM gap_questions WHERE kind = 'downvoted'"
                                   " AND platform = 'web'")
    assert "web feedback question 42" in [r["question"] for r in rows]
    votes = runtime_web.state.query("SELECT vote FROM feedback WHERE platform = 'web'")
    assert [-1] == [r["vote"] for r in votes][-1:]
    wrong = client.post("/api/feedback", content=json.dumps({**vote, "vote": 5}), headers=good)
    assert wrong.status_code == 400


def test_bad_bodies_are_400_with_a_reason(client: httpx.Client) -> None:
    headers = {"content-type": "application/json"}
    for body in (b"not json", b"[1, 2]", b"\xff\xfe", json.dumps({"question": ""}).encode(),
                 json.dumps({"question": 5}).encode(),
                 json.dumps({"question": "x", "offset": -1}).encode(),
                 json.dumps({"question": "x", "lang": "fr"}).encode()):
        response = client.post("/api/ask", content=body, headers=headers)
        assert response.status_code == 400, body
        assert response.json()["error"]


def test_wrong_paths_and_methods(client: httpx.Client) -> None:
    assert client.get("/nothing").status_code == 404
    assert client.get("/api/ask").status_code == 405
    assert client.delete("/").status_code == 405


def test_subscribe_explains_that_the_web_sends_no_tips(client: httpx.Client,
                                                       runtime_web: Runtime) -> None:
    answer = ask(client, "subscribe 09:00").json()
    assert "Telegram" in answer["lead"] and "web chat" in answer["lead"]
    assert runtime_web.state.query("SELECT * FROM subscriptions WHERE platform = 'web'") == []
