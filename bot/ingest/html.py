"""HTML extraction with the standard library's parser: headings (h1-h6) and block elements as
paragraphs, scripts, styles and navigation left out, metadata from <title>, <html lang> and
<meta name="author|publisher|dc.date">."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

from bot.ingest.model import Block, DocumentMeta
from bot.ingest.textutil import join_lines

_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "head", "button", "select"}
_BLOCK = {"p", "li", "td", "th", "dd", "dt", "pre", "blockquote", "caption", "figcaption",
          "div", "section", "article", "main", "header", "footer", "aside", "tr", "br", "hr",
          "table", "ul", "ol", "dl", "body", "form", "address", "summary", "details"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source",
         "track", "wbr"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.meta = DocumentMeta()
        self._skip = 0
        self._buf: list[str] = []
        self._level = 0
        self._title: list[str] | None = None
        self._title_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html" and values.get("lang"):
            self.meta.lang = values["lang"]
        elif tag == "meta":
            self._meta(values.get("name", "").lower(), values.get("content", "").strip())
        if tag == "title":
            self._title = []
            return
        if tag in _SKIP:
            if tag not in _VOID:
                self._skip += 1
            return
        if tag in _HEADINGS or tag in _BLOCK:
            self._flush()
            self._level = _HEADINGS.get(tag, 0)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self._title_text = join_lines(self._title)
            self._title = None
            return
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag in _HEADINGS or tag in _BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        elif not self._skip:
            self._buf.append(data)

    def _meta(self, name: str, content: str) -> None:
        if not content:
            return
        if name in ("author", "publisher", "dc.publisher", "citation_publisher"):
            self.meta.publisher = self.meta.publisher or content
        elif name in ("dc.date", "citation_publication_date", "date") and _YEAR.search(content):
            self.meta.year = int(_YEAR.search(content).group(1))  # type: ignore[union-attr]
        elif name in ("dc.title", "citation_title"):
            self._title_text = self._title_text or content

    def _flush(self) -> None:
        text = join_lines(" ".join(self._buf).split("\n"))
        self._buf = []
        if text.strip():
            self.blocks.append(Block(text.strip(), None, self._level))
        self._level = 0

    def close(self) -> None:
        super().close()
        self._flush()
        if self._title_text:
            self.meta.title = {"": self._title_text}


def read_html(text: str) -> tuple[DocumentMeta, Iterator[Block]]:
    """Metadata and blocks of an HTML page (already decoded)."""
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.meta, iter(parser.blocks)
