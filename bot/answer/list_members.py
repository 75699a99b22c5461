"""Which member of the list the last answer showed a follow-up picks out.

After "which cases involve Ramsar?" a focal point says "tell me about the second one", "第一个讲的是
什么？", "number 3?" or "最后一个呢？". The ordinal is read from the question's form; the member is
the one at that place among the list's members ("the third one" after the themes is Theme 3),
or, for a number ("number 3", "#3", "[3]"), the line shown with it (the Sourcebook's own count,
where it is stated, is line [1]). Only a question that names nothing else is read so: "the first NBSAP"
or "第二份国家报告" is about a first NBSAP, not a list's member.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.answer.chinese_numbers import zh_number
from index import to_simplified

IC = re.IGNORECASE

_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                "eighth": 8, "ninth": 9, "tenth": 10, "last": -1}
# what a member is called after an ordinal ("the second one", "the first case")
_EN_MEMBER = r"(?:one|case study|case|item|lesson|example|obstacle|theme|convention|entry|option|country)"
# "the second one", "the 3rd", "the last case": the ordinal and, at most, what a member is called,
# with nothing after it but the end or a few words that name nothing ("about", "again", "please")
_EN_ORDINAL = re.compile(rf"\b(?:the )?({'|'.join(_EN_ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))"
                         # "the fifth one say?": "one" stands for a member, whatever follows
                         rf"(?: ones?\b|(?: {_EN_MEMBER})?(?=\s*(?:$|[?.!,;:)]|(?:about|is|was|in|on|from|please|again|"
                         r"there|then|you (?:listed|showed|mentioned)|of (?:them|those|these|the list))\b)))", IC)
# "number 3", "no. 3", "#3", "[3]", "item 3": the shown line's number
_EN_NUMBER = re.compile(r"(?:\bnumber|\bno\.?|\bitem|#|\[)\s*(\d{1,2})\]?(?!\d)", IC)
# 第二个, 第3条, 第一个案例, 最后一个: the ordinal with its measure word (第二份国家报告 has none of these)
_ZH_ORDINAL = re.compile(r"第\s*([一二两三四五六七八九十]{1,3}|\d{1,2})\s*(?:个|条|项|点|种)"
                         r"(?:案例|经验|教训|障碍|主题|公约|例子)?|(最后)一?(?:个|条|项|点|种)")


@dataclass(frozen=True, slots=True)
class Pick:
    place: int          # 1-based; -1: the last
    shown: bool         # a line's number as shown ("number 3"), not an ordinal among the members


def picked(question: str) -> Pick | None:
    """The place in the list a question picks, or None when it picks none."""
    text = to_simplified(question).strip()
    zh = _ZH_ORDINAL.search(text)
    if zh:
        place = -1 if zh.group(2) else zh_number(zh.group(1))
        return Pick(place, False) if place else None
    number = _EN_NUMBER.search(text)
    if number:
        return Pick(int(number.group(1)), True) if int(number.group(1)) else None
    en = _EN_ORDINAL.search(text)
    if en:
        word = en.group(1).lower()
        place = _EN_ORDINALS.get(word) or int(re.sub(r"\D", "", word))
        return Pick(place, False) if place else None
    return None


def member_at(pick: Pick, shown: Sequence[str], is_member: Callable[[str], bool]) -> str | None:
    """The id `pick` names among the lines `shown` (ids as shown; `is_member` tells a member from
    the stated count before them), or None beyond the list."""
    lines = list(shown) if pick.shown else [i for i in shown if is_member(i)]
    index = pick.place - 1 if pick.place > 0 else pick.place
    return lines[index] if -len(lines) <= index < len(lines) else None


def without_pick(question: str) -> str:
    """The question without the words that pick the member ("tell me about the second one" ->
    "tell me about"), for what is asked of it."""
    text = to_simplified(question)
    for pattern in (_ZH_ORDINAL, _EN_NUMBER, _EN_ORDINAL):
        text = pattern.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()
