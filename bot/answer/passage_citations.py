"""A search hit of a passage as a `Citation` an official can check: `kind` "document", the
document id and page, the passage's language, and a source naming the document title, section and
page ("Sourcebook ... · p. 12" / "《信息指南》 · 第 12 页")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.answer.corpus import HEADING_JOIN, parse_passage_id, passage_id
from bot.foundation.answers import Citation, Lang
from bot.ingest.model import Passage
from bot.ingest.registry import DocumentRecord, Registry
from index.backend import Hit, Snippet
from index.snippet import opening

LANG_NAMES = {"en": {"en": "English", "zh": "Chinese"}, "zh": {"en": "英文", "zh": "中文"}}


class PassageCiter:
    """Builds citations of passages from the registry (document metadata, full passage text)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def cite(self, hit: Hit, lang: Lang, convert: Callable[[str], str] = str) -> Citation | None:
        """The citation of a passage hit in answer language `lang`; None if the document is gone
        (removed since the index was built)."""
        key = parse_passage_id(hit.id)
        if key is None:
            return None
        plang = str(hit.payload.get("lang") or "")
        snippet = hit.snippets.get(f"body_{plang}") if plang else None
        return self._citation(key, lang, snippet, hit.score, convert)

    def passage(self, candidate: str) -> tuple[Passage, str] | None:
        """Passage `candidate` (a hit's snippets hold only what matched) and its document's
        titles: the company or programme a table row is about is often named only there."""
        key = parse_passage_id(candidate)
        passage = self.registry.passage(*key) if key is not None else None
        record = self.registry.get(key[0]) if key is not None and passage is not None else None
        if passage is None or record is None:
            return None
        return passage, f"{record.title_en}\n{record.title_zh}"

    def neighbours(self, candidate: str) -> str:
        """The text of the passages just before and after `candidate`: what a passage is about
        ("the 737 MAX") is often named there rather than in the passage itself."""
        key = parse_passage_id(candidate)
        return "\n".join(p.text for p in self.registry.around(*key) if p.seq != key[1]) if key else ""

    def full(self, passage_id: str, lang: Lang) -> Citation | None:
        """Passage `passage_id` in its context (`show ID`, the Full text buttons): the passage
        before it, the passage itself (highlighted) and the one after, with its page, section and
        the document's source line; None if there is no such passage."""
        key = parse_passage_id(passage_id)
        cite = self._citation(key, lang, None, 0.0, str) if key else None
        if cite is None or key is None:
            return None
        around = self.registry.around(*key)
        before = [p.text for p in around if p.seq < key[1]]
        after = [p.text for p in around if p.seq > key[1]]
        start = sum(len(t) + 2 for t in before)
        text = "\n\n".join([*before, cite.text, *after])
        return replace(cite, snippet=text, text=text, highlights=((start, start + len(cite.text)),))

    def _citation(self, key: tuple[str, int], lang: Lang, snippet: Snippet | None, score: float,
                  convert: Callable[[str], str]) -> Citation | None:
        doc = self.registry.get(key[0])
        passage = self.registry.passage(*key) if doc else None
        if doc is None or passage is None:
            return None
        if snippet is None or not snippet.text:
            snippet = Snippet(opening(passage.text))
        heading = HEADING_JOIN.join(passage.heading)
        title = passage.heading[-1] if passage.heading else doc.title(lang)
        source = render_source(doc, heading, passage.page, passage.page_end, passage.lang, lang,
                               passage.scanned)
        return Citation(
            id=passage_id(doc.id, passage.seq), kind="document", title=convert(title),
            snippet=convert(snippet.text), text=convert(passage.text), source=convert(source),
            url=doc.url, score=score, highlights=snippet.spans, doc=doc.id, page=passage.page,
            lang=passage.lang, section=heading or None, doc_title=convert(doc.title(lang)),
        )


SCANNED = {"en": "scanned, text recognised automatically", "zh": "扫描件，文字为自动识别"}


def render_source(doc: DocumentRecord, section: str, page: int | None, page_end: int | None,
                  passage_lang: str, lang: str, scanned: bool = False) -> str:
    """'Title (publisher, year) · section · p. 12 · in English' or
    '《标题》（出版者，2015） · 章节 · 第 12 页 · 英文原文'; a passage read from a scan by OCR says so
    ('... · scanned, text recognised automatically'), as its words may be misread."""
    title = doc.title(lang)
    about = ", ".join(str(v) for v in (doc.publisher, doc.year) if v)
    language = LANG_NAMES[lang][passage_lang if passage_lang in ("en", "zh") else "en"]
    if lang == "zh":
        marked = title if title.startswith("《") else f"《{title}》"
        parts = [marked + (f"（{about}）" if about else "")]
        if section:
            parts.append(section)
        if page:
            parts.append(f"第 {page}-{page_end} 页" if page_end and page_end != page else f"第 {page} 页")
        parts.append(f"{language}原文")
    else:
        parts = [title + (f" ({about})" if about else "")]
        if section:
            parts.append(section)
        if page:
            parts.append(f"pp. {page}-{page_end}" if page_end and page_end != page else f"p. {page}")
        parts.append(f"in {language}")
    if scanned:
        parts.append(SCANNED[lang if lang in SCANNED else "en"])
    return " · ".join(parts)
