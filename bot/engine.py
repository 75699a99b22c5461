"""The answer engine: a question in, an `Answer` with citations out.

It detects the answer language, plans the query (segmentation, glossary expansion), searches the index,
decides whether anything relevant was found (a coverage and score floor: off-topic questions are
declined, not answered with noise) and renders citations in the answer language and script.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from index import IndexStore, Segmenter, Thesaurus, detect_lang, is_traditional, plan_query
from index import to_traditional
from index.backend import Hit, SearchBackend, Snippet
from index.live import LiveBackend
from index.snippet import opening

from bot.answers import Answer, Citation, Lang
from bot.config import SearchSettings, Settings
from bot.documents import thesaurus_groups
from bot.ingest.citations import PassageCiter
from bot.ingest.corpus import index_corpus
from bot.ingest.registry import Registry
from bot.knowledge import Item, Knowledge, Source, all_terms, load_knowledge
from bot.messages import Messages

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Filters:
    """Restricts a search to items with these tags."""

    theme: int | None = None
    convention: str | None = None
    kind: str | None = None
    country: str | None = None
    doc: str | None = None  # one ingested document (ask --doc, the doc command)

    def facets(self) -> list[str]:
        out = []
        if self.theme is not None:
            out.append(f"theme:{self.theme}")
        if self.convention:
            out.append(f"conv:{self.convention.lower()}")
        if self.kind:
            out.append(f"kind:{self.kind}")
        if self.country:
            out.append(f"country:{self.country.lower()}")
        if self.doc:
            out.append(f"doc:{self.doc.lower()}")
        return out


class Engine:
    """Answers questions from the knowledge base through a search backend."""

    def __init__(self, knowledge: Knowledge, store: IndexStore, backend: SearchBackend,
                 messages: Messages, search: SearchSettings, default_lang: Lang = "en",
                 passages: PassageCiter | None = None) -> None:
        self.knowledge = knowledge
        self.passages = passages  # cites passages of ingested documents
        self.store = store
        self.backend = backend
        self.messages = messages
        self.search = search
        self.default_lang: Lang = default_lang

    @classmethod
    def from_settings(cls, settings: Settings, rebuild: bool = True, force: bool = False) -> Engine:
        """Load the knowledge, (re)build the index if its content changed (always with `force`),
        and open it."""
        knowledge = load_knowledge(settings.knowledge_path)
        data_dir = Path(settings.data_dir)
        segmenter = Segmenter(data_dir / "cache", all_terms(knowledge.glossary))
        store = IndexStore(data_dir / "index", segmenter, Thesaurus(thesaurus_groups(knowledge)),
                           large_corpus=settings.search.large_corpus)
        registry = Registry(data_dir)
        docs, digest = index_corpus(knowledge, settings.search.background_boost,
                                    settings.search.document_boost, data_dir, registry)
        if rebuild and store.ensure(docs, digest, force=force):
            log.info("index rebuilt (%d documents, hash %s)", len(docs), digest)
        store.prepare_thesaurus()
        return cls(knowledge, store, LiveBackend(store), Messages.load(), settings.search,
                   settings.default_lang, PassageCiter(registry))

    def answer(self, question: str, lang: Lang | None = None, limit: int | None = None,
               offset: int = 0, filters: Filters | None = None) -> Answer:
        """Answer `question`; never raises on any text."""
        question = (question or "").strip()
        answer_lang: Lang = lang or (detect_lang(question) if question else self.default_lang)
        script = self._script(question, answer_lang)
        limit = self.search.limit if limit is None else max(1, min(limit, 20))
        if not question:
            return self._decline(question, answer_lang, script, "empty_question")
        if len(question) > self.search.max_question_chars:
            return self._decline(question, answer_lang, script, "too_long", length=len(question),
                                 limit=self.search.max_question_chars)
        plan = plan_query(question, self.store.analyze, self.store.thesaurus,
                          self.search.expansion_weight, self.store.speller)
        if plan.empty:
            return self._decline(question, answer_lang, script, "no_words")
        facets = (filters or Filters()).facets()
        # One hit more than the page tells whether a next page exists.
        result = self.backend.search(plan, limit=limit + 1, offset=offset, facets=facets,
                                     prefer=answer_lang, snippet_fields=("body_en", "body_zh"))
        if result.top_score <= 0 or not self._relevant(result.top_score, result.top_coverage):
            return self._decline(question, answer_lang, script, "lead_declined")
        floor = result.top_score * self.search.related_ratio
        relevant = [h for h in result.hits if h.score >= floor]
        page = relevant[:limit]
        if not page:
            return self._decline(question, answer_lang, script, "no_more")
        citations = tuple(c for c in (self._cite(h, answer_lang, script) for h in page) if c)
        total = offset + len(relevant)
        lead = (self.messages.get("lead_found", answer_lang) if offset == 0 else
                self.messages.get("lead_more", answer_lang, first=offset + 1,
                                  last=offset + len(citations)))
        return Answer(question, answer_lang, True, self._script_text(lead, script), citations,
                      script=script, offset=offset, total=total)

    def items_answer(self, question: str, items: Sequence[Item], lead: str, lang: Lang,
                     script: str = "latn") -> Answer:
        """An answer that lists given items (used by commands such as themes and lessons)."""
        citations = tuple(self.citation(i, lang, None, script) for i in items)
        return Answer(question, lang, True, self._script_text(lead, script), citations,
                      script=script, total=len(citations))  # type: ignore[arg-type]

    def message_answer(self, question: str, key: str, lang: Lang, answered: bool = True,
                       script: str = "latn", **params: object) -> Answer:
        """An answer that is just a message (command replies, usage hints)."""
        text = self._script_text(self.messages.get(key, lang, **params), script)
        return Answer(question, lang, answered, text, script=script)  # type: ignore[arg-type]

    def citation(self, item: Item, lang: Lang, hit: Hit | None = None, script: str = "latn") -> Citation:
        """A citation of `item` in `lang`, with the hit's highlighted snippet when there is one."""
        snippet = hit.snippets.get(f"body_{lang}") if hit else None
        if snippet is None or not snippet.text:
            snippet = Snippet(opening(item.text[lang]))
        return Citation(
            id=item.id, kind=item.kind,
            title=self._script_text(item.title[lang], script),
            snippet=self._script_text(snippet.text, script),
            text=self._script_text(item.text[lang], script),
            source=self._script_text(render_sources(item.sources, lang), script),
            url=next((s.url for s in item.sources if s.url), None),
            score=hit.score if hit else 0.0, highlights=snippet.spans,
        )

    def _cite(self, hit: Hit, lang: Lang, script: str) -> Citation | None:
        """A curated item's or a document passage's citation (None if it is gone)."""
        if hit.payload.get("kind") == "document":
            if self.passages is None:
                return None
            return self.passages.cite(hit, lang, lambda t: self._script_text(t, script))
        item = self.knowledge.get(hit.id)
        return self.citation(item, lang, hit, script) if item is not None else None

    def in_script(self, answer: Answer, script: str) -> Answer:
        """The same answer with its Chinese text converted to `script` ("hant": traditional)."""
        conv = lambda text: self._script_text(text, script)
        citations = tuple(replace(c, title=conv(c.title), snippet=conv(c.snippet), text=conv(c.text),
                                  source=conv(c.source)) for c in answer.citations)
        return replace(answer, lead=conv(answer.lead), citations=citations, script=script,
                       suggestions=tuple(conv(s) for s in answer.suggestions))

    def _relevant(self, top_score: float, coverage: float) -> bool:
        return coverage >= self.search.min_coverage and top_score >= self.search.min_score

    def _decline(self, question: str, lang: Lang, script: str, key: str, **params: object) -> Answer:
        lead = self._script_text(self.messages.get(key, lang, **params), script)
        suggestions = tuple(self._script_text(s, script) for s in self.messages.get_list("suggestions", lang))
        return Answer(question, lang, False, lead, (), suggestions, script)  # type: ignore[arg-type]

    @staticmethod
    def _script(question: str, lang: Lang) -> str:
        if lang == "en":
            return "latn"
        return "hant" if is_traditional(question) else "hans"

    @staticmethod
    def _script_text(text: str, script: str) -> str:
        return to_traditional(text) if script == "hant" else text


def render_sources(sources: Sequence[Source], lang: Lang) -> str:
    """Where the facts come from, in words a reader can check: one entry per document section."""
    grouped: dict[tuple[str, str], list[Source]] = {}
    for s in sources:
        grouped.setdefault((s.doc, s.section), []).append(s)
    parts = []
    for (doc, section), group in grouped.items():
        if doc == "seed":
            part = (f"《信息指南》执行摘要 · {section}" if lang == "zh" else
                    f"Sourcebook executive summary (Chinese) · {section}")
        else:
            part = (f"《信息指南》相关研究资料 · {section}" if lang == "zh" else
                    f"Research notes on the Sourcebook · {section}")
        pages = [s.page for s in group if s.page]
        if pages:
            part += f" · p. {', '.join(pages)}"
        urls = list(dict.fromkeys(s.url for s in group if s.url))
        if urls:
            part += f" · {urls[0]}" + (f" (+{len(urls) - 1})" if len(urls) > 1 else "")
        parts.append(part)
    return "; ".join(parts)
