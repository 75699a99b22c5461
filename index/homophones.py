"""Chinese typos of the commonest kind: a character replaced by another with the same sound
(乌干大 for 乌干达, 分兰 for 芬兰, 数局库 for 数据库), which pinyin input methods make easy.

At index build time the corpus's Chinese words (two to four characters) are collected with the
toneless readings of every Chinese character (from pypinyin's table, so pypinyin is needed only to
build). A question's run of characters that is neither a corpus word nor a dictionary word, and
differs from exactly one corpus word in one character of the same sound, is read as that word. The
English spelling corrector (index/speller.py) does the same for Latin words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
SIZES = (4, 3, 2)


def reading_table() -> dict[str, frozenset[str]]:
    """Toneless readings of every character pypinyin knows (build time only)."""
    from pypinyin.pinyin_dict import pinyin_dict

    table = {}
    for code, readings in pinyin_dict.items():
        char = chr(code)
        if "\u4e00" <= char <= "\u9fff":
            table[char] = frozenset(_toneless(r) for r in readings.split(","))
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

    def correct(self, text: str, is_word: Callable[[str], bool] = lambda w: False) -> str:
        """`text` (simplified) with same-sound typos of corpus words corrected; `is_word` tells
        the dictionary's own words, which are never touched."""
        out = list(text)
        for run in _HAN_RUN.finditer(text):
            start, end = run.span()
            taken = [False] * (end - start)
            for size in SIZES:
                for at in range(start, end - size + 1):
                    if any(taken[at - start:at - start + size]):
                        continue
                    window = text[at:at + size]
                    if window in self.words or is_word(window):
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
