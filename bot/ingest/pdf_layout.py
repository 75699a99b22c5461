"""One page's lines in reading order, as paragraphs and headings (`Block`s).

Reading order: lines wider than most of the text area (a title, a full-width paragraph) cut the
page into bands; inside a band, the other lines fall into columns by their horizontal extent,
read left to right, each top to bottom, so a three-column register reads column by column. A band
whose columns share their baselines and are not all text columns is a table, and so is a grid of
ruling lines; either way each row stays one line that carries its column headers (pdf_tables.py).
Paragraphs are rebuilt from the lines (a gap, a size or weight change,
or a short line ending a sentence ends one), headings are paragraphs set larger or in bold that
look like headings, and contents lines with dot leaders ("2.2 Separation . . . . 14") are dropped
(a page made mostly of them is a contents page and gives no block at all).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.ingest.model import Block
from bot.ingest.pdf_lines import Line, Rule
from bot.ingest.pdf_tables import TableLine, TableMemory, aligned_rows, ruled_tables
from bot.ingest.textutil import is_leader_line, join_lines

WIDE = 0.62            # a line wider than this share of the text area spans columns
HEADING_RATIO = 1.15
HEADING_MAX_CHARS = 150
HEADING_MAX_LINES = 3
GUTTER = 6.0          # points: the narrowest white strip between two columns
TABLE_ALIGNED = 0.6    # share of a band's lines that share a baseline with another column
_CONTENTS = re.compile(r"^(?:table\s+of\s+)?contents$|^目\s*录$|^目\s*次$", re.IGNORECASE)
_ENDS = tuple(".!?。！？:：;；")


def looks_like_heading(text: str) -> bool:
    """Short, with words, not a list of repeated tokens or a clause cut at ';' or ','."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < 2 or len(text) > HEADING_MAX_CHARS or text.rstrip().endswith((";", ",", "；", "，", "、")):
        return False
    words = text.split()
    if len(words) >= 3 and len(set(w.lower() for w in words)) <= len(words) / 2:
        return False
    return not is_leader_line(text) and text[0] not in "•·-–—*"


@dataclass(slots=True)
class _Para:
    lines: list[Line]
    table: list[str] | None = None   # a table's rows

    @property
    def size(self) -> float:
        return Counter(line.size for line in self.lines).most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)

    def text(self) -> str:
        return join_lines(line.text for line in self.lines)


def contents_page(lines: list[Line]) -> bool:
    """A table of contents: mostly dot-leader lines, or a 'Contents' title and some of them."""
    leaders = sum(is_leader_line(line.text) for line in lines)
    titled = any(_CONTENTS.match(line.text.strip()) for line in lines[:6])
    return leaders >= 4 and (leaders >= 0.3 * len(lines) or titled)


def page_blocks(lines: list[Line], page: int, sizes: Counter[float], rules: Sequence[Rule] = (),
                tables: TableMemory | None = None) -> list[Block]:
    """The blocks of one page; `sizes` (characters per font size, over the pages so far) tells
    the body size, and is updated; `rules` are the page's ruling lines; `tables` remembers the
    last table header over the pages."""
    lines = [line for line in lines if not is_leader_line(line.text)]
    if not lines:
        return []
    memory = tables if tables is not None else TableMemory()
    grids, lines = ruled_tables(lines, rules, memory)
    lines = [*lines, *grids]
    paras = [para for band in _bands(lines) for para in _band_paragraphs(band, memory)]
    for para in paras:
        if para.table is None:
            for line in para.lines:
                sizes[line.size] += len(line.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    blocks: list[Block] = []
    for para in paras:
        if para.table is not None:
            blocks += [Block(row, page, row=True) for row in para.table]
            continue
        text = para.text()
        if text:
            blocks.append(Block(text, page, _level(para, text, body)))
    return blocks


def _level(para: _Para, text: str, body: float) -> int:
    if len(para.lines) > HEADING_MAX_LINES or not looks_like_heading(text) or body <= 0:
        return 0
    ratio = para.size / body
    if ratio >= HEADING_RATIO:
        return 1 if ratio >= 1.6 else 2 if ratio >= 1.3 else 3
    if para.bold and ratio > 0.95 and not text.endswith(_ENDS[:4]) and len(text) <= 100:
        return 4
    return 0


def _bands(lines: list[Line]) -> list[list[list[Line]]]:
    """Bands top to bottom, each a list of columns (left to right) of lines (top to bottom)."""
    left = min(line.x0 for line in lines)
    width = max(line.x1 for line in lines) - left or 1.0
    gutters = _gutters([x for x in lines if x.width < WIDE * width], left, left + width)
    ordered = sorted(lines, key=lambda line: (-line.y1, line.x0))
    bands: list[list[list[Line]]] = []
    narrow: list[Line] = []
    for line in ordered:
        wide = line.width >= WIDE * width and not _beside(line, lines)
        if wide or any(line.x0 < a and line.x1 > b for a, b in gutters):
            if narrow:
                bands.append(_columns(narrow))
                narrow = []
            bands.append([[line]])
        else:
            narrow.append(line)
    if narrow:
        bands.append(_columns(narrow))
    return bands


def _beside(line: Line, lines: list[Line]) -> bool:
    """Some other line on the same strip of the page, left or right of this one (a sidebar)."""
    return any(o.y0 < line.y1 - 1 and o.y1 > line.y0 + 1 and (o.x0 >= line.x1 or o.x1 <= line.x0)
               for o in lines if o is not line)


def _gutters(lines: list[Line], left: float, right: float) -> list[tuple[float, float]]:
    """The white strips between columns: x-ranges (at least GUTTER wide, inside the text area)
    that almost no line crosses; a centred line bridging two columns does not hide them."""
    if len(lines) < 6:
        return []
    bins = [0] * (int(right - left) + 2)
    for line in lines:
        for x in range(int(line.x0 - left), int(line.x1 - left) + 1):
            bins[x] += 1
    low = max(1, int(0.15 * max(bins)))
    out, start = [], None
    for x, n in enumerate(bins):
        if n <= low and start is None:
            start = x
        elif n > low and start is not None:
            if start > 0 and x - start >= GUTTER:
                out.append((left + start, left + x))
            start = None
    return out


def _columns(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped by overlapping horizontal extent, left to right."""
    groups: list[list[Line]] = []
    right = float("-inf")
    for line in sorted(lines, key=lambda line: line.x0):
        if groups and line.x0 < right - 1.0:
            groups[-1].append(line)
            right = max(right, line.x1)
        else:
            groups.append([line])
            right = line.x1
    return [sorted(group, key=lambda line: (-line.y1, line.x0)) for group in groups]


def _band_paragraphs(columns: list[list[Line]], memory: TableMemory) -> list[_Para]:
    if len(columns) < 2 or any(isinstance(x, TableLine) for c in columns for x in c) \
            or not _is_table(columns):
        return [para for column in columns for para in _paragraphs(column)]
    # A table: the lines above its first row (a heading, a caption) and below its last are text.
    lines = [line for column in columns for line in column]
    aligned = [line for line in lines if _partnered(line, lines)]
    top, bottom = max(x.y1 for x in aligned), min(x.y0 for x in aligned)
    above = sorted((x for x in lines if x.y0 >= top - 0.5), key=lambda x: (-x.y1, x.x0))
    below = sorted((x for x in lines if x.y1 <= bottom + 0.5), key=lambda x: (-x.y1, x.x0))
    inside = [x for x in lines if x not in above and x not in below]
    table = _Para(inside, aligned_rows(_columns(inside), memory))
    return _paragraphs(above) + [table] + _paragraphs(below)


def _partnered(line: Line, lines: list[Line]) -> bool:
    """Another line on the same baseline, beside this one (a cell of the same row)."""
    return any(o is not line and abs(_mid(o) - _mid(line)) < 0.5 * max(line.height, 1.0)
               and (o.x0 >= line.x1 or o.x1 <= line.x0) for o in lines)


def _is_table(columns: list[list[Line]]) -> bool:
    lines = [line for column in columns for line in column]
    if len(lines) < 4:
        return False
    spans = [(min(x.x0 for x in c), max(x.x1 for x in c)) for c in columns]
    total = max(s[1] for s in spans) - min(s[0] for s in spans) or 1.0
    fill = sum(line.width / (spans[i][1] - spans[i][0] or 1.0)
               for i, c in enumerate(columns) for line in c) / len(lines)
    text_columns = all(s[1] - s[0] >= 0.22 * total for s in spans) and fill >= 0.75
    if text_columns or len(columns) < 3 and fill >= 0.6:
        return False
    return sum(_partnered(line, lines) for line in lines) >= TABLE_ALIGNED * len(lines)


def _mid(line: Line) -> float:
    return (line.y0 + line.y1) / 2


def _paragraphs(column: list[Line]) -> list[_Para]:
    """A column's lines as paragraphs (a table drawn as a grid is one of its own)."""
    if not column:
        return []
    left = min(line.x0 for line in column)
    right = max(line.x1 for line in column)
    paras = [_Para([column[0]])]
    for prev, line in zip(column, column[1:], strict=False):
        if isinstance(line, TableLine) or isinstance(prev, TableLine) or _breaks(prev, line, left, right):
            paras.append(_Para([line]))
        else:
            paras[-1].lines.append(line)
    for para in paras:
        if isinstance(para.lines[0], TableLine):
            para.table = para.lines[0].rows
    return paras


def _breaks(prev: Line, line: Line, left: float, right: float) -> bool:
    size = max(prev.size, line.size, 1.0)
    gap = prev.y0 - line.y1
    if gap > 0.75 * size or gap < -0.5 * size or abs(prev.size - line.size) > 0.6:
        return True
    if prev.bold != line.bold and (prev.bold and len(prev.text) <= 100):
        return True
    ended = prev.text.rstrip().endswith(_ENDS)
    short = prev.x1 < right - 0.15 * (right - left)
    indented = line.x0 > left + 1.2 * size
    return ended and (short or indented)
