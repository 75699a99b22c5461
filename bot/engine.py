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

from bot.answers import Answer, Citation, Lang, Script
from bot.config import SearchSettings, Settings
from bot.documents import index_content, thesaurus_groups
from bot.knowledge import Item, Knowledge, all_terms, load_knowledge
from bot.messages import Messages
from bot.sources import render_sources
from index import (
    IndexStore,
    Segmenter,
    Thesaurus,
    detect_lang,
    is_traditional,
    plan_query,
    to_traditional,
)
from index.backend import Hit, SearchBackend, Snippet
from index.snippet import opening

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Filters:
    """Restricts a search to items with these tags."""

    theme: int | None = None
    convention: str | None = None
    kind: str | None = None
    country: str | None = None

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
        return out


class Engine:
    """Answers questions from the knowledge base through a search backend."""

    def __init__(self, knowledge: Knowledge, store: IndexStore, backend: SearchBackend,
                 messages: Messages, search: SearchSettings, default_lang: Lang = "en") -> None:
        self.knowledge = knowledge
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
        store = IndexStore(data_dir / "index", segmenter, Thesaurus(thesaurus_groups(knowledge)))
        docs, digest = index_content(knowledge, settings.search.background_boost)
        if rebuild and store.ensure(docs, digest, force=force):
            log.info("index rebuilt (%d documents, hash %s)", len(docs), digest)
        store.prepare_thesaurus()
        return cls(knowledge, store, store.open(), Messages.load(), settings.search,
                   settings.default_lang)

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
                                     prefer=answer_lang, snippet_fields=(f"body_{answer_lang}",))
        if result.top_score <= 0 or not self._relevant(result.top_score, result.top_coverage):
            return self._decline(question, answer_lang, script, "lead_declined")
        floor = result.top_score * self.search.related_ratio
        relevant = [h for h in result.hits if h.score >= floor]
        page = relevant[:limit]
        if not page:
            return self._decline(question, answer_lang, script, "no_more")
        items = ((self.knowledge.get(h.id), h) for h in page)
        citations = tuple(self.citation(item, answer_lang, h, script) for item, h in items
                          if item is not None)
        total = offset + len(relevant)
        lead = (self.messages.get("lead_found", answer_lang) if offset == 0 else
                self.messages.get("lead_more", answer_lang, first=offset + 1,
                                  last=offset + len(citations)))
        return Answer(question, answer_lang, True, self._script_text(lead, script), citations,
                      script=script, offset=offset, total=total)

    def items_answer(self, question: str, items: Sequence[Item], lead: str, lang: Lang,
                     script: Script = "latn") -> Answer:
        """An answer that lists given items (used by commands such as themes and lessons)."""
        citations = tuple(self.citation(i, lang, None, script) for i in items)
        return Answer(question, lang, True, self._script_text(lead, script), citations,
                      script=script, total=len(citations))

    def message_answer(self, question: str, key: str, lang: Lang, answered: bool = True,
                       script: Script = "latn", **params: object) -> Answer:
        """An answer that is just a message (command replies, usage hints)."""
        text = self._script_text(self.messages.get(key, lang, **params), script)
        return Answer(question, lang, answered, text, script=script)

    def citation(self, item: Item, lang: Lang, hit: Hit | None = None, script: Script = "latn") -> Citation:
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

    def in_script(self, answer: Answer, script: Script) -> Answer:
        """The same answer with its Chinese text converted to `script` ("hant": traditional)."""
        conv = lambda text: self._script_text(text, script)  # noqa: E731
        citations = tuple(replace(c, title=conv(c.title), snippet=conv(c.snippet), text=conv(c.text),
                                  source=conv(c.source)) for c in answer.citations)
        return replace(answer, lead=conv(answer.lead), citations=citations, script=script,
                       suggestions=tuple(conv(s) for s in answer.suggestions))

    def _relevant(self, top_score: float, coverage: float) -> bool:
        return coverage >= self.search.min_coverage and top_score >= self.search.min_score

    def _decline(self, question: str, lang: Lang, script: Script, key: str, **params: object) -> Answer:
        lead = self._script_text(self.messages.get(key, lang, **params), script)
        suggestions = tuple(self._script_text(s, script) for s in self.messages.get_list("suggestions", lang))
        return Answer(question, lang, False, lead, (), suggestions, script)

    @staticmethod
    def _script(question: str, lang: Lang) -> Script:
        if lang == "en":
            return "latn"
        return "hant" if is_traditional(question) else "hans"

    @staticmethod
    def _script_text(text: str, script: str) -> str:
        return to_traditional(text) if script == "hant" else text

