"""The answer's buttons on DingTalk: message links that send a command back to the robot.

Why links and not card buttons: a DingTalk robot's markdown message may hold links of the form
`dtmd://dingtalkclient/sendMessage?content=TEXT`; tapping one makes the user's client send TEXT
to the chat, as if typed, and DingTalk delivers it to the robot like any message. That needs no
card template, no card callback and no server-side state: each link carries its whole request
("show ID", "more 4 QUESTION", "👍 ITEM QUESTION"), readable in the chat where it appears. An
ActionCard's buttons only open URLs, and interactive cards need a template made on DingTalk's
card platform plus a callback topic (docs/dingtalk.md says more). In a group the sent text does
not @mention the robot, so DingTalk does not deliver it: links are drawn in private chats only,
and a group answer names the commands to type instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

SEND = "dtmd://dingtalkclient/sendMessage?content="
MAX_QUESTION = 300        # characters of a question carried in a link (the chat shows it)
MAX_FULL_LINKS = 5
MORE_WORDS = {"en": "more", "zh": "更多"}
SWITCH_WORDS = {"en": "in English", "zh": "用中文说"}   # the conversation's language switch
_MORE = re.compile(r"^\s*(?:more|更多)\s+(\d{1,4})\s+(\S.*)$", re.S | re.I)
_VOTE = re.compile(r"^\s*(👍|👎)\s+(\S+)\s+(\S.*)$", re.S)


def link(label: str, content: str) -> str:
    """A markdown link that sends `content` when tapped (label brackets removed)."""
    label = label.replace("[", "(").replace("]", ")")
    return f"[{label}]({SEND}{quote(content, safe='')})"


def more_text(lang: str, offset: int, question: str) -> str:
    return f"{MORE_WORDS.get(lang, 'more')} {offset} {question[:MAX_QUESTION]}"


def vote_text(vote: int, item_id: str, question: str) -> str:
    return f"{'👍' if vote > 0 else '👎'} {item_id} {question[:MAX_QUESTION]}"


@dataclass(frozen=True, slots=True)
class More:
    """"more 4 QUESTION": the page of QUESTION's results from the 5th on."""

    offset: int
    question: str
    lang: str


@dataclass(frozen=True, slots=True)
class Vote:
    """"👍 ITEM QUESTION": a vote on the answer to QUESTION whose top item was ITEM."""

    vote: int
    item_id: str
    question: str


def parse_more(text: str) -> More | None:
    match = _MORE.match(text or "")
    if not match:
        return None
    lang = "zh" if match.group(0).lstrip().startswith("更多") else "en"
    return More(int(match.group(1)), match.group(2).strip(), lang)


def parse_vote(text: str) -> Vote | None:
    match = _VOTE.match(text or "")
    if not match:
        return None
    return Vote(1 if match.group(1) == "👍" else -1, match.group(2), match.group(3).strip())
