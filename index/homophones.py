"""Chinese typos of the commonest kind: a character replaced by another with the same sound
(乌干大 for 乌干达, 分兰 for 芬兰, 数局库 for 数据库), which pinyin input methods make easy.

At index build time the corpus's Chinese words (two to four characters) are collected with the
toneless readings of every Chinese character (from pypinyin's table; bot/answer/name_readings.py
reads names in pinyin with the same table). Where the segmenter leaves a run of lone characters in a question (what it makes of a word
it does not know), a window of that run that differs from exactly one corpus word in one
character of the same (common) reading is read as that word. The
English spelling corrector (index/speller.py) does the same for Latin words.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

# Grammatical characters: a window holding one is part of a phrase, not a misspelt word ("我们局有
#多少人" is "our bureau has", never 具有).
FUNCTION_CHARS = frozenset("的了在是和与及就也都而被把给对向从吗呢吧啊么这那哪什怎有")
SIZES = (4, 3, 2)
# Question and quantity words whose next character is theirs (哪年, 几个, 多少): a window starting
# there is no misspelt word
_ASKING = frozenset("哪几每")


class Run(NamedTuple):
    """Where the segmenter met a word it does not know: `start`, `end` in the text. A run of lone
    characters (乌甘达) is searched window by window; a `whole` run (a lone character with the
    word it touches: 多样 + 姓) only as a whole, so the dictionary word in it is never corrected
    on its own (说一下 is not 说以下)."""

    start: int
    end: int
    whole: bool = False


def reading_table() -> dict[str, frozenset[str]]:
    """Toneless readings of every character pypinyin knows (read at index build, and once for
    names in pinyin)."""
    from pypinyin.pinyin_dict import pinyin_dict

    table = {}
    for code, readings in pinyin_dict.items():
        char = chr(code)
        if "\u4e00" <= char <= "\u9fff":
            # the first reading is the common one: 哪 is "na" (its rare "nei" made 在哪 look
            # like 在内)
            table[char] = frozenset({_toneless(readings.split(",")[0])})
    return table


def _toneless(syllable: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", syllable)
                   if not unicodedata.combining(c)).replace("ü", "v")


class Homophones:
    """Corrects same-sound character typos against the corpus's words."""

    def __init__(self, words: Iterable[str], readings: dict[str, frozenset[str]]) -> None:
        self.words = frozenset(w for w in words if 2 <= len(w) <= max(SIZES))
        self.readings = readings
        # (length, position, word with that position blanked) -> words
        self._near: dict[tuple[int, int, str], list[str]] = defaultdict(list)
        for word in sorted(self.words):
            for i in range(len(word)):
                self._near[(len(word), i, word[:i] + "_" + word[i + 1:])].append(word)

    def state(self) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
        """What a cache file needs to rebuild this object."""
        return self.words, self.readings

    def correct(self, text: str, spans: Iterable[Run]) -> str:
        """`text` (simplified) with same-sound typos of corpus words corrected. `spans`: where the
        segmenter met a word it does not know (`Segmenter.lone_character_runs`); only windows
        inside them are candidates, so real words are never touched."""
        out = list(text)
        for start, end, whole in spans:
            taken = [False] * (end - start)
            for size in ((end - start,) if whole else SIZES):
                for at in range(start, end - size + 1):
                    window = text[at:at + size]
                    # a character another run corrected already stays corrected
                    if any(taken[at - start:at - start + size]) or out[at:at + size] != list(window):
                        continue
                    if window in self.words or any(c in FUNCTION_CHARS for c in window):
                        continue
                    if at > 0 and text[at - 1] in _ASKING:  # 哪年建的: 年 belongs to 哪年, not to 年间
                        continue
                    fixed = self._fix(window)
                    if fixed is not None:
                        out[at:at + size] = list(fixed)
                        taken[at - start:at - start + size] = [True] * size
        return "".join(out)

    def _fix(self, window: str) -> str | None:
        found = set()
        for i in range(len(window)):
            for word in self._near.get((len(window), i, window[:i] + "_" + window[i + 1:]), ()):
                if self.readings.get(word[i], frozenset()) & self.readings.get(window[i], frozenset()):
                    found.add(word)
        return found.pop() if len(found) == 1 else None
