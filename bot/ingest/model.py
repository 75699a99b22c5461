"""The document model: a `Block` of extracted text, a `Passage` to index and cite, and the
`DocumentMeta` of a source file (DESIGN.md, round 2: Document -> Passage)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.foundation.errors import BotError


class DocumentError(BotError):
    """A file cannot be ingested; the message says why and what to do (never a traceback)."""


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or heading as extracted, on its 1-based physical page (None: the format has
    no pages). `level` > 0 marks a heading (1 = top)."""

    text: str
    page: int | None = None
    level: int = 0
    scanned: bool = False   # recognised from a page image (OCR), not read from a text layer
    row: bool = False       # a table's row: one line of its passage, never cut into sentences


@dataclass(frozen=True, slots=True)
class Passage:
    """A few sentences of one document: pages `page`..`page_end` (equal unless the passage
    continues over a page break), the heading path above it and its own language."""

    seq: int
    text: str
    lang: str
    page: int | None = None
    page_end: int | None = None
    heading: tuple[str, ...] = ()
    scanned: bool = False   # its text was recognised from a scan (OCR)


@dataclass(slots=True)
class DocumentMeta:
    """What is known of a document: from the file (PDF info, HTML title), a sidecar YAML, and the
    command line, in increasing priority. `title` maps a language to the title in it."""

    id: str = ""
    title: dict[str, str] = field(default_factory=dict)
    lang: str | None = None
    publisher: str | None = None
    year: int | None = None
    url: str | None = None

    def merged(self, other: DocumentMeta) -> DocumentMeta:
        """These values overridden by the ones `other` sets."""
        return DocumentMeta(
            id=other.id or self.id, title={**self.title, **other.title},
            lang=other.lang or self.lang, publisher=other.publisher or self.publisher,
            year=other.year or self.year, url=other.url or self.url,
        )
