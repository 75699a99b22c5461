"""Blocks -> passages of a few sentences that respect the document.

A heading closes the passage before it and updates the heading path; a paragraph is cut into
sentences, gathered until a passage is long enough (or has enough sentences); short paragraphs
join the next one under the same heading. A passage that goes on over a page break records both
pages (`page`, `page_end`): it only does so when a sentence runs over the break or the text before
the break is too short to stand alone, and it ends with that paragraph. A table's rows are lines
of their passage, each whole (a row is never cut into sentences nor glued to the next), and a
passage holding rows ends with the table (and the caption or note right below it); a table running
on into a new passage repeats there the short lines above its first row (its unit line, its
caption), which say what its figures are. Each passage gets its own language (index.detect_lang:
a Chinese passage with English acronyms is still Chinese).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from bot.ingest.model import Block, Passage
from bot.ingest.textutil import is_cjk, is_leader_line, join_lines
from index import detect_lang
from index.sentences import sentences

TARGET = 320        # weighted length (a Chinese character 1, a Latin character 0.5) to close at
MIN_PARAGRAPH = 110  # a paragraph end closes a passage at least this long
MIN_PAGE = 20        # a page break closes a passage at least this long (unless mid-sentence)
MAX_SENTENCES = 6
TABLE_NOTE = 60      # a shorter paragraph right below a table (its caption, a note) joins it
HEAD_LINES = 2       # lines above a table repeated in each passage that carries it on
MAX_PIECE = 700      # a longer "sentence" (tables, lists without stops) is cut at spaces/commas
_STOPS = ".!?。！？;；"  # a line ending so is a sentence, not a caption or a unit line
_ENDS = tuple("。！？.!?;；:：”\"’)）]】")


def weight(text: str) -> float:
    return sum(1.0 if is_cjk(ch) else 0.5 for ch in text)


@dataclass(slots=True)
class _Buffer:
    parts: list[str] = field(default_factory=list)
    rows: list[bool] = field(default_factory=list)   # which parts are table rows
    first: int | None = None
    last: int | None = None
    size: float = 0.0
    scanned: bool = False
    carried: int = 0  # lines repeated from the passage before (a table's head): not counted

    def add(self, text: str, page: int | None, scanned: bool = False, row: bool = False) -> None:
        if not self.parts:
            self.first = page
            self.scanned = scanned
        self.parts.append(text)
        self.rows.append(row)
        self.last = page
        self.size += weight(text)

    def text(self) -> str:
        """The parts as text: sentences joined as wrapped lines are, table rows one per line."""
        lines: list[list[str]] = []
        for n, (part, row) in enumerate(zip(self.parts, self.rows, strict=True)):
            if row or not lines or self.rows[n - 1]:
                lines.append([part])
            else:
                lines[-1].append(part)
        return "\n".join(join_lines(line) for line in lines)


def split_passages(blocks: Iterable[Block], default_lang: str | None = None) -> Iterator[Passage]:
    """Passages of `blocks` in document order, numbered from 0."""
    heading: list[str] = []
    levels: list[int] = []
    head: list[str] = []  # the short lines right above the current table's first row
    buf = _Buffer()
    seq = 0

    def flush() -> Iterator[Passage]:
        nonlocal buf, seq
        text = buf.text()
        if text:
            lang = detect_lang(text) if any(ch.isalpha() for ch in text) else (default_lang or "en")
            yield Passage(seq, text, lang, buf.first, buf.last, tuple(heading), buf.scanned)
            seq += 1
        buf = _Buffer()

    for block in blocks:
        if is_leader_line(block.text):
            continue   # a contents line, in any format: not a passage, not a heading
        if block.level > 0:
            yield from flush()
            head = []
            while levels and levels[-1] >= block.level:
                levels.pop()
                heading.pop()
            levels.append(block.level)
            heading.append(block.text[:200])
            continue
        if buf.parts and buf.scanned != block.scanned:
            yield from flush()  # a passage is either read from text or recognised from a scan
        if buf.parts and any(buf.rows) and not block.row and weight(block.text) >= TABLE_NOTE:
            yield from flush()  # the table ends its passage (a caption or a note below joins it)
        if buf.parts and block.page != buf.last:
            mid_sentence = not buf.rows[-1] and not buf.parts[-1].rstrip().endswith(_ENDS)
            if not mid_sentence and buf.size >= MIN_PAGE:
                yield from flush()
        if not block.row:
            head = []
        elif not buf.parts and head:
            for line in head:  # a table going on in a new passage: its unit line, its caption
                buf.add(line, block.page, block.scanned)
            buf.carried = len(head)
        for piece in _row_pieces(block.text) if block.row else _pieces(block.text):
            if block.row and not any(buf.rows):
                head = _table_head(buf)
            buf.add(piece, block.page, block.scanned, block.row)
            if buf.size >= TARGET or len(buf.parts) - buf.carried >= MAX_SENTENCES:
                yield from flush()
        if not block.row and (buf.size >= MIN_PARAGRAPH or (buf.parts and buf.first != buf.last)):
            yield from flush()  # (a passage over a page break ends with its paragraph)
    yield from flush()


def _table_head(buf: _Buffer) -> list[str]:
    """The short lines just above a table's first row in its passage ("单位：万元", "Table 2.
    Fees (USD)"): a passage that carries the table on repeats them, since they say what its
    figures are (a unit of money, a year)."""
    head: list[str] = []
    for part in reversed(buf.parts):
        if weight(part) > TABLE_NOTE or len(head) == HEAD_LINES or part.rstrip()[-1:] in _STOPS \
                or not any(ch.isalpha() for ch in part):  # a stray figure is no caption
            break
        head.insert(0, part)
    return head


def _row_pieces(text: str) -> Iterator[str]:
    """A table row whole, unless it is longer than a piece may be."""
    while weight(text) > MAX_PIECE:
        cut = _cut_at(text)
        yield text[:cut].strip()
        text = text[cut:].strip()
    if text:
        yield text


def _pieces(text: str) -> Iterator[str]:
    for sentence in sentences(text):
        while weight(sentence) > MAX_PIECE:
            cut = _cut_at(sentence)
            yield sentence[:cut].strip()
            sentence = sentence[cut:].strip()
        if sentence:
            yield sentence


def _cut_at(text: str) -> int:
    """An index near MAX_PIECE weight, moved back to a comma or space when one is near."""
    total, end = 0.0, len(text)
    for i, ch in enumerate(text):
        total += 1.0 if is_cjk(ch) else 0.5
        if total >= MAX_PIECE:
            end = i
            break
    for mark in ("，", "、", ", ", " "):
        at = text.rfind(mark, end // 2, end)
        if at != -1:
            return at + len(mark)
    return max(end, 1)
