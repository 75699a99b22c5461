"""The words the knowledge uses, for deciding whether a short question can be a follow-up.

Why: "who was involved?" after an answer about Bhutan is about Bhutan, but "红烧肉怎么做？" or
"明天北京天气怎么样" are not follow-ups of anything the bot said: they use words the sources never
do, and must reach the engine as they are (which declines them). English words are checked with
the index's speller (a near spelling counts: "nationl reporting"); Chinese words, as the index's
segmenter cuts them, against the Chinese text of the knowledge, its glossary (the everyday words
the glossary maps to the knowledge's terms: 人手, 一块儿) and the index's stop words (chat particles
and question frames carry no topic: "效果咋样", "这事儿谁牵头的" are follow-ups).
"""

from __future__ import annotations

import re

from bot.knowledge import Knowledge
from index import Segmenter, has_han, to_simplified
from index.speller import Speller
from index.stopwords import STOP_WORDS

_EN_WORD = re.compile(r"[a-z][a-z'-]*")
# Question and function words of Chinese that a short follow-up is made of, whether or not the
# knowledge happens to write them.
ZH_FUNCTION_WORDS = frozenset(
    "怎么 怎么样 怎样 什么 哪里 哪儿 哪些 哪个 哪一年 为什么 如何 多少 几个 是不是 能不能 可不可以 "
    "可以 一下 还有 后来 然后 那么 这个 那个 这些 那些 他们 它们 她们 我们 你们 具体 一些 有没有 "
    "是否 还是 的话 请问 告诉 给我 说说 讲讲 介绍".split())


class Vocabulary:
    """Which words of a question the knowledge never uses."""

    def __init__(self, knowledge: Knowledge, speller: Speller | None,
                 segmenter: Segmenter | None) -> None:
        self.speller = speller
        self.segmenter = segmenter
        self._zh = "\n".join(to_simplified(f"{i.title['zh']} {i.text['zh']}")
                             for i in knowledge.items)
        self._known_zh = ZH_FUNCTION_WORDS | STOP_WORDS | frozenset(
            t for entry in knowledge.glossary for t in entry.terms if has_han(t))

    def corrected(self, text: str) -> str:
        """`text` with English words the corpus does not know replaced by their likeliest
        spelling in it ("Ramsr" -> "ramsar"), so that names are found despite a typo."""
        if self.speller is None:
            return text
        speller = self.speller

        def fix(m: re.Match[str]) -> str:
            word = m.group()
            return word if word in speller else (speller.correct(word) or word)
        return re.sub(r"[A-Za-z][a-z]+", fix, text)

    def unknown(self, text: str, stop: frozenset[str] = frozenset()) -> list[str]:
        """The words of `text` (English: not in `stop`) that the knowledge never writes."""
        low = to_simplified(text).lower()
        out = []
        if self.speller is not None:
            speller = self.speller
            out += [w for w in _EN_WORD.findall(low) if len(w) > 2 and w not in stop
                    and w not in speller and speller.correct(w) is None]
        if has_han(low) and self.segmenter is not None:
            for seg in self.segmenter.segment(low):
                word = seg.text
                if len(word) > 1 and has_han(word) and word not in self._known_zh \
                        and word not in self._zh:
                    out.append(word)
        return out
