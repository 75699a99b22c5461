"""A search hit of a passage as a `Citation` an official can check: `kind` "document", the
document id and page, the passage's language, and a source naming the document title, section and
page ("Sourcebook ... · p. 12" / "《信息指南》 · 第 12 页")."""

from __future__ import annotations

from collections.abc import Callable

from bot.answers import Citation, Lang
from bot.ingest.corpus import HEADING_JOIN, parse_passage_id
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
        doc = self.registry.get(hit.payload.get("doc") or (key[0] if key else ""))
        if doc is None or key is None:
            return None
        passage = self.registry.passage(doc.id, key[1])
        plang = str(hit.payload.get("lang") or (passage.lang if passage else doc.lang))
        snippet = hit.snippets.get(f"body_{plang}") or Snippet("")
        text = passage.text if passage else snippet.text
        if not snippet.text:
            snippet = Snippet(opening(text))
        page = hit.payload.get("page")
        page_end = hit.payload.get("page_end")
        heading = HEADING_JOIN.join(passage.heading) if passage else ""
        title = passage.heading[-1] if passage and passage.heading else doc.title(lang)
        return Citation(
            id=hit.id, kind="document", title=convert(title), snippet=convert(snippet.text),
            text=convert(text), source=convert(render_source(doc, heading, page, page_end, plang, lang)),
            url=doc.url, score=hit.score, highlights=snippet.spans, doc=doc.id, page=page,
            lang=plang, section=heading or None,
        )


def render_source(doc: DocumentRecord, section: str, page: int | None, page_end: int | None,
                  passage_lang: str, lang: str) -> str:
    """'Title (publisher, year) · section · p. 12 · in English' or
    '《标题》（出版者，2015） · 章节 · 第 12 页 · 英文原文'."""
    title = doc.title(lang)
    about = ", ".join(str(v) for v in (doc.publisher, doc.year) if v)
    language = LANG_NAMES[lang][passage_lang if passage_lang in ("en", "zh") else "en"]
    if lang == "zh":
        parts = [f"《{title}》" + (f"（{about}）" if about else "")]
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
    return " · ".join(parts)
