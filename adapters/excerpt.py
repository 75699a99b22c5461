"""One line of a citation's text: what every renderer shows under a title, so that a three-citation
answer fits a phone screen or a 24-line terminal (the rest is behind `show ID` / Full text)."""

from __future__ import annotations

import re

from adapters.terminal import char_width
from bot.answer.full_text import showable
from bot.foundation.answers import Citation

Spans = tuple[tuple[int, int], ...]
EXCERPT_COLUMNS = 140   # on a phone: two or three lines (a Chinese character takes two columns)
_BREAK = re.compile(r"[\s，。、；：,;:]")
# A paragraph's label ("What the Sourcebook says (theme 2, …): ", "《信息指南》的内容（主题二…）："):
# in one line there is no room for it; the title and the source line say whose words they are.
_LABEL = re.compile(r"^[^:：。.!?！？\n]{1,90}[)）][:：]\s*")


def citation_excerpt(cite: Citation, width: int = EXCERPT_COLUMNS) -> tuple[str, Spans]:
    """What a renderer shows under a citation's title: one line, or the whole text when the
    citation is the full text itself (show ID), with the highlighted spans of what is shown."""
    if showable(cite):
        return one_line(cite.snippet, cite.highlights, width)
    return cite.snippet, cite.highlights


def one_line(text: str, spans: Spans, width: int) -> tuple[str, Spans]:
    """`text` cut to at most `width` display columns (a Chinese character takes two), at a word
    or clause boundary where one is near, with "…" when cut; `spans` clipped to what is kept.
    A snippet of several lines (a lesson with its sub-points a), b) …) is a list: kept whole."""
    if "\n" in text.strip():
        return text, spans
    label = _LABEL.match(text)
    if label and label.end() < len(text):
        cut = label.end()
        text = text[cut:]
        spans = tuple((max(0, s - cut), e - cut) for s, e in spans if e > cut)
    used, end = 0, len(text)
    for i, ch in enumerate(text):
        used += char_width(ch)
        if used > width - 1:
            end = i
            break
    if end == len(text):
        return text, _clip(spans, len(text))
    boundary = max((m.start() for m in _BREAK.finditer(text, 0, end)), default=-1)
    if boundary > end * 2 // 3:
        end = boundary
    kept = text[:end].rstrip(" ，、；：,;:")
    return kept + "…", _clip(spans, len(kept))


def _clip(spans: Spans, length: int) -> Spans:
    return tuple((max(0, s), min(e, length)) for s, e in spans if max(0, s) < min(e, length))
