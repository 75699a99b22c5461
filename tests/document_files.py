"""Real documents made in the tests: PDFs laid out by reportlab (Chinese in its built-in CID font
STSong-Light, so no font file is needed), DOCX by python-docx, HTML and Markdown as text. The PDF
builders report which page each paragraph landed on, as reportlab laid it out, so tests can check
the pages the bot cites against the layout itself."""

from __future__ import annotations

import re
from pathlib import Path

from paths import SEED, require
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
CJK = "STSong-Light"


EN_PAGES = [
    [("h1", "1 Institutional arrangements"),
     ("p", ("National focal points of the biodiversity-related conventions meet in a national "
           "committee. The committee agrees on joint positions before each meeting."))],
    [("h2", "1.1 Informal coordination"),
     ("p", ("Informal coordination among focal points builds trust. It costs little and can start "
           "at once."))],
    [("h1", "2 Information management"),
     ("p", "A shared information system reduces the duplication of national reporting.")],
]


def _style(size: float, font: str) -> ParagraphStyle:
    return ParagraphStyle(f"s{size}{font}", fontName=font, fontSize=size, leading=size * 1.45,
                          spaceAfter=size * 0.6, wordWrap="CJK" if font == CJK else None)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Tracked(SimpleDocTemplate):
    """Records the page and plain text of every paragraph it draws."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.drawn: list[tuple[int, str]] = []

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, Paragraph):
            self.drawn.append((self.page, flowable.getPlainText()))


def make_pdf(path: Path, pages: list[list[tuple[str, str]]], font: str = "Helvetica",
             title: str | None = None) -> Path:
    """One list of (kind, text) per page; kind is h1, h2 or p. Pages are forced with breaks."""
    doc = _Tracked(str(path), pagesize=A4, title=title or "", author="")
    story: list = []
    for n, page in enumerate(pages):
        if n:
            story.append(PageBreak())
        for kind, text in page:
            size = {"h1": 20, "h2": 15}.get(kind, 10.5)
            story.append(Paragraph(_escape(text), _style(size, font)))
    doc.build(story)
    return path


def layout_pdf(path: Path, blocks: list[tuple[str, str]], font: str = CJK,
               size: float = 11) -> list[tuple[int, str]]:
    """Flow (kind, text) blocks (h1, h2 or p) over as many pages as they need; returns what
    reportlab drew on which page: (page, text) for each paragraph (never split: a paragraph
    that does not fit moves to the next page whole, so its words are on one known page)."""
    doc = _Tracked(str(path), pagesize=A4, allowSplitting=0)
    doc.build([Paragraph(_escape(text), _style({"h1": 20, "h2": 15}.get(kind, size), font))
               for kind, text in blocks])
    return doc.drawn


def pages_with(drawn: list[tuple[int, str]], words: str) -> set[int]:
    """The pages on which reportlab drew `words`."""
    return {page for page, text in drawn if words in text}


_ENDS = ("。", "：", "；", "）", ":", ";")


def seed_blocks() -> list[tuple[str, str]]:
    """The seed as (kind, text) blocks. Its lines are wrapped mid-sentence: lines are joined
    until a sentence ends; a short line without punctuation between paragraphs is a heading
    (执行摘要, 制度安排 ...); bullet lines (U+F0B7) are items of their own."""
    lines = [line.strip() for line in require(SEED).read_text("utf-8").splitlines() if line.strip()]
    blocks: list[tuple[str, str]] = []
    current = ""
    for line in lines:
        bullet = line.startswith("\uf0b7")
        line = line.replace("\uf0b7", "").strip()
        heading = (len(line) <= 20 and not re.search(r"[。，；：、,.;:）)]$", line)
                   and (not current or current.endswith(_ENDS)) and not bullet)
        if current and (current.endswith(_ENDS) or heading or bullet):
            blocks.append(("p", current))
            current = ""
        if heading:
            blocks.append(("h2", line))
        else:
            current += line
    if current:
        blocks.append(("p", current))
    return blocks


def make_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """Pages with graphics and no text operators at all: what a scan looks like to a parser."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        for i in range(20):
            c.rect(50 + i * 10, 100 + i * 20, 300, 12, fill=1)
        c.showPage()
    c.save()
    return path


def make_encrypted_pdf(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt="s3cret-password")
    c.drawString(100, 700, "Confidential national report on biodiversity cooperation.")
    c.showPage()
    c.save()
    return path


def make_long_pdf(path: Path, pages: int) -> Path:
    """A long PDF with one short paragraph per page, made with the canvas (fast). The words vary
    from page to page (not only the numbers), or the lines would be running headers."""
    topics = ["wetlands", "forests", "trade", "migratory species", "plant genetics", "heritage", "data"]
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, pages + 1):
        topic, other = topics[n % 7], topics[(n * 3 + 1) % 7]
        c.drawString(72, 760, f"Section {n}. Focal point coordination note on {topic}, number {n}.")
        c.drawString(72, 745, f"The committee met on day {n} and agreed on joint reporting on {other}.")
        c.showPage()
    c.save()
    return path


def make_docx(path: Path, pages: list[list[tuple[str, str]]], title: str | None = None) -> Path:
    """Like make_pdf: (kind, text) per page, with Word page breaks between pages; kind "table"
    takes cells separated by '|'."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for n, page in enumerate(pages):
        if n:
            document.add_page_break()
        for kind, text in page:
            if kind in ("h1", "h2"):
                document.add_heading(text, level=int(kind[1]))
            elif kind == "table":
                cells = text.split("|")
                table = document.add_table(rows=1, cols=len(cells))
                for cell, value in zip(table.rows[0].cells, cells, strict=True):
                    cell.text = value
            else:
                document.add_paragraph(text)
    document.save(str(path))
    return path
