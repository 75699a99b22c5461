"""Opens a file of any supported format as a `Source`: its metadata, page count when known, and
its blocks in order (streamed page by page for PDF). Unknown extensions, unreadable encodings and
empty files are `DocumentError`s with the fix."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bot.ingest.model import Block, DocumentError, DocumentMeta
from bot.ingest.sidecar import parse_front_matter

if TYPE_CHECKING:
    from bot.ingest.pdf import PageReport

FORMATS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html",
           ".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text"}
MAX_TEXT_BYTES = 200 * 1024 * 1024


@dataclass(slots=True)
class Source:
    """An opened document: blocks are produced lazily by `blocks()` (once). Once they are read,
    `printed_title()` is the title printed on the first page ("" if none is known) and `report()`
    what a PDF's pages gave (None for other formats)."""

    format: str
    meta: DocumentMeta
    pages: int | None
    blocks: Callable[[], Iterator[Block]]
    close: Callable[[], None] = field(default=lambda: None)
    printed_title: Callable[[], str] = field(default=lambda: "")
    report: Callable[[], PageReport | None] = field(default=lambda: None)


def supported(path: Path) -> bool:
    return path.suffix.lower() in FORMATS


def open_source(path: Path) -> Source:
    """Open `path` by its extension; DocumentError when it cannot be read."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DocumentError(f"unknown file type '{path.suffix or '(none)'}'; supported: "
                            f"{', '.join(sorted(set(FORMATS)))}. Convert it (e.g. .doc to .docx) first")
    if path.stat().st_size == 0:
        raise DocumentError("empty document: the file has no content")
    if fmt == "pdf":
        from bot.ingest.pdf import open_pdf
        pdf = open_pdf(path)

        def pdf_blocks() -> Iterator[Block]:
            for _page, blocks in pdf.blocks():
                yield from blocks

        return Source("pdf", pdf.meta, pdf.pages, pdf_blocks, pdf.close,
                      lambda: pdf.title, lambda: pdf.report)
    if fmt == "docx":
        from bot.ingest.docx import read_docx
        meta, blocks = read_docx(path)
        return Source("docx", meta, None, lambda: blocks)
    text = decode(path)
    if fmt == "html":
        from bot.ingest.html import read_html
        meta, blocks = read_html(text)
        return Source("html", meta, None, lambda: blocks)
    from bot.ingest.plaintext import front_matter, markdown_blocks, markdown_title, text_blocks
    pages = text.count("\f") + 1 if "\f" in text else None
    if fmt == "markdown":
        head, body = front_matter(text)
        meta = parse_front_matter(head, f"{path} (front matter)") if head else DocumentMeta()
        return Source("markdown", meta, pages, lambda: markdown_blocks(body), printed_title=lambda: markdown_title(body))
    return Source("text", DocumentMeta(), pages, lambda: text_blocks(text))


def decode(path: Path) -> str:
    """The text of a file in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise DocumentError(f"text file over {MAX_TEXT_BYTES // 2**20} MiB; split it first")
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise DocumentError("binary data, not text; export it as text, PDF, DOCX or HTML first")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise DocumentError("not UTF-8, UTF-16 or GB18030 text; save it as UTF-8 first")
