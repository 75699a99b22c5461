"""The question's key terms searched in the passages written only in the other language.

A Chinese question about an English report shares few words with it, and the curated items, which
are written in both languages, outrank the report's passages on meaning alone. So when the index
holds passages in the other language, the question's words are translated (index/translate.py:
CC-CEDICT, keeping the translations the corpus holds) and searched in those passages only; the
engine fuses these hits with the direct ones (index/fusion.py), as lexical evidence of their own.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection, Sequence
from pathlib import Path

from bot.answer.relevance import lexical_ok
from bot.foundation.config import SearchSettings
from bot.ingest.registry import Registry
from index import QueryPlan
from index.backend import Hit, SearchBackend
from index.fusion import TRANSLATED_WEIGHT, Fused
from index.translate import Dictionary, shared_dictionary, translate_plan

log = logging.getLogger(__name__)

ANALYZED_CACHE = 50_000
# A translation held by more than this share of the corpus (and COMMON_MIN documents) is left
# out: it tells passages apart no better than a stop word, and its postings are what a search
# of 10^5 passages spends its time on.
COMMON_SHARE = 0.1
COMMON_MIN = 100
FULL = 0.999  # a coverage of the whole (rounding aside)
NAMED_DEPTH = 20  # passages naming a name looked at
FOUND_DEPTH = 3  # the question's best passages in the other language, candidates too


class CrossLingual:
    """Translated searches of the passages in the language other than the question's."""

    def __init__(self, registry: Registry, cache_dir: Path | None) -> None:
        self.registry = registry
        self.cache_dir = cache_dir
        self._langs: frozenset[str] = frozenset()
        self._generation: object = object()
        self._ready = threading.Event()
        self._dictionary: Dictionary | None = None
        self._analyzed: dict[tuple[str, str], list] = {}

    def warm(self) -> None:
        """Read the dictionary in the background when documents are there (a second or so; the
        first time, a few seconds to build its cache), so that no question waits for it."""
        if self.registry.passage_count():
            threading.Thread(target=self._load, name="dictionary", daemon=True).start()

    def _load(self) -> Dictionary | None:
        if not self._ready.is_set():
            self._dictionary = shared_dictionary(self.cache_dir)
            self._ready.set()
        return self._dictionary

    def _cached(self, analyze):
        """The analysis of the dictionary's words, kept (the same few thousand come back)."""
        def cached(text: str, mode: str) -> list:
            key = (text, mode)
            found = self._analyzed.get(key)
            if found is None:
                if len(self._analyzed) >= ANALYZED_CACHE:
                    self._analyzed.clear()
                found = self._analyzed[key] = analyze(text, mode)
            return found
        return cached

    def languages(self, generation: object) -> frozenset[str]:
        """The languages of the ingested passages (looked up again when the index changed)."""
        if generation != self._generation:
            self._analyzed = {}  # a new index may segment differently (new user words)
            self._generation = generation
            self._langs = frozenset(d.lang for d in self.registry.documents() if d.passages)
        return self._langs

    def hits(self, plan: QueryPlan, asked_lang: str, backend: SearchBackend, analyze,
             facets: Sequence[str], depth: int, fields: Sequence[str],
             generation: object) -> tuple[Hit, ...]:
        """The passages in the other language that the translated question matches, best first;
        none when there are no such passages or no dictionary."""
        other = "zh" if asked_lang == "en" else "en"
        if other not in self.languages(generation):
            return ()
        dictionary = self._load()
        if dictionary is None:
            return ()
        common = max(COMMON_MIN, int(backend.doc_count() * COMMON_SHARE))
        translated = translate_plan(plan, other, self._cached(analyze), dictionary,
                                    lambda term: 0 < backend.doc_freq(term) <= common)
        if translated.empty:
            return ()
        return backend.search(translated, limit=depth, facets=[*facets, f"lang:{other}"],
                              prefer=other, snippet_fields=fields).hits

    def name_written(self, name: str, plan: QueryPlan, asked_lang: str, backend: SearchBackend,
                     analyze, facets: Sequence[str], generation: object,
                     candidates: Collection[str]) -> bool:
        """Whether a name the corpus lacks as written is there in the other language, in one of
        the best `candidates`: every word of it, translated (a name in pinyin through its
        characters: "Yancheng": 盐城), in that passage. The rest of the question may match it
        weakly (its other words are the report's jargon), yet the name is not missing; a name
        only in passages the question does not otherwise find stays missing. The caller counts
        the question's own FOUND_DEPTH best passages in the other language among the candidates
        (the knowledge base's items may outrank them on its everyday words: "Which banks'
        Yancheng branches…")."""
        words = {t for t, _, sub in analyze(name, "query") if not sub}
        named = QueryPlan(plan.question, [c for c in plan.concepts if c.word in words])
        if named.empty or {c.word for c in named.concepts} != words:
            return False
        hits = self.hits(named, asked_lang, backend, analyze, facets, NAMED_DEPTH, (), generation)
        return any(h.coverage >= FULL and h.id in candidates for h in hits)

def found_translated(translated: Sequence[Hit], search: SearchSettings, depth: int) -> bool:
    """Whether the question, translated, clearly matches one of its `depth` best passages in
    the other language: a name the corpus lacks is then written there in that language
    ("Northeast Electric": 东北电气), not missing."""
    return any(lexical_ok(Fused(h.id, bm25=h.score * TRANSLATED_WEIGHT,
                                coverage=h.coverage * TRANSLATED_WEIGHT), search)
               for h in translated[:depth])


def merged_hits(direct: Sequence[Hit], translated: Sequence[Hit]) -> dict[str, Hit]:
    """Every hit by id; a passage found both ways keeps the hit that covers more of the
    question (its snippet marks those words)."""
    out = {h.id: h for h in translated}
    for h in direct:
        if h.id not in out or h.coverage >= out[h.id].coverage:
            out[h.id] = h
    return out
