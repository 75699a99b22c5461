"""DOCX extraction with python-docx: paragraphs and table rows in body order, headings from the
paragraph styles (Title, Heading N) or outline levels, and page numbers from the page breaks Word
records (explicit breaks and the last rendered layout), so citations can say where to look."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from bot.ingest.model import Block, DocumentError, DocumentMeta

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def read_docx(path: Path) -> tuple[DocumentMeta, Iterator[Block]]:
    """Metadata and blocks of a .docx file; DocumentError when it is not a readable DOCX."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(f"corrupt or not a DOCX file ({type(exc).__name__}); open and save it "
                            "again in a word processor, then ingest it again") from None
    props = document.core_properties
    meta = DocumentMeta(title={"": props.title.strip()} if props.title and props.title.strip() else {},
                        publisher=(props.author or "").strip() or None,
                        year=props.created.year if props.created else None)
    return meta, _blocks(document)


def _blocks(document) -> Iterator[Block]:
    page = 1
    styles = {s.style_id: s.name for s in document.styles}
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            level = _level(element, styles)
            text, breaks_before, breaks_after = _paragraph(element)
            page += breaks_before
            if text:
                yield Block(text, page, level)
            page += breaks_after
        elif element.tag == f"{_W}tbl":
            for row in element.iter(f"{_W}tr"):
                cells = [" ".join(_paragraph(p)[0] for p in cell.iter(f"{_W}p")).strip()
                         for cell in row.iter(f"{_W}tc")]
                text = " | ".join(c for c in cells if c)
                if text:
                    yield Block(text, page)


def _paragraph(p) -> tuple[str, int, int]:
    """Text of a paragraph and the page breaks before and after its text (a break inside the
    text counts after: the paragraph is cited on the page it starts on)."""
    parts: list[str] = []
    before = after = 0
    pending_break = False  # Word writes lastRenderedPageBreak right after an explicit break
    for node in p.iter():
        tag = node.tag
        if tag == f"{_W}t" and node.text:
            parts.append(node.text)
            pending_break = False
        elif tag == f"{_W}tab":
            parts.append(" ")
        elif tag == f"{_W}br" and node.get(f"{_W}type") == "page" or (
                tag == f"{_W}lastRenderedPageBreak" and not pending_break):
            pending_break = tag == f"{_W}br"
            if "".join(parts).strip():
                after += 1
            else:
                before += 1
        elif tag == f"{_W}pageBreakBefore" and node.get(f"{_W}val", "true") not in ("0", "false"):
            before += 1
    return "".join(parts).strip(), before, after


def _level(p, styles: dict[str, str]) -> int:
    ppr = p.find(f"{_W}pPr")
    if ppr is None:
        return 0
    style = ppr.find(f"{_W}pStyle")
    name = styles.get(style.get(f"{_W}val"), style.get(f"{_W}val")) if style is not None else ""
    if name and name.lower() == "title":
        return 1
    match = _HEADING.match(name or "")
    if match:
        return int(match.group(1))
    outline = ppr.find(f"{_W}outlineLvl")
    if outline is not None and (outline.get(f"{_W}val") or "").isdigit():
        value = int(outline.get(f"{_W}val") or 9)
        return value + 1 if value < 9 else 0
    return 0
