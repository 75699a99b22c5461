"""The answer engine: a question in, an `Answer` with citations out.

It detects the answer language, plans the query (segmentation, glossary expansion), ranks passages by
BM25F and by dense similarity and fuses the two rankings, decides whether anything relevant was found
(bot/answer/relevance.py: off-topic questions are declined, not answered with noise), and answers with a lead
taken from the best passages (bot/answer/lead.py) and citations in the answer language and script.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import chain
from pathlib import Path

from bot.answer.corpus import index_corpus
from bot.answer.documents import thesaurus_groups
from bot.answer.embedding import SEED_VECTORS, make_embedder, offtopic_anchors
from bot.answer.filters import Filters
from bot.answer.lead import best_sentence, compose_lead, marks_in, sentence_snippet
from bot.answer.passage_citations import PassageCiter
from bot.answer.relevance import is_related, is_relevant, lexical_ok
from bot.answer.sources import render_sources
from bot.answer.unanswerable import GapFinder
from bot.foundation.answers import Answer, Citation, Lang, Script
from bot.foundation.config import SearchSettings, Settings
from bot.foundation.messages import Messages
from bot.ingest.registry import Registry
from bot.knowledge import Item, Knowledge, all_terms, load_knowledge
from index import (
    IndexStore,
    QueryPlan,
    Segmenter,
    Thesaurus,
    clean_text,
    detect_lang,
    has_han,
    is_traditional,
    plan_query,
    to_simplified,
    to_traditional,
)
from index.backend import Hit, SearchBackend, Snippet
from index.dense import DenseRanking, DenseRetriever
from index.fusion import DEPTH, Fused, mix, rrf
from index.live import LiveBackend
from index.snippet import opening

log = logging.getLogger(__name__)

# Score factor of an item tagged with a country the question names.
COUNTRY_MATCH = 1.1
# The question is answered when one of this many best candidates is relevant (the fused order may
# put a strong word match first and a strong meaning match second).
DECIDE_DEPTH = 3


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
        self.dense: DenseRetriever | None = None  # semantic search, when an embedder is set up
        self._country_names = {
            c.lower(): {n.lower() for n in (c, knowledge.glossary_name(c, "zh")) if n}
            for item in knowledge.items for c in item.countries}
        self.gaps = GapFinder(self._gap_texts(), self._is_known_word, self._chinese_names)
        self._gaps_index = self._index_generation()

    @classmethod
    def from_settings(cls, settings: Settings, rebuild: bool = True, force: bool = False) -> Engine:
        """Load the knowledge, (re)build the index if its content changed (always with `force`),
        and open it with its passage vectors (embedded now when missing)."""
        knowledge = load_knowledge(settings.knowledge_path)
        data_dir = Path(settings.data_dir)
        segmenter = Segmenter(data_dir / "cache", all_terms(knowledge.glossary))
        store = IndexStore(data_dir / "index", segmenter, Thesaurus(thesaurus_groups(knowledge)),
                           large_corpus=settings.search.large_corpus)
        registry = Registry(data_dir)
        docs, digest = index_corpus(knowledge, settings.search.background_boost,
                                    settings.search.document_boost, data_dir, registry,
                                    settings.embeddings.documents)
        if rebuild and store.ensure(docs, digest, force=force):
            log.info("index rebuilt (%d documents, hash %s)", len(docs), digest)
        store.prepare_thesaurus()
        engine = cls(knowledge, store, LiveBackend(store), Messages.load(), settings.search,
                     settings.default_lang, PassageCiter(registry))
        embedder = make_embedder(settings)
        if embedder is not None:
            cache = settings.embeddings.cache_dir or data_dir / "index" / "vectors"
            # Passages of ingested documents get vectors only when asked (embeddings.documents):
            # 10^5 passages take hours with the bundled model on 2 cores; BM25F finds them anyway.
            embedded = list(docs) if settings.embeddings.documents else docs.curated
            engine.dense = DenseRetriever.open(store.current.resolve(),
                                               embedded if rebuild else None,
                                               embedder, cache, (SEED_VECTORS,), offtopic_anchors())
        return engine

    def answer(self, question: str, lang: Lang | None = None, limit: int | None = None,
               offset: int = 0, filters: Filters | None = None, decide: bool = True) -> Answer:
        """Answer `question`; never raises on any text. `decide=False` (evaluation only) answers
        with the ranking whatever the relevance decision says."""
        question = clean_text(question or "").strip()
        answer_lang: Lang = lang or (detect_lang(question) if question else self.default_lang)
        script = self._script(question, answer_lang)
        limit = self.search.limit if limit is None else max(1, min(limit, 20))
        if not question:
            return self._decline(question, answer_lang, script, "empty_question")
        if len(question) > self.search.max_question_chars:
            return self._decline(question, answer_lang, script, "too_long", length=len(question),
                                 limit=self.search.max_question_chars)
        asked = self.store.correct_chinese(question)  # 乌干大 -> 乌干达; simplified
        plan = plan_query(asked, self.store.analyze, self.store.thesaurus,
                          self.search.expansion_weight, self.store.speller)
        if plan.empty:
            return self._decline(question, answer_lang, script, "no_words")
        gap = self._gap_finder().find(asked) if decide else None
        if gap is not None and gap.kind != "name":
            return self._decline(question, answer_lang, script, f"gap_{gap.kind}", what=gap.what)
        facets = (filters or Filters()).facets()
        field = f"body_{answer_lang}"
        # a document passage is cited in its own language, which may be the other one
        fields = ("body_en", "body_zh") if self._has_passages() else (field,)
        bm25 = self.backend.search(plan, limit=DEPTH, facets=facets, prefer=answer_lang,
                                   snippet_fields=fields)
        ranking = self.dense.rank(asked, facets, DEPTH) if self.dense is not None else None
        fused = self._prefer_named(self._fuse(bm25.hits, ranking), asked)
        fused = [f for f in fused if f.id not in (filters or Filters()).exclude]
        unknown = plan.unknown_share(self.backend.doc_freq)
        if not fused or (decide and not any(is_relevant(f, self.search, unknown, answer_lang)
                                            for f in fused[:DECIDE_DEPTH])):
            return self._decline(question, answer_lang, script, "lead_declined")
        if gap is not None and not self._rest_matches(plan, gap.what, facets, answer_lang):
            # an unknown name, and the rest of the question does not clearly match either
            return self._decline(question, answer_lang, script, "gap_specific", what=gap.what)
        best = fused[0]
        hits_by_id = {h.id: h for h in bm25.hits}
        relevant = [f for f in fused if f is best or not decide or is_related(f, best, self.search)]
        relevant = [f for f in relevant if self.knowledge.get(f.id) is not None
                    or (f.id in hits_by_id and _is_passage(hits_by_id[f.id]))]
        page = relevant[offset:offset + limit]
        if not page:
            return self._decline(question, answer_lang, script, "no_more")
        hits = hits_by_id
        candidates = [self._cite(f, hits.get(f.id), ranking, answer_lang) for f in page]
        cited = [(c, span) for c, span in candidates if c is not None]
        if not cited:
            return self._decline(question, answer_lang, script, "no_more")
        citations = tuple(self._in_script(c, script) for c, _ in cited)
        if offset == 0:
            lead = compose_lead([(c, span) for c, span in cited], answer_lang) or \
                self.messages.get("lead_found", answer_lang)
        else:
            lead = self.messages.get("lead_more", answer_lang, first=offset + 1,
                                     last=offset + len(citations))
        notice = (self._script_text(self.messages.get("gap_name", answer_lang, what=gap.what), script)
                  if gap is not None else None)
        return Answer(question, answer_lang, True, self._script_text(lead, script), citations,
                      script=script, offset=offset, total=offset + len(relevant[offset:]),
                      notice=notice)

    def _rest_matches(self, plan: QueryPlan, name: str, facets: list[str], lang: Lang) -> bool:
        """Whether the question without `name` matches a passage by its words: "how do focal
        points coordinate in Ecuador?" does, "what are the Kunming-Montreal targets?" does not."""
        dropped = {t for t, _, sub in self.store.analyze(to_simplified(name)) if not sub}
        rest = QueryPlan(plan.question, [c for c in plan.concepts if c.word not in dropped])
        if rest.empty:
            return False
        result = self.backend.search(rest, limit=1, facets=facets, prefer=lang)
        return bool(result.hits) and lexical_ok(Fused(result.hits[0].id, bm25=result.top_score,
                                                      coverage=result.top_coverage), self.search)

    def _fuse(self, hits: Sequence[Hit], ranking: DenseRanking | None) -> list[Fused]:
        lexical = [(h.id, h.score, h.coverage) for h in hits]
        if ranking is None:
            return rrf(lexical, [], self.search.rrf_k, 0.0)
        boosts = self.dense.boosts if self.dense is not None else None
        if self.search.fusion == "mix":
            fused = mix(lexical, ranking.top, self.search.dense_weight, boosts)
        else:
            fused = rrf(lexical, ranking.top, self.search.rrf_k, self.search.dense_weight, boosts)
        for f in fused:
            f.dense_z = ranking.z.get(f.id, f.dense_z)
            f.in_scope = ranking.cosine(f.dense_z) - ranking.anchor
        return self._without_vectors(fused, ranking)

    def _without_vectors(self, fused: list[Fused], ranking: DenseRanking) -> list[Fused]:
        """Passages of ingested documents have no vectors unless embeddings.documents is on:
        their lexical share is scaled to the whole score range, so a passage matching every word
        of the question is not beaten by any item that is merely close in meaning (an item that
        also matches the words still wins: document passages carry search.document_boost)."""
        dense = self.search.dense_weight
        scale = (2.0 + dense) / 2.0 if self.search.fusion == "mix" else 1.0 + dense
        embedded = self._embedded_ids()
        changed = False
        for f in fused:
            if f.id not in embedded and f.bm25 > 0:
                f.score *= scale
                changed = True
        return sorted(fused, key=lambda f: (-f.score, f.id)) if changed else fused

    def _prefer_named(self, fused: list[Fused], question: str) -> list[Fused]:
        """Items about a country the question names (its tag, not a passing mention) first among
        near-equals: "how does Uganda manage information" is about Uganda's case before the
        obstacle that cites Uganda as an example."""
        text = to_simplified(question).lower()
        named = {c for c, names in self._country_names.items()
                 if any(_names_in(n, text) for n in names)}
        if not named:
            return fused
        for f in fused:
            item = self.knowledge.get(f.id)
            if item is not None and named & {c.lower() for c in item.countries}:
                f.score *= COUNTRY_MATCH
        return sorted(fused, key=lambda f: (-f.score, f.id))

    def _cite(self, f: Fused, hit: Hit | None, ranking: DenseRanking | None,
              lang: Lang) -> tuple[Citation | None, tuple[int, int] | None]:
        """The citation of candidate `f` (snippet of whole sentences around what matched) and the
        span of its sentence that best answers, for the lead; (None, None) for a passage whose
        document was removed since the index was built."""
        if hit is not None and _is_passage(hit):
            cite = self.passages.cite(hit, lang) if self.passages is not None else None
            if cite is None:
                return None, None
            plang = cite.lang or lang  # cited in its own language
            snippet = hit.snippets.get(f"body_{plang}")
            marks = marks_in(cite.text, snippet.text, snippet.spans) if snippet and snippet.text else ()
            snip, spans = sentence_snippet(cite.text, marks, None, plang)
            cite = replace(cite, snippet=snip, highlights=spans, score=f.score)
            return cite, best_sentence(cite.text, marks, None, lang) if plang == lang else None
        item = self.knowledge.get(f.id)
        assert item is not None
        text = item.text[lang]
        snippet = hit.snippets.get(f"body_{lang}") if hit else None
        marks = marks_in(text, snippet.text, snippet.spans) if snippet and snippet.text else ()
        near = (self.dense.best_span(ranking, f.id, lang)
                if self.dense is not None and ranking is not None else None)
        snip, spans = sentence_snippet(text, marks, near, lang)
        citation = self.citation(item, lang, None, "latn")
        citation = replace(citation, snippet=snip, highlights=spans, score=f.score)
        return citation, best_sentence(text, marks, near, lang)

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

    def _embedded_ids(self) -> frozenset[str]:
        vectors = self.dense.vectors if self.dense is not None else None
        if vectors is None:
            return frozenset()
        if getattr(self, "_embedded_of", None) is not vectors:
            self._embedded_of, self._embedded = vectors, frozenset(str(i) for i in vectors.ids)
        return self._embedded

    def _has_passages(self) -> bool:
        return self.backend.doc_count() > len(self.knowledge.items)

    def _index_generation(self) -> object:
        return getattr(self.backend, "generation", None)

    def _gap_texts(self) -> Iterable[str]:
        """What the corpus mentions: the knowledge base and every ingested passage."""
        texts: Iterable[str] = _corpus_texts(self.knowledge)
        if self.passages is not None:
            texts = chain(texts, self.passages.registry.texts())
        return texts

    def _gap_finder(self) -> GapFinder:
        """The gap finder of the index being served (rebuilt when documents came or went)."""
        generation = self._index_generation()
        if generation != self._gaps_index:
            self._gaps_index = generation
            self.gaps = GapFinder(self._gap_texts(), self._is_known_word, self._chinese_names)
        return self.gaps

    def _is_known_word(self, word: str) -> bool:
        speller = self.store.speller
        return speller is not None and (word in speller or speller.correct(word) is not None)

    def _chinese_names(self, text: str) -> list[str]:
        if not has_han(text):
            return []
        segmenter = self.store.segmenter
        names = segmenter.proper_nouns()
        return [s.text for s in segmenter.segment(text) if s.text in names]

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


def _is_passage(hit: Hit) -> bool:
    return hit.payload.get("kind") == "document"


def _names_in(name: str, text: str) -> bool:
    """A Chinese name anywhere; a Latin one as a whole word (Oman is not in "woman")."""
    if has_han(name):
        return name in text
    return re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", text) is not None


def _corpus_texts(knowledge: Knowledge) -> list[str]:
    """Every title, text and glossary term: what the knowledge base can be said to mention."""
    texts = [t for item in knowledge.items for t in (*item.title.values(), *item.text.values())]
    texts += [" ".join(entry.terms) for entry in knowledge.glossary]
    return texts
