"""A PDF's title as a person would give it.

The metadata Title is often not one: the file name ("federal-register-2020-17221.pdf",
"Microsoft Word - draft3.docx"), a placeholder ("untitled") or empty. Then the largest text on the
first page (the title as printed) is the title; only when there is none does the file name serve.
"""

from __future__ import annotations

import re
from collections import Counter

from bot.ingest.furniture import is_page_number
from bot.ingest.pdf_lines import Line

_GENERATOR = re.compile(r"^(?:microsoft\s+(?:word|powerpoint|excel)|word|adobe\s+\w+|acrobat)"
                        r"\s*[-–—:]\s*", re.IGNORECASE)
_FILE_NAME = re.compile(r"\.(?:pdf|docx?|rtf|odt|pptx?|xlsx?|indd|tex|dvi|ps|qxd|html?|txt|md)$",
                        re.IGNORECASE)
PLACEHOLDERS = {"(anonymous)", "anonymous", "untitled", "unknown", "(unspecified)", "title",
                 "no title", "document", "slide 1", "powerpoint presentation", "pdf", "untitled document"}
TITLE_RATIO = 1.15   # the title is set at least this much larger than the page's body text
MAX_TITLE_CHARS = 200
CONTINUED = 0.85     # a line in at least this share of the title's size may continue it
_SENTENCE_ENDS = (".", "!", "?", "。", "！", "？")


# A journal's label for the kind of article, printed above or before the title: not part of it
# (only before a capital: "Research report on wetland policy" is a title)
_ARTICLE_KIND = re.compile(r"^(?:(?:original|research|review|short|brief|regular|invited|full|technical)\s+"
                           r"(?:research\s+)?(?:article|paper|report|communication|note))"
                           r"\s*[:\-–—|]?\s+(?=(?-i:[A-Z0-9\"“‘(\u4e00-\u9fff]).{7,})", re.IGNORECASE)


def without_article_kind(title: str) -> str:
    """"Research Article The effects of AZD3582 …" -> "The effects of AZD3582 …"."""
    return _ARTICLE_KIND.sub("", title, count=1)


def real_title(title: str, stem: str = "") -> str:
    """`title` when it reads as a title; "" for a file name, a generator's label or a placeholder."""
    text = without_article_kind(re.sub(r"\s+", " ", title.strip("\x00 ").strip()))
    if not text or text.lower() in PLACEHOLDERS or _GENERATOR.match(text) or _FILE_NAME.search(text):
        return ""
    if stem and _squash(text) == _squash(stem):
        return ""
    if " " not in text and re.search(r"[_\d]", text) and not re.search(r"[\u4e00-\u9fff]", text):
        return ""  # one token with digits or underscores: a file or job name ("fr-2020_17221")
    return text if sum(ch.isalpha() for ch in text) >= 2 else ""


def body_size(lines: list[Line]) -> float | None:
    """The size most of a page's characters are set in (None for a page without text)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.text.strip() and not is_page_number(line.text):
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else None


def first_page_title(lines: list[Line], body: float | None = None) -> str:
    """The largest text near the top of the first page, when it stands out from the body text,
    with the lines right under it that go on with it in nearly that size (lines beside it, such
    as a sidebar, are passed over); "" if there is no such text. `body` is the body
    text's size when the first page has too little text to tell (a cover holding only the title:
    then the second page's body size is passed)."""
    lines = [line for line in lines if not is_page_number(line.text) and line.text.strip()]
    if not lines:
        return ""
    body = body or body_size(lines) or 0.0
    top = max(line.size for line in lines)
    if top < body * TITLE_RATIO:
        return ""
    ordered = sorted(lines, key=lambda line: -line.y1)
    parts: list[Line] = []
    for line in ordered:
        if not parts:
            if abs(line.size - top) <= 0.5:
                parts.append(line)
            continue
        if not _beneath(line, parts):
            continue   # beside the title (a sidebar, a logo's caption): not part of it
        if not _continues(line, parts[-1], top):
            break
        parts.append(line)
    from bot.ingest.textutil import join_lines
    title = without_article_kind(join_lines(line.text for line in parts))
    return title if 2 <= sum(ch.isalpha() for ch in title) and len(title) <= MAX_TITLE_CHARS else ""


def _beneath(line: Line, parts: list[Line]) -> bool:
    """The line lies under the title's lines (their horizontal extents overlap)."""
    left, right = min(x.x0 for x in parts), max(x.x1 for x in parts)
    return line.x0 < right and line.x1 > left


def _continues(line: Line, last: Line, top: float) -> bool:
    """The line goes on with the title: close below its last line, in nearly the title's size
    (a title's second line is sometimes set a little smaller), after no sentence end."""
    return (last.y0 - line.y1 <= 1.5 * top and line.size >= CONTINUED * top
            and not last.text.rstrip().endswith(_SENTENCE_ENDS))


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", _FILE_NAME.sub("", text).lower())
