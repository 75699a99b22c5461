"""whoosh analyzers built on `Segmenter`: one bilingual chain for every text field.

Chain: segmenter tokens (ordinal positions, sub-words at their parent's position) -> drop lone Latin
letters -> lower case -> British to American spelling -> stop words (renumber=False keeps the shared
positions) -> Chinese numerals as digits -> Snowball English stemming (whoosh's Porter stemmer turns "running" into "runn").
Chinese tokens pass the English filters unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from whoosh.analysis import Filter, LowercaseFilter, StemFilter, StopFilter, Token, Tokenizer

from index.language import to_simplified
from index.segment import Segmenter
from index.stopwords import STOP_WORDS

# British spellings folded to American before stemming, so "harmonise" finds "harmonize".
_BRITISH = [
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"^programme(s?)$"), r"program\1"),
    (re.compile(r"(?<=[a-z]{2})our(s?)$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{3})tre(s?)$"), r"ter\1"),
]
_BRITISH_KEEP = frozenset(
    {"promise", "premise", "exercise", "otherwise", "expertise", "enterprise", "advise", "revise",
     "supervise", "surprise", "comprise", "compromise", "devise", "wise", "precise", "concise",
     "franchise", "raise", "rise", "arise", "noise", "cruise", "merchandise", "disguise", "hour",
     "four", "your", "our", "tour", "pour", "flour", "sour", "contour", "detour", "metre", "litre",
     "theatre", "centre", "fibre", "poured", "advertise", "televise", "improvise", "chastise"}
)


@lru_cache(maxsize=200_000)
def american(word: str) -> str:
    """Fold a lower-case British spelling to the American one (harmonisation -> harmonization)."""
    if word in _BRITISH_KEEP or not word.isascii():
        return word
    for pattern, repl in _BRITISH:
        new = pattern.sub(repl, word)
        if new != word:
            return new
    return word


class SegmenterTokenizer(Tokenizer):
    """Adapts `Segmenter` to whoosh; whoosh passes mode="index" when indexing."""

    def __init__(self, segmenter: Segmenter, subwords: str = "also") -> None:
        self.segmenter = segmenter
        self.subwords = subwords  # "also" (planning queries), "none" or "only" (index fields)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SegmenterTokenizer) and other.subwords == self.subwords

    def __hash__(self) -> int:
        return hash((SegmenterTokenizer, self.subwords))

    def __getstate__(self) -> dict:
        return {}  # the schema is pickled into the index; the segmenter is re-attached on open

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "", **kwargs) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        seg_mode = "query" if mode == "query" or self.subwords == "none" else "index"
        for seg in self.segmenter.segment(to_simplified(value), seg_mode):
            if self.subwords == "only" and mode != "query" and not seg.subword:
                continue
            token.text = seg.text
            token.boost = 1.0
            token.stopped = False
            token.subword = seg.subword
            if keeporiginal:
                token.original = seg.text
            if positions:
                token.pos = start_pos + seg.pos
            if chars:
                token.startchar = start_char + seg.start
                token.endchar = start_char + seg.end
            yield token


class LoneLetterFilter(Filter):
    """Drops single Latin letters ("s" of "Uganda's"); digits and Chinese characters stay."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if len(t.text) == 1 and t.text.isascii() and t.text.isalpha():
                continue
            yield t


_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = re.compile(r"^第?([一二两三四五六七八九十]{1,3})[条个项章节]?$")


def chinese_number(word: str) -> str | None:
    """"七", "第七(条)" or "十二" as digits ("7", "12"), so 经验教训七 and "lesson 7" meet; else None."""
    match = _CN_NUMBER.match(word)
    if not match:
        return None
    text, value = match.group(1), 0
    if "十" in text:
        tens, _, units = text.partition("十")
        if "十" in units or (tens and tens not in _CN_DIGITS) or (units and units not in _CN_DIGITS):
            return None
        value = 10 * (_CN_DIGITS[tens] if tens else 1) + (_CN_DIGITS[units] if units else 0)
    elif len(text) == 1:
        value = _CN_DIGITS[text]
    else:
        return None
    return str(value)


class ChineseNumberFilter(Filter):
    """Writes Chinese numerals as digits (第七 -> 7)."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = chinese_number(t.text) or t.text
            yield t


class AmericanSpellingFilter(Filter):
    """Applies `american` to every token."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = american(t.text)
            yield t


def bilingual_analyzer(segmenter: Segmenter, subwords: str = "also"):
    """The analysis chain; `subwords` says whether dictionary sub-words of long Chinese words are
    emitted too ("also", for planning queries), left out ("none") or emitted alone ("only")."""
    return (
        SegmenterTokenizer(segmenter, subwords)
        | LoneLetterFilter()
        | LowercaseFilter()
        | AmericanSpellingFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=1, renumber=False)
        | ChineseNumberFilter()  # after the stop words: 一个 is a stop word, not "1"
        | StemFilter(lang="en")
    )


def analyze(analyzer, text: str, mode: str = "query") -> list[tuple[str, int, bool]]:
    """(term, position, is_subword) for each token of `text`; mode "index" adds sub-words."""
    return [
        (t.text, t.pos, bool(getattr(t, "subword", False)))
        for t in analyzer(text, positions=True, mode=mode)
    ]
