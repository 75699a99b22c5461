"""Real PDFs with the layouts real documents have, drawn in the tests with reportlab's canvas at
known positions: running headers and footers, two columns, a table, hyphenated line ends, a
contents page, a font without a Unicode map (its /ToUnicode removed with pypdf, as broken
exporters leave it), and scans (text drawn into an image with Pillow, saved as an image-only PDF)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

WIDTH, HEIGHT = A4
HEADER = "Journal of Focal Point Studies · Vol. 7"


def running_headers_pdf(path: Path, paragraphs: list[list[str]]) -> Path:
    """One page per list of lines (body text at 11 pt), each page with the same running header,
    a footer with the page number, and the body below."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for n, lines in enumerate(paragraphs, start=1):
        c.setFont("Helvetica", 9)
        c.drawString(72, HEIGHT - 40, f"{HEADER} · Page {n}")
        c.drawCentredString(WIDTH / 2, 30, f"- {n} -")
        c.setFont("Helvetica", 11)
        y = HEIGHT - 90
        for line in lines:
            c.drawString(72, y, line)
            y -= 15
        c.showPage()
    c.save()
    return path


def two_column_pdf(path: Path, left: list[str], right: list[str], title: str) -> Path:
    """A title across the page, then two columns of lines side by side (same baselines)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 20)
    c.drawString(72, HEIGHT - 80, title)
    c.setFont("Helvetica", 10)
    for column, lines in ((72, left), (WIDTH / 2 + 12, right)):
        y = HEIGHT - 130
        for line in lines:
            c.drawString(column, y, line)
            y -= 13
    c.showPage()
    c.save()
    return path


def table_pdf(path: Path, intro: str, rows: list[list[str]]) -> Path:
    """A sentence, then a table whose cells are drawn at column positions, row by row."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(72, HEIGHT - 80, intro)
    xs = [72, 230, 400]
    y = HEIGHT - 120
    for row in rows:
        for x, cell in zip(xs, row, strict=True):
            c.drawString(x, y, cell)
        y -= 18
    c.showPage()
    c.save()
    return path


def placed_pdf(path: Path, items: list[tuple[float, float, float, str]]) -> Path:
    """One page of (x, distance from the top, font size, text) drawn where given."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for x, y, size, text in items:
        c.setFont("Helvetica", size)
        c.drawString(x, HEIGHT - y, text)
    c.showPage()
    c.save()
    return path


def lines_pdf(path: Path, pages: list[list[tuple[int, str]]]) -> Path:
    """Pages of (font size, line) drawn top-down at the left margin."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        y = HEIGHT - 80
        for size, line in lines:
            c.setFont("Helvetica-Bold" if size > 11 else "Helvetica", size)
            c.drawString(72, y, line)
            y -= size * 1.5
        c.showPage()
    c.save()
    return path


def broken_font_pdf(path: Path, good: list[str], broken: list[str]) -> Path:
    """Page 1 in Helvetica (readable); page 2 in a CID font whose encoding and character
    collection are then set to Identity with no /ToUnicode map, as broken exporters leave them:
    its text decodes to (cid:N) codes only."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    raw = path.with_suffix(".raw.pdf")
    c = canvas.Canvas(str(raw), pagesize=A4)
    for font, lines in (("Helvetica", good), ("STSong-Light", broken)):
        c.setFont(font, 11)
        y = HEIGHT - 80
        for line in lines:
            c.drawString(72, y, line)
            y -= 15
        c.showPage()
    c.save()
    writer = PdfWriter(clone_from=PdfReader(raw))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font.get("/Subtype") != "/Type0":
                continue
            font[NameObject("/Encoding")] = NameObject("/Identity-H")
            font.pop(NameObject("/ToUnicode"), None)
            for descendant in font["/DescendantFonts"]:
                info = descendant.get_object()["/CIDSystemInfo"].get_object()
                info[NameObject("/Registry")] = TextStringObject("Unknown")
                info[NameObject("/Ordering")] = TextStringObject("Identity")
    with open(path, "wb") as fh:
        writer.write(fh)
    raw.unlink()
    return path


def font_file(lang: str, suffixes: tuple[str, ...] = (".ttf", ".ttc", ".otf")) -> Path | None:
    """A font on this machine that draws `lang` ("zh" or "en"), found with fc-list; reportlab
    embeds only TrueType outlines (suffixes=(".ttf",)), Pillow draws with any."""
    query = ":lang=zh" if lang == "zh" else ":lang=en"
    try:
        out = subprocess.run(["fc-list", query, "file"], capture_output=True, text=True,
                             check=False).stdout
    except FileNotFoundError:
        return None
    files = sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
    preferred = [f for f in files if ("Sans" in f or "sans" in f) and "Bold" not in f]
    for name in preferred + files:
        if name.endswith(suffixes):
            return Path(name)
    return None


def scanned_pdf(path: Path, pages: list[list[str]], font: Path) -> Path:
    """Each page's lines drawn into a 200 dpi greyscale image with Pillow, the images saved as a
    PDF with no text layer at all: what a scanner makes."""
    from PIL import Image, ImageDraw, ImageFont

    images = []
    size = 40
    face = ImageFont.truetype(str(font), size)
    for lines in pages:
        image = Image.new("L", (1654, 2339), 255)   # A4 at 200 dpi
        draw = ImageDraw.Draw(image)
        y = 200
        for line in lines:
            draw.text((150, y), line, font=face, fill=0)
            y += int(size * 1.8)
        images.append(image)
    images[0].save(path, "PDF", resolution=200.0, save_all=True, append_images=images[1:])
    return path
