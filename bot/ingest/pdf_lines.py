"""The text lines of one PDF page as pdfminer laid them out, with their position and font size,
and what is wrong with them.

Why lines and not pdfminer's text boxes: boxes cut a paragraph at an indented first line, glue the
cells of a table row apart, and mix the columns of a three-column register; the lines are right,
so the page is rebuilt from them (bot/ingest/pdf_layout.py). Characters that decode to nothing
(`(cid:123)`: a font without a Unicode map) or to private-use code points are dropped here, and
counted, so a page made mostly of them is reported unreadable instead of indexed as garbage.
Rotated characters (margin stamps such as the Federal Register's typesetting slug) are left out.
Ruling lines (a table's cell borders) are kept as `Rule`s, and a text line is cut where one of
them crosses it: pdfminer runs neighbouring cells into one line when they sit close together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from statistics import median

from pdfminer.layout import (
    LTAnno,
    LTChar,
    LTCurve,
    LTFigure,
    LTImage,
    LTLine,
    LTPage,
    LTRect,
    LTTextBox,
    LTTextLine,
)

_CID = re.compile(r"\(cid:\d+\)")
# Latin ligatures a font maps to their own code points ("ﬁve", "ofﬁcials"): written out as their
# letters, or the passage's words would match neither a question's words nor its numbers ("five").
_LIGATURES = re.compile("[\ufb00-\ufb06]")
UNREADABLE_SHARE = 0.3   # a page whose characters are this much undecodable is unreadable
MIN_UNREADABLE = 20       # ... and has at least this many of them
GAP_EMS = 1.2             # a gap this many font sizes wide between characters ends a line
RULE_THICKNESS = 3.0      # points: a drawn line or rectangle at most this thick is a rule
RULE_LENGTH = 6.0         # ... and at least this long
MAX_RULES = 3000          # more drawn segments than this: a chart or a drawing, not tables


@dataclass(slots=True)
class Line:
    """One line of text: its box (PDF points, y up), median font size and whether it is bold."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool = False

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True, slots=True)
class Rule:
    """A straight ruling line drawn on the page (PDF points, y up): horizontal or vertical."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def vertical(self) -> bool:
        return self.y1 - self.y0 > self.x1 - self.x0


@dataclass(slots=True)
class PageLines:
    """A page's lines (top to bottom as found), its size, how many characters could not be
    decoded out of how many, and whether anything is drawn on it (images or vector graphics: a
    scan, or text turned into outlines, when it has no text)."""

    lines: list[Line]
    width: float
    height: float
    good: int = 0
    bad: int = 0
    drawn: bool = False
    rules: list[Rule] = field(default_factory=list)

    @property
    def unreadable(self) -> bool:
        total = self.good + self.bad
        return self.bad >= MIN_UNREADABLE and total > 0 and self.bad / total >= UNREADABLE_SHARE


def page_lines(layout: LTPage) -> PageLines:
    """Every horizontal text line of `layout`, cut where a gap is wider than any word space (a
    column gutter pdfminer bridged, a table's cell border), junk characters removed and counted;
    a line mostly of junk is left out whole."""
    page = PageLines([], layout.width, layout.height)
    text_lines = list(_lines(layout, page))
    if len(page.rules) > MAX_RULES:
        page.rules = []
    verticals = [r for r in page.rules if r.vertical]
    for text_line in text_lines:
        crossing = [r.x0 for r in verticals if r.y0 < (text_line.y0 + text_line.y1) / 2 < r.y1
                    and text_line.x0 < r.x0 < text_line.x1]
        for segment in _segments(text_line, crossing):
            text, good, bad = _clean_line(segment)
            page.good += good
            page.bad += bad
            chars = [c for c in segment if isinstance(c, LTChar) and c.upright]
            if not text.strip() or not chars or bad >= max(2, UNREADABLE_SHARE * (good + bad)):
                continue
            size = median(c.size for c in chars)
            bold = sum(_bold(c.fontname) for c in chars) > len(chars) / 2
            page.lines.append(Line(text.strip(), min(c.x0 for c in chars), text_line.y0,
                                   max(c.x1 for c in chars), text_line.y1, round(size * 2) / 2, bold))
    return page


def _segments(line: LTTextLine, rules: Sequence[float] = ()) -> Iterator[list]:
    """The line's characters, cut at gaps over GAP_EMS times the font size and at the vertical
    rules (x positions) that pass between two of them."""
    segment: list = []
    last: LTChar | None = None
    for item in line:
        if isinstance(item, LTChar) and item.upright:
            if last is not None and (
                    item.x0 - last.x1 > GAP_EMS * max(item.size, last.size, 1.0)
                    or any(last.x1 - 1.0 <= x <= item.x0 + 1.0 for x in rules)):
                yield segment
                segment = []
            last = item
        segment.append(item)
    if segment:
        yield segment


def _lines(element, page: PageLines) -> Iterator[LTTextLine]:
    for child in element:
        if isinstance(child, LTTextLine):
            yield child
        elif isinstance(child, LTTextBox):
            yield from (c for c in child if isinstance(c, LTTextLine))
        elif isinstance(child, (LTLine, LTRect)):
            page.drawn = True
            if len(page.rules) <= MAX_RULES:
                page.rules += _rules(child)
        elif isinstance(child, (LTImage, LTCurve)):
            page.drawn = True
        elif isinstance(child, LTFigure):
            page.drawn = True
            yield from _lines(child, page)


def _rules(item: LTCurve) -> list[Rule]:
    """A thin line or rectangle as one rule; a larger rectangle (a cell's frame or shading) as
    its four edges."""
    x0, y0, x1, y1 = item.bbox
    if min(x1 - x0, y1 - y0) <= RULE_THICKNESS:
        return [Rule(x0, y0, x1, y1)] if max(x1 - x0, y1 - y0) >= RULE_LENGTH else []
    if not isinstance(item, LTRect):
        return []   # a slanted line
    return [Rule(x0, y0, x1, y0), Rule(x0, y1, x1, y1), Rule(x0, y0, x0, y1), Rule(x1, y0, x1, y1)]


def _clean_line(line: list) -> tuple[str, int, int]:
    """The line's text without undecodable or rotated characters, and the counts of good and bad
    characters (spaces not counted)."""
    out: list[str] = []
    good = bad = 0
    for item in line:
        if isinstance(item, LTAnno):
            out.append(item.get_text())
            continue
        if not isinstance(item, LTChar):
            continue
        text = item.get_text()
        if _CID.fullmatch(text) or (text and all(_private(ch) for ch in text)):
            bad += 1
            out.append(" ")
            continue
        if not item.upright:
            continue
        if not text.isspace():
            good += 1
        out.append(_LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text))
    text = _CID.sub(" ", "".join(out))
    text = "".join(" " if _private(ch) else ch for ch in text)
    return re.sub(r"[ \t\u00a0]{2,}", " ", text).replace("\n", " "), good, bad


def _bold(fontname: str) -> bool:
    """Bold, heavy or black faces, and the Chinese heading faces (黑体 SimHei, FZHei...)."""
    name = fontname.lower()
    return any(w in name for w in ("bold", "heavy", "black", "hei", "semibold", "demi"))


def _private(ch: str) -> bool:
    code = ord(ch)
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000 or ch == "\ufffd"
