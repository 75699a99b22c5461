"""PDF text extraction with pdfminer.six, one page at a time (memory stays bounded on a 2,000-page
file): each page's lines (bot/ingest/pdf_lines.py) lose their running headers and footers
(furniture.py, over a window of pages) and are rebuilt into paragraphs and headings in column order
(pdf_layout.py). A page whose glyphs do not decode is reported unreadable, not indexed; a page
without a text layer but with an image is read by Tesseract when it is installed (ocr.py).

Why pdfminer.six and not pypdf: on PDFs made by reportlab (Chinese in STSong-Light, English in
Helvetica) both return the characters faithfully (similarity 1.000 for English with both; 0.9996 vs
1.000 for Chinese, where pdfminer only drops the private-use bullet U+F0B7), but only pdfminer's
layout analysis gives lines with positions and font sizes, which columns, furniture, headings and
tables need; pypdf returns bare lines and is about 3x faster (tests/benchmarks/
pdf_extractors.py prints the measurement).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSException
from pdfminer.utils import decode_text

from bot.ingest import ocr
from bot.ingest.furniture import remove_furniture
from bot.ingest.model import Block, DocumentError, DocumentMeta
from bot.ingest.pdf_layout import contents_page, page_blocks
from bot.ingest.pdf_lines import PageLines, page_lines
from bot.ingest.pdf_tables import TableMemory
from bot.ingest.pdf_title import PLACEHOLDERS, body_size, first_page_title, real_title

log = logging.getLogger(__name__)
NO_TEXT = (f"no text layer (a scan?) and Tesseract is not installed: install it ({ocr.INSTALL}) "
           "and ingest the file again, or convert it to text first")


@dataclass(slots=True)
class PageReport:
    """What the pages of one PDF gave: pages left out as unreadable (undecodable glyphs), read by
    OCR, without any text, and contents pages skipped."""

    unreadable: list[int] = field(default_factory=list)
    scanned: list[int] = field(default_factory=list)
    no_text: list[int] = field(default_factory=list)
    contents: list[int] = field(default_factory=list)
    ocr_failed: str = ""


@dataclass(slots=True)
class PdfFile:
    """An opened PDF: its page count and metadata, and its pages as blocks on demand. After the
    blocks are read, `title` holds the first page's printed title and `report` what the pages
    gave."""

    path: Path
    handle: BinaryIO
    document: PDFDocument
    pages: int
    meta: DocumentMeta
    title: str = ""
    report: PageReport = field(default_factory=PageReport)

    def blocks(self) -> Iterator[tuple[int, list[Block]]]:
        """(page number, blocks of that page) for every page, in order; a few pages in memory."""
        sizes: Counter[float] = Counter()
        tables = TableMemory()
        for (number, drawn), lines in remove_furniture(self._pages()):
            if lines.unreadable:  # its readable lines, if any, are still read
                self.report.unreadable.append(number)
            if not lines.lines:
                yield number, self._scan(number) if drawn and not lines.unreadable else []
                continue
            if contents_page(lines.lines):
                self.report.contents.append(number)
                continue
            yield number, page_blocks(lines.lines, number, sizes, lines.rules, tables)

    def _pages(self) -> Iterator[tuple[tuple[int, bool], PageLines]]:
        resources = PDFResourceManager(caching=True)
        # boxes_flow=None: no hierarchical grouping of text boxes (the lines are regrouped here), 25%
        # less CPU per page on dense pages (measured on the real PDFs of tests/benchmarks);
        # all_texts: text inside form XObjects (figures) is laid out in lines too, not lost.
        device = PDFPageAggregator(resources, laparams=LAParams(boxes_flow=None, all_texts=True))
        interpreter = PDFPageInterpreter(resources, device)
        cover: list | None = None   # page 1's lines while its title waits for page 2's body size
        try:
            for number, page in enumerate(PDFPage.create_pages(self.document), start=1):
                interpreter.process_page(page)
                lines = page_lines(device.get_result())
                if number == 1:
                    self.title = first_page_title(lines.lines)
                    cover = None if self.title else list(lines.lines)
                elif number == 2 and cover:
                    self.title = first_page_title(cover, body_size(lines.lines))
                yield (number, lines.drawn), lines
        except PSException as exc:
            raise DocumentError(f"corrupt PDF ({type(exc).__name__}: {exc}); "
                                "re-save or re-export it, then ingest it again") from exc

    def _scan(self, number: int) -> list[Block]:
        """The page read by OCR (blocks marked scanned), or nothing when Tesseract is missing or
        fails (the report says so)."""
        if ocr.tesseract() is None:
            self.report.no_text.append(number)
            return []
        try:
            texts = ocr.read_page(self.path, number)
        except (ocr.OcrError, OSError) as exc:
            log.warning("OCR of %s page %d failed: %s", self.path, number, exc)
            self.report.no_text.append(number)
            self.report.ocr_failed = str(exc)
            return []
        if texts:
            self.report.scanned.append(number)
        else:
            self.report.no_text.append(number)
        return [Block(text, number, 0, scanned=True) for text in texts]

    def close(self) -> None:
        self.handle.close()


def open_pdf(path: Path) -> PdfFile:
    """Open `path`; DocumentError for an encrypted, corrupt or non-PDF file."""
    handle = open(path, "rb")  # noqa: SIM115 - stays open while the pages are read
    try:
        document = PDFDocument(PDFParser(handle))
        pages = int(resolve1(resolve1(document.catalog.get("Pages")).get("Count", 0)) or 0)
        meta = _meta(document, path.stem)
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
    return PdfFile(path, handle, document, pages, meta)


def _meta(document: PDFDocument, stem: str) -> DocumentMeta:
    info: dict[str, Any] = {}
    for entry in document.info:
        info.update({k: resolve1(v) for k, v in entry.items()})
    # CreationDate is when the file was made, not when the document was published: not a year.
    title = real_title(_text(info.get("Title")), stem)
    author = _text(info.get("Author"))
    return DocumentMeta(title={"": title} if title else {}, publisher=author or None)


def _text(value: Any) -> str:
    """A metadata string, or "" for none or a generator's placeholder ("(anonymous)")."""
    if isinstance(value, bytes):
        try:
            value = decode_text(value)
        except (UnicodeDecodeError, ValueError):
            return ""
    text = value.strip("\x00 ").strip() if isinstance(value, str) else ""
    return "" if text.lower() in PLACEHOLDERS else text
