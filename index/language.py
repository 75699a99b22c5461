"""Script normalisation and language detection for Chinese/English text.

Traditional characters are folded to simplified before analysis (the index holds simplified text) and
answers to a traditional-character question are converted back for display. The language rule is the
CJK ratio rule measured in research/search_engines.md (59/60 agreement, ~1 us a call, no model).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

import opencc

from index.text import clean_text

Lang = Literal["zh", "en"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_simplified(text: str) -> str:
    """Fold traditional characters to simplified ones (other text is unchanged); any string."""
    return _t2s().convert(clean_text(text)) if _HAN.search(text) else text


def to_traditional(text: str) -> str:
    """Convert simplified characters to traditional ones, for answers to traditional questions."""
    return _s2t().convert(clean_text(text)) if _HAN.search(text) else text


def is_traditional(text: str) -> bool:
    """True when the text holds characters that only traditional script uses."""
    han = "".join(_HAN.findall(text))
    return bool(han) and to_simplified(han) != han


# Grammatical words that only a sentence written in Chinese contains ("Aichi Targets 和 NBSAP").
_PARTICLES = re.compile(r"[和的在是吗呢了与及]|如何|什么|哪|为什么|怎么")


def detect_lang(text: str) -> Lang:
    """Chinese when Han characters are at least as many as Latin words, or when the Chinese part
    holds grammatical words; else English."""
    han = len(_HAN.findall(text))
    if han == 0:
        return "en"
    if han >= len(_LATIN_WORD.findall(text)):
        return "zh"
    return "zh" if _PARTICLES.search(text) else "en"


def has_han(text: str) -> bool:
    """True when the text holds at least one Han character."""
    return _HAN.search(text) is not None
