"""Running headers, footers and page numbers: lines that come back at the top or bottom of most
pages are page furniture, not content, and would otherwise open every passage and compete in
ranking ("Federal Register / Vol. 85, No. 152 / Thursday, August 6, 2020 / Proposed Rules").

A line is furniture when, with its digits and spaces ignored (the page number varies), it is among the few
top or bottom lines of at least FURNITURE_SHARE of the pages around it (a window, so a 2,000-page
file is never held in memory and a header that changes with the chapter is still found). Recto and
verso headers that alternate each reach half of the pages, hence a share below one half.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from typing import TypeVar

from bot.ingest.pdf_lines import Line, PageLines

EDGE_LINES = 3          # lines from the top and from the bottom that may be furniture
WINDOW = 6              # pages on each side that vote
FURNITURE_SHARE = 0.4   # of the pages in the window
MIN_PAGES = 3           # a line on fewer pages than this is never furniture
_PAGE_NUMBER = re.compile(r"^\s*(?:page|p\.|页)?\s*[-–—(]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—)]?\s*"
                          r"(?:(?:/|of|共)\s*\d{1,4}\s*页?)?\s*$|^\s*第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?\s*$",
                          re.IGNORECASE)

T = TypeVar("T")


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def key(text: str) -> str:
    """The line as compared across pages: digits, case and spaces ignored (a page number may be
    part of the header line on one page and a line of its own on the next)."""
    return re.sub(r"[\d\s]+", "", text.lower())


def edge_keys(page: PageLines) -> set[str]:
    """The keys of the page's top and bottom lines (by position, whatever the reading order)."""
    lines = sorted(page.lines, key=lambda line: -line.y1)
    edges = lines[:EDGE_LINES] + lines[-EDGE_LINES:]
    return {key(line.text) for line in edges}


def remove_furniture(pages: Iterable[tuple[T, PageLines]]) -> Iterator[tuple[T, PageLines]]:
    """`pages` with their running headers, footers and page numbers taken out, in order; at most
    2 * WINDOW + 1 pages are held at a time."""
    window: deque[tuple[T, PageLines, set[str]]] = deque()
    counts: Counter[str] = Counter()
    index = 0   # position in `window` of the next page to emit
    for tag, page in pages:
        keys = edge_keys(page)
        window.append((tag, page, keys))
        counts.update(keys)
        while len(window) - index > WINDOW:
            yield _emit(window, index, counts)
            index += 1
            if index > WINDOW:
                _, _, old = window.popleft()
                counts.subtract(old)
                index -= 1
    while index < len(window):
        yield _emit(window, index, counts)
        index += 1


def _emit(window: deque, index: int, counts: Counter[str]) -> tuple:
    tag, page, keys = window[index]
    pages = len(window)
    needed = max(MIN_PAGES, FURNITURE_SHARE * pages)
    furniture = {k for k in keys if counts[k] >= needed and k}
    lines = sorted(page.lines, key=lambda line: -line.y1)
    edges = {id(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}
    furnished = {id(line) for line in lines if id(line) in edges and key(line.text) in furniture}
    rest = [line for line in lines if id(line) not in furnished]
    alone = {id(line) for line in lines if not _beside(line, rest)}
    edges &= alone | furnished
    page.lines = [line for line in page.lines if not _drop(line, id(line) in edges, furniture)]
    return tag, page


def _beside(line: Line, lines: list[Line]) -> bool:
    """Another line on the same strip (a table cell beside a number is not a page number)."""
    return any(o is not line and o.y0 < line.y1 - 1 and o.y1 > line.y0 + 1 for o in lines)


def _drop(line: Line, at_edge: bool, furniture: set[str]) -> bool:
    return at_edge and (key(line.text) in furniture or is_page_number(line.text))
