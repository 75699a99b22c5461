"""Markdown and plain-text extraction: paragraphs separated by blank lines, Markdown headings
(# ATX and underlined setext) as headings, inline markup removed, an optional YAML front matter as
metadata, and form feeds (as `pdftotext` writes between pages) as page breaks."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from bot.ingest.model import Block
from bot.ingest.textutil import join_lines

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LIST = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_FRONT = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*\n", re.DOTALL)


def front_matter(text: str) -> tuple[str | None, str]:
    """(YAML front matter or None, the rest of the text)."""
    match = _FRONT.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end():]


def markdown_blocks(text: str) -> Iterator[Block]:
    """Headings and paragraphs of a Markdown text (code blocks kept as paragraphs)."""
    return _blocks(text, markdown=True)


def markdown_title(text: str, within: int = 20) -> str:
    """The document's own title: its first top-level heading among its first `within` blocks
    ("# Notes on the Uganda data bank"), else "" (the file name then stands in)."""
    return next((b.text for b in itertools.islice(markdown_blocks(text), within) if b.level == 1), "")


def text_blocks(text: str) -> Iterator[Block]:
    """Paragraphs of a plain text."""
    return _blocks(text, markdown=False)


def _blocks(text: str, markdown: bool) -> Iterator[Block]:
    paged = "\f" in text
    for number, page_text in enumerate(text.split("\f"), start=1):
        page = number if paged else None
        lines: list[str] = []
        fenced = False
        raw = page_text.splitlines()
        for i, line in enumerate(raw):
            if markdown and _FENCE.match(line):
                fenced = not fenced
                continue
            if markdown and not fenced:
                atx = _ATX.match(line)
                nxt = raw[i + 1] if i + 1 < len(raw) else ""
                if atx or (lines and len(lines) == 1 and _SETEXT.match(line)):
                    if atx:
                        yield from _paragraph(lines, page)
                        lines = []
                        yield Block(_inline(atx.group(2)), page, len(atx.group(1)))
                    else:
                        yield Block(_inline(lines[0]), page, 1 if line.strip()[0] == "=" else 2)
                        lines = []
                    continue
                if _SETEXT.match(line) and not lines:
                    continue  # a thematic break (---) between paragraphs
                if _LIST.match(line) and lines and not _SETEXT.match(nxt):
                    yield from _paragraph(lines, page)
                    lines = []
                line = _LIST.sub("", line)
            if not line.strip():
                yield from _paragraph(lines, page, markdown)
                lines = []
            else:
                lines.append(line)
        yield from _paragraph(lines, page, markdown)


def _paragraph(lines: list[str], page: int | None, markdown: bool = True) -> Iterator[Block]:
    text = join_lines(lines)
    if markdown:
        text = _inline(text)
    if text.strip():
        yield Block(text.strip(), page)


def _inline(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    for _ in range(2):
        text = _EMPHASIS.sub(r"\2", text)
    return text.strip()
