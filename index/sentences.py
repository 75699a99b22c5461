"""Sentence boundaries in Chinese and English text, with character offsets.

The one sentence splitter of the project: snippets and the answer's lead are cut at these boundaries
(never mid-sentence), passages are embedded sentence group by sentence group, and documents are split
into passages along them. A rule set, not a model: Chinese ends at 。！？ (full-width or not, and the
full-width stop ．) or a line break, English at . ! ? followed by a space and a capital, digit, CJK
character, quote or bracket, except after common abbreviations ("e.g.", "U.S.", "p. 12", "No. 5").
"""

from __future__ import annotations

import re

_ZH_END = re.compile(r"[。！？．!?]+[”’」』）)]*|\n+")
_EN_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[A-Z0-9\u4e00-\u9fff])|\n+")
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "p", "pp", "no", "nos", "vol", "fig", "cf", "al", "dr", "mr", "mrs",
     "ms", "st", "vs", "art", "para", "paras", "sec", "ch", "u.s", "u.k", "u.n", "approx", "ed",
     "eds", "inc", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
     "oct", "nov", "dec",
     # titles before a name ("…was headed by Prof. Hamdallah Zedan")
     "prof", "gen", "sen", "rep", "gov", "hon", "rev", "dept", "univ", "assoc"})


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, without surrounding white space."""
    ends = sorted({m.end() for m in _ZH_END.finditer(text)} |
                  {m.end() for m in _EN_END.finditer(text) if not _after_abbreviation(text, m.start())})
    spans, start = [], 0
    for end in ends + [len(text)]:
        span = _strip(text, start, end)
        if span:
            spans.append(span)
        start = end
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of `text`, in order, without surrounding white space."""
    return [text[start:end] for start, end in sentence_spans(text)]


def _after_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12):dot])
    return word is not None and word.group(1).lower().strip(".") in _ABBREVIATIONS


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
