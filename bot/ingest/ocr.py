"""Reading a scanned page: render it with pypdfium2 and recognise its text with Tesseract.

Why the `tesseract` command and not a Python binding: it is the Debian package the operator
installs (`apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra`), nothing
else to build; pytesseract would only wrap the same command. Pages are rendered at 300 dpi, the
resolution Tesseract is trained for. Tesseract puts spaces between Chinese characters; they are
taken out, as a Chinese reader would write the text.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)
DPI = 300
TIMEOUT = 180  # seconds for one page
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra"
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")


class OcrError(Exception):
    """Tesseract could not read a page (the message says why)."""


def tesseract() -> str | None:
    """The path of the tesseract command, or None when it is not installed."""
    return shutil.which("tesseract")


@functools.cache
def languages() -> str:
    """The Tesseract languages to read with: English and Chinese (simplified, traditional) as far
    as they are installed ("eng+chi_sim+chi_tra")."""
    command = tesseract()
    if command is None:
        return ""
    done = subprocess.run([command, "--list-langs"], capture_output=True, text=True, check=False)
    installed = set(done.stdout.split())
    wanted = [lang for lang in ("eng", "chi_sim", "chi_tra") if lang in installed]
    return "+".join(wanted) or "eng"


def read_page(pdf: Path, page: int) -> list[str]:
    """The paragraphs Tesseract recognises on 1-based `page` of `pdf`; OcrError if it fails."""
    command = tesseract()
    if command is None:
        raise OcrError(f"Tesseract is not installed ({INSTALL})")
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        bitmap = document[page - 1].render(scale=DPI / 72, grayscale=True)
        image = bitmap.to_pil()
    finally:
        document.close()
    with tempfile.TemporaryDirectory(prefix="nfpbot-ocr-") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png, dpi=(DPI, DPI))
        try:
            done = subprocess.run([command, str(png), "stdout", "-l", languages(), "--psm", "3",
                                   "--dpi", str(DPI)], capture_output=True, text=True,
                                  env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                                  timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise OcrError(f"Tesseract took over {TIMEOUT} s") from None
    if done.returncode != 0:
        raise OcrError(f"Tesseract failed: {done.stderr.strip().splitlines()[-1:] or ['?']}")
    return paragraphs(done.stdout)


def paragraphs(text: str) -> list[str]:
    """Tesseract's output as paragraphs (blank lines between them), lines joined, spaces
    between Chinese characters removed."""
    from bot.ingest.textutil import join_lines
    out = []
    for chunk in re.split(r"\n\s*\n", text.replace("\f", "\n\n")):
        joined = join_lines(chunk.splitlines())
        joined = _CJK_SPACE.sub("", joined).strip()
        if sum(ch.isalnum() for ch in joined) >= 2:
            out.append(joined)
    return out
