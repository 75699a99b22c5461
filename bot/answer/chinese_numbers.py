"""The small numbers of lists and themes in Chinese: 二 -> 2, 十二 -> 12 when a question picks a member
or names a theme ("第二个", "主题三"); 3 -> 三 when the bot writes one ("主题三有哪些案例？")."""

from __future__ import annotations

ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WRITTEN = "一二三四五六七八九"


def zh_number(word: str) -> int | None:
    """二 -> 2, 十二 -> 12, 二十 -> 20, 7 -> 7; None for anything else."""
    if word.isdigit():
        return int(word) or None
    if "十" not in word:
        return ZH_DIGITS.get(word)
    tens, _, ones = word.partition("十")
    return (ZH_DIGITS.get(tens, 1) if tens else 1) * 10 + (ZH_DIGITS.get(ones, 0) if ones else 0)


def zh_digit(number: int) -> str:
    """3 -> 三 for 1 to 9; any other number as digits."""
    return _WRITTEN[number - 1] if 1 <= number <= 9 else str(number)
