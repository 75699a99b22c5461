"""Every renderer shows the page of a document citation (it is part of `source`), and the JSON
contract of curated citations is unchanged while document citations add doc, page and lang."""

from __future__ import annotations

from dataclasses import replace

from adapters.console import render_answer as console_answer
from adapters.slack.render import to_message
from adapters.telegram.render import render_answer as telegram_answer
from bot.answer.passage_citations import render_source
from bot.foundation.answers import Answer, Citation
from bot.foundation.messages import Messages
from bot.ingest.registry import DocumentRecord

DOC = DocumentRecord("sourcebook-en", "/docs/sourcebook.pdf", "pdf", "h", "f", "en",
                     "Sourcebook of opportunities", "信息指南", "UNEP-WCMC", 2015,
                     "https://example.org/sourcebook.pdf", 120, 900, "2026-01-01")
PASSAGE = Citation("sourcebook-en#41", "document", "Case study: Uganda", "Uganda has a data bank.",
                   "Uganda has a data bank.", render_source(DOC, "2 Information › Case study: Uganda",
                                                           12, 12, "en", "en"),
                   DOC.url, 7.5, ((0, 6),), doc="sourcebook-en", page=12, lang="en",
                   section="2 Information › Case study: Uganda")
CURATED = Citation("case-uganda-data-bank", "case", "Uganda", "s", "t", "src", None, 9.0)


def answer(lang: str = "en") -> Answer:
    return Answer("uganda data", lang, True, "Lead.", (CURATED, PASSAGE))  # type: ignore[arg-type]


def test_source_names_title_section_page_and_language():
    assert PASSAGE.source == ("Sourcebook of opportunities (UNEP-WCMC, 2015) · "
                              "2 Information › Case study: Uganda · p. 12 · in English")
    assert render_source(DOC, "", 12, 13, "en", "zh") == "《信息指南》（UNEP-WCMC, 2015） · 第 12-13 页 · 英文原文"
    assert render_source(DOC, "", None, None, "zh", "en").endswith("(UNEP-WCMC, 2015) · in Chinese")
    marked = replace(DOC, title_zh="《信息指南》执行摘要")
    assert render_source(marked, "", 3, 3, "zh", "zh").startswith("《信息指南》执行摘要（")


def test_json_adds_doc_page_and_lang_only_to_document_citations():
    data = answer().to_json()["citations"]
    assert set(data[0]) == {"id", "kind", "title", "snippet", "text", "source", "url", "score"}
    assert (data[1]["kind"], data[1]["doc"], data[1]["page"], data[1]["lang"]) == (
        "document", "sourcebook-en", 12, "en")


def test_every_renderer_shows_the_page():
    messages = Messages.load()
    assert "p. 12 · in English" in " ".join(console_answer(answer(), messages).split())
    html = "\n".join(telegram_answer(answer(), messages))
    assert "p. 12 · in English" in html and 'href="https://example.org/sourcebook.pdf"' in html
    blocks = to_message(answer(), messages)["blocks"]
    contexts = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    assert any("p. 12 · in English" in text for text in contexts)
