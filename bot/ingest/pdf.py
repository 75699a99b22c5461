"""PDF text extraction with pdfminer.six, one page at a time (memory stays bounded on a 2,000-page
file): each text box is a paragraph, and a short box set in a larger font than the body is a heading.

Why pdfminer.six and not pypdf: on PDFs made by reportlab (Chinese in STSong-Light, English in
Helvetica) both return the characters faithfully (similarity 1.000 for English with both; 0.9996 vs
1.000 for Chinese, where pdfminer only drops the private-use bullet U+F0B7), but only pdfminer's
layout analysis gives paragraphs (text boxes) and font sizes, which the passages need to split at
headings and paragraphs; pypdf returns bare lines and is about 3x faster (tests/benchmarks/
pdf_extractors.py prints the measurement).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any, BinaryIO

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTPage, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSException
from pdfminer.utils import decode_text

from bot.ingest.model import Block, DocumentError, DocumentMeta
from bot.ingest.textutil import join_lines

HEADING_RATIO = 1.15      # a box at least this much larger than the body text may be a heading
HEADING_MAX_CHARS = 150
HEADING_MAX_LINES = 3
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:/\s*\d{1,4})?\s*$|"
                          r"^\s*第\s*\d{1,4}\s*页\s*$", re.IGNORECASE)
NO_TEXT = "no text layer: OCR is not supported; convert it first"


@dataclass(slots=True)
class PdfFile:
    """An opened PDF: its page count and metadata, and its pages as blocks on demand."""

    handle: BinaryIO
    document: PDFDocument
    pages: int
    meta: DocumentMeta

    def blocks(self) -> Iterator[tuple[int, list[Block]]]:
        """(page number, blocks of that page) for every page, in order; one page in memory."""
        resources = PDFResourceManager(caching=True)
        device = PDFPageAggregator(resources, laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        sizes: Counter[float] = Counter()
        try:
            for number, page in enumerate(PDFPage.create_pages(self.document), start=1):
                interpreter.process_page(page)
                layout = device.get_result()
                yield number, _page_blocks(layout, number, sizes)
        except PSException as exc:
            raise DocumentError(f"corrupt PDF ({type(exc).__name__}: {exc}); "
                                "re-save or re-export it, then ingest it again") from exc

    def close(self) -> None:
        self.handle.close()


def open_pdf(path: Path) -> PdfFile:
    """Open `path`; DocumentError for an encrypted, corrupt or non-PDF file."""
    handle = open(path, "rb")  # noqa: SIM115 - stays open while the pages are read
    try:
        document = PDFDocument(PDFParser(handle))
        pages = int(resolve1(resolve1(document.catalog.get("Pages")).get("Count", 0)) or 0)
        meta = _meta(document)
    except PDFPasswordIncorrect:
        handle.close()
        raise DocumentError("encrypted PDF: it needs a password; save an unencrypted copy and "
                            "ingest that") from None
    except PDFEncryptionError as exc:
        handle.close()
        raise DocumentError(f"encrypted PDF ({exc}); save an unencrypted copy and ingest that") from None
    except (PSException, AttributeError, TypeError, ValueError, KeyError) as exc:
        handle.close()
        raise DocumentError(f"corrupt or not a PDF ({type(exc).__name__}); re-export it from "
                            "the original, then ingest it again") from None
    return PdfFile(handle, document, pages, meta)


def _meta(document: PDFDocument) -> DocumentMeta:
    info: dict[str, Any] = {}
    for entry in document.info:
        info.update({k: resolve1(v) for k, v in entry.items()})
    # CreationDate is when the file was made, not when the document was published: not a year.
    title, author = _text(info.get("Title")), _text(info.get("Author"))
    return DocumentMeta(title={"": title} if title else {}, publisher=author or None)


_PLACEHOLDERS = {"(anonymous)", "anonymous", "untitled", "unknown", "(unspecified)"}


def _text(value: Any) -> str:
    """A metadata string, or "" for none or a generator's placeholder ("(anonymous)")."""
    if isinstance(value, bytes):
        try:
            value = decode_text(value)
        except (UnicodeDecodeError, ValueError):
            return ""
    text = value.strip("\x00 ").strip() if isinstance(value, str) else ""
    return "" if text.lower() in _PLACEHOLDERS else text


def _page_blocks(layout: LTPage, page: int, sizes: Counter[float]) -> list[Block]:
    """The page's text boxes in reading order, as blocks; running page numbers dropped."""
    boxes = []
    for element in layout:
        if not isinstance(element, LTTextBox):
            continue
        lines = [line for line in element if isinstance(line, LTTextLine)]
        texts = [line.get_text().strip() for line in lines]
        text = join_lines(t for t in texts if t)
        if not text or _PAGE_NUMBER.match(text):
            continue
        chars = [c.size for line in lines for c in line if isinstance(c, LTChar)]
        size = round(median(chars) * 2) / 2 if chars else 0.0
        sizes[size] += len(text)
        boxes.append((text, size, len(lines)))
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    return [Block(text, page, _level(text, size, n_lines, body)) for text, size, n_lines in boxes]


def _level(text: str, size: float, lines: int, body: float) -> int:
    if body <= 0 or size < body * HEADING_RATIO:
        return 0
    if len(text) > HEADING_MAX_CHARS or lines > HEADING_MAX_LINES:
        return 0
    ratio = size / body
    return 1 if ratio >= 1.6 else 2 if ratio >= 1.3 else 3
