"""How the engine's answers are worded: citations of knowledge items, answers that are a message
or a list, declines (with what is missing, where the convention's official site is, and which
sources were searched), meta answers about the bot, and the traditional-character script.

Kept apart from the search (bot/answer/engine.py), which decides what to answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.answer.filters import Filters
from bot.answer.meta import meta_message_keys
from bot.answer.passage_citations import PassageCiter
from bot.answer.sources import render_sources
from bot.foundation.answers import Answer, Citation, Lang, Script
from bot.foundation.messages import Messages
from bot.ingest.registry import DocumentRecord
from bot.knowledge import Item, Knowledge
from index import is_traditional, to_simplified, to_traditional
from index.backend import Hit, Snippet
from index.snippet import opening

# How many related items a decline offers.
RELATED_ITEMS = 3
# How questions name each convention (for the official site a decline points to).
_CONVENTION_NAMES = {
    "conv-cbd": r"\bcbd\b|biological diversity|生物多样性公约|生物多样性条约",
    "conv-cites": r"\bcites\b|endangered species|濒危(野生动植物|物种)",
    "conv-cms": r"\bcms\b|migratory species|bonn convention|迁徙物种|移栖物种|波恩公约",
    "conv-itpgrfa": r"\bitpgrfa\b|plant treaty|plant genetic|植物遗传资源",
    "conv-ramsar": r"\bramsar\b|wetlands? convention|convention on wetlands|拉姆萨尔|湿地公约",
    "conv-whc": r"\bwhc\b|world heritage|世界遗产",
}


class Presenter:
    """The wording half of the engine (see the module docstring)."""

    knowledge: Knowledge
    messages: Messages
    passages: PassageCiter | None

    def _has_passages(self) -> bool:
        raise NotImplementedError

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

    def _in_script(self, c: Citation, script: str) -> Citation:
        if script != "hant":
            return c
        conv = self._script_text
        return replace(c, title=conv(c.title, script), snippet=conv(c.snippet, script),
                       text=conv(c.text, script), source=conv(c.source, script))

    def in_script(self, answer: Answer, script: Script) -> Answer:
        """The same answer with its Chinese text converted to `script` ("hant": traditional)."""
        conv = lambda text: self._script_text(text, script)  # noqa: E731
        citations = tuple(replace(c, title=conv(c.title), snippet=conv(c.snippet), text=conv(c.text),
                                  source=conv(c.source)) for c in answer.citations)
        return replace(answer, lead=conv(answer.lead), citations=citations, script=script,
                       suggestions=tuple(conv(s) for s in answer.suggestions))

    @staticmethod
    def _script(question: str, lang: Lang) -> Script:
        if lang == "en":
            return "latn"
        return "hant" if is_traditional(question) else "hans"

    @staticmethod
    def _script_text(text: str, script: str) -> str:
        return to_traditional(text) if script == "hant" else text

    def meta_answer(self, question: str, lang: Lang, script: Script, kinds: tuple[str, ...]) -> Answer:
        """The built-in answer to a question about the bot or to small talk: no citation."""
        text = "\n\n".join(self.messages.get(k, lang) for k in meta_message_keys(kinds))
        return Answer(question, lang, True, self._script_text(text, script), script=script)

    def official_site(self, question: str, lang: Lang) -> str | None:
        """"The CITES website: https://www.cites.org/" for a convention the question names whose
        item carries the convention's official site (a link to the site's home page)."""
        q = to_simplified(question).lower()
        for item_id, pattern in _CONVENTION_NAMES.items():
            item = self.knowledge.get(item_id)
            if item is None or not re.search(pattern, q):
                continue
            site = next((s.url for s in item.sources
                         if s.url and re.fullmatch(r"https?://[^/]+/?", s.url)), None)
            if site:
                return self.messages.get("official_site", lang, name=item.title[lang], url=site)
        return None

    def _decline(self, question: str, lang: Lang, script: Script, key: str,
                 related: Sequence[str] = (), **params: object) -> Answer:
        """A decline saying what is missing; `related`: ids of items the search found near the
        question, offered (titles and show ids, after a line saying they do not answer it) instead
        of the usual suggestions."""
        lead = self.messages.get(key, lang, **params)
        site = self.official_site(question, lang) if key.startswith("gap_") else None
        lead = _then(lead, site, lang) if site else lead
        items = [i for i in (self.knowledge.get(r) for r in dict.fromkeys(related)) if i is not None]
        near = tuple((i.id, i.title[lang]) for i in items[:RELATED_ITEMS])
        lines = ([self.messages.get("related_items", lang)]
                 + [self.messages.get("related_item", lang, title=t, id=i,
                                      show=self.messages.get("show_word", lang)) for i, t in near]
                 if near else [])
        suggestions = tuple(self._script_text(s, script)
                            for s in lines or self.messages.get_list("suggestions", lang))
        return Answer(question, lang, False, self._script_text(lead, script), (), suggestions, script,
                      related=tuple((i, self._script_text(t, script)) for i, t in near))

    def _not_found(self, question: str, lang: Lang, script: Script, filters: Filters | None,
                   key: str = "", related: Sequence[str] = (), **params: object) -> Answer:
        """A decline naming what was searched: the Sourcebook (with the added documents), or the one
        document of `doc ID`; `key`: a decline of a value or thing the sources do not state."""
        record = self.passages.registry.get(filters.doc) if filters and filters.doc and self.passages else None
        if record is not None:
            return self._document_decline(question, lang, script, record, str(params.get("what", "")))
        if not key:
            key = "lead_declined_documents" if self._has_passages() else "lead_declined"
        answer = self._decline(question, lang, script, key, related, **params)
        if key.startswith("gap_") and self._has_passages():
            # "the Sourcebook and my notes give no date": and the documents added here neither
            searched = self._script_text(self.messages.get("searched_documents", lang), script)
            answer = replace(answer, lead=_then(answer.lead, searched, lang))
        return answer

    def _document_decline(self, question: str, lang: Lang, script: Script, record: DocumentRecord,
                          what: str = "") -> Answer:
        """The decline under `doc ID`: it names the one document searched (and, for a value or a
        thing it does not state, what), and the document's language when the question is in the other."""
        key, params = ("lead_declined_document_what", {"what": what}) if what else ("lead_declined_document", {})
        answer = self._decline(question, lang, script, key, title=record.title(lang), **params)
        if record.lang in ("en", "zh") and record.lang != lang:
            other = self._script_text(self.messages.get("ask_in_other_language", lang), script)
            answer = replace(answer, lead=_then(answer.lead, other, lang))
        return answer


def _then(text: str, more: str, lang: Lang) -> str:
    """`more` after `text`: a space between English sentences, none between Chinese ones."""
    return f"{text} {more}" if lang == "en" else f"{text}{more}"
