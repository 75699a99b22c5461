"""`nfpbot ask --json -` with conversations: a line that is a JSON object is a turn of its
conversation, answered with "resolved"; plain lines stay questions on their own."""

from __future__ import annotations

import io
import json

from adapters.batch import answer_batch, conversation_turn


def run(engine, lines: list[str]) -> list[dict]:
    sink = io.BytesIO()
    answer_batch(engine, io.BytesIO(("\n".join(lines) + "\n").encode()), sink)
    return [json.loads(line) for line in sink.getvalue().decode().splitlines()]


def test_turns_of_two_conversations_interleave(engine):
    rows = run(engine, [
        json.dumps({"conversation": "a", "question": "What did Bhutan do when it revised its NBSAP?"}),
        json.dumps({"conversation": "b", "question": "乌干达的国家生物多样性数据库是什么？"}),
        json.dumps({"conversation": "a", "question": "who was on that team?"}),
        json.dumps({"conversation": "b", "question": "in English please"}),
        "who was on that team?",
        json.dumps({"conversation": "b", "question": "它是哪一年建立的？", "lang": "en"}),
    ])
    assert [r["resolved"] is None for r in rows] == [True, True, False, False, True, False]
    assert "Bhutan" in rows[2]["resolved"] and "bhutan" in rows[2]["citations"][0]["id"]
    assert rows[3]["lang"] == "en" and rows[3]["citations"][0]["id"] == rows[1]["citations"][0]["id"]
    assert rows[4]["question"] == "who was on that team?"       # a plain line: no conversation
    assert rows[5]["lang"] == "en" and "uganda" in rows[5]["citations"][0]["id"]


def test_only_json_objects_with_a_question_are_turns():
    assert conversation_turn('{"conversation": 7, "question": "CITES?"}') == ("batch:7", "CITES?", None)
    assert conversation_turn('{"question": "CITES?", "lang": "fr"}') == (None, "CITES?", None)
    for line in ("CITES", "{not json", '["a"]', '{"conversation": "a"}', '{"question": 3}'):
        assert conversation_turn(line) is None


def test_a_list_question_in_a_conversation_is_listed_and_its_members_can_be_picked(engine):
    ramsar = [i.id for i in engine.knowledge.of_kind("case") if "ramsar" in i.conventions]
    rows = run(engine, [
        json.dumps({"conversation": "a", "question": "有哪些案例跟湿地公约有关？"}),
        json.dumps({"conversation": "a", "question": "第二个讲的是什么？"}),
    ])
    listed, picked = rows
    assert listed["answered"] and [c["id"] for c in listed["citations"]] == ramsar[:len(listed["citations"])]
    assert f"({ramsar[0]})" in listed["lead"] and listed["resolved"] is None
    assert picked["citations"][0]["id"] == ramsar[1] and picked["resolved"].endswith("第二个讲的是什么？")
