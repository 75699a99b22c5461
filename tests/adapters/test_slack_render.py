"""Golden tests of the Block Kit renderer (pure functions, no network)."""

from __future__ import annotations

import json

from adapters.slack import buttons
from adapters.slack.render import (
    MAX_BLOCKS,
    SECTION_LIMIT,
    TOTAL_BUDGET,
    ZWSP,
    _size,
    chunks,
    escape,
    highlighted,
    link,
    to_message,
)
from bot.foundation.answers import Answer, Citation
from bot.foundation.messages import Messages

MESSAGES = Messages.load()


def cite(n: int = 1, kind: str = "case", **kw: object) -> Citation:
    fields = dict(id=f"case-{n}", kind=kind, title=f"Title {n} <b> & co", snippet="focal points & more",
                  text="full", source="Sourcebook · Theme 1", url=f"https://example.org/{n}?a=1&b=2",
                  score=1.0, highlights=((0, 5), (6, 12)))
    fields.update(kw)
    return Citation(**fields)  # type: ignore[arg-type]


def test_escape_only_three_characters() -> None:
    assert escape("a & b < c > d 'e' \"f\"") == "a &amp; b &lt; c &gt; d 'e' \"f\""


def test_link_strips_pipe_and_angle_from_text_and_encodes_url() -> None:
    assert link("https://x.org/a|b>c", "A|B > C & <D") == "<https://x.org/a%7Cb%3Ec|A B   C &amp; &lt;D>"
    assert link("javascript:alert(1)", "T") == "T"
    assert link(None, "T & U") == "T &amp; U"


def test_highlights_bold_joined_and_zero_width_spaces_for_chinese() -> None:
    assert highlighted("the focal points (NFPs) & <x>", ((4, 9), (10, 16), (18, 22))) == \
        "the *focal points* (*NFPs*) &amp; &lt;x&gt;"
    assert highlighted("国家联络点如何合作", ((0, 5), (7, 9))) == f"*国家联络点*{ZWSP}如何{ZWSP}*合作*"


def test_golden_answer() -> None:
    answer = Answer("focal <points>?", "en", True, "Here is what I found & more:",
                    (cite(1), cite(2, kind="background", url=None)), offset=0, total=3)
    message = to_message(answer, MESSAGES, asked_by="U123", share=True)
    more = json.dumps({"t": "focal <points>?", "l": "en", "o": 2}, ensure_ascii=False, separators=(",", ":"))
    assert message["text"] == ("<@U123> asked: focal &lt;points&gt;?\nHere is what I found &amp; more:\n"
                               "[1] Title 1 &lt;b&gt; &amp; co\n[2] Title 2 &lt;b&gt; &amp; co")
    assert message["blocks"][:6] == [
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "<@U123> asked: focal &lt;points&gt;?"}]},
        {"type": "section", "text": {"type": "mrkdwn", "text": "Here is what I found &amp; more:"}},
        {"type": "section", "text": {"type": "mrkdwn",
                                     "text": "*[1] Title 1 &lt;b&gt; &amp; co*\n*focal points* &amp; more"}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text":
                                          "Source: <https://example.org/1?a=1&b=2|Sourcebook · Theme 1>"},
                                         {"type": "mrkdwn", "text": "Full text: show case-1"}]},
        {"type": "section", "text": {"type": "mrkdwn", "text":
                                     "*[2] Title 2 &lt;b&gt; &amp; co*\n"
                                     "_Background (not the Sourcebook's own content)_\n*focal points* &amp; more"}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "Source: Sourcebook · Theme 1"},
                                         {"type": "mrkdwn", "text": "Full text: show case-2"}]},
    ]
    actions = message["blocks"][6]
    assert actions["type"] == "actions" and len(message["blocks"]) == 7
    assert [(e["action_id"], e["text"]["text"]) for e in actions["elements"]] == [
        (buttons.FULL, "Full text 1"), (buttons.FULL, "Full text 2"),
        (buttons.MORE, "More results"), (buttons.OTHER_LANG, "中文"), (buttons.VOTE_UP, "👍"),
        (buttons.VOTE_DOWN, "👎"), (buttons.SHARE, "Share in channel")]
    assert buttons.Request.from_value(actions["elements"][0]["value"]) == buttons.Request("show case-1", "en")
    assert actions["elements"][2]["value"] == more
    assert buttons.Vote.from_value(actions["elements"][4]["value"]) == buttons.Vote("focal <points>?", "case-1", 1, "en")


def test_chinese_answer_labels_and_numbering_from_offset() -> None:
    answer = Answer("合作", "zh", True, "以下是相关内容：", (cite(4, kind="background"),), offset=3, total=4)
    message = to_message(answer, MESSAGES)
    texts = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    assert texts[1].startswith("*[4] Title 4") and "背景信息" in texts[1]
    assert message["blocks"][2]["elements"][0]["text"].startswith("出处: <https://example.org/4")
    ids = [e["action_id"] for e in message["blocks"][-1]["elements"]]
    assert ids == [buttons.FULL, buttons.OTHER_LANG, buttons.VOTE_UP, buttons.VOTE_DOWN]  # no more, no share


def test_not_answered_has_suggestions_and_no_feedback() -> None:
    answer = Answer("xyzzy", "en", False, "Not found.", suggestions=("How <a>?", "Why?"))
    message = to_message(answer, MESSAGES)
    assert {"type": "section", "text": {"type": "mrkdwn", "text": "• How &lt;a&gt;?\n• Why?"}} in message["blocks"]
    assert [e["action_id"] for e in message["blocks"][-1]["elements"]] == [buttons.OTHER_LANG]


def test_side_effect_commands_get_no_share_or_language_buttons() -> None:
    answer = Answer("lang zh", "zh", True, "好的")
    assert "blocks" in to_message(answer, MESSAGES, text="lang zh", share=True)
    assert all(b["type"] != "actions" for b in to_message(answer, MESSAGES, text="/subscribe 08:00",
                                                          share=True)["blocks"])


def test_limits_hold_for_huge_answers() -> None:
    big = tuple(cite(n, title="T" * 60 + " <&>", snippet="x & y " * 1000, source="S|>" * 500)
                for n in range(1, 61))
    answer = Answer("q" * 3000, "en", True, "lead & " * 2000, big, total=80)
    message = to_message(answer, MESSAGES, asked_by="U1", share=True)
    blocks = message["blocks"]
    assert len(blocks) <= MAX_BLOCKS
    assert _size(blocks) <= TOTAL_BUDGET          # texts and button values, under Slack's ~12k
    assert len(json.dumps(blocks, ensure_ascii=False)) < 20_000
    for block in blocks:
        if "text" in block:
            assert len(block["text"]["text"]) <= SECTION_LIMIT
        if block["type"] == "context":
            assert len(block["elements"]) <= 10
        if block["type"] == "actions":
            assert all(len(e["value"]) <= 2000 and len(e["text"]["text"]) <= 75 for e in block["elements"])
    text = "\n".join(b["text"]["text"] for b in blocks if "text" in b)
    assert "Also found:" in text and "[20] " in text   # overflow folded into a list of titles
    assert "&amp;" in text and "<&>" not in text
    assert len(message["text"]) <= 3000


def test_chunks_split_at_lines_and_never_inside_entities() -> None:
    text = escape("a" * 2990 + " &&&&& " + "b" * 100)
    pieces = chunks(text, 3000)
    assert all(len(p) <= 3000 for p in pieces) and "".join(pieces).count("&amp;") == 5
