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

from bot.answer.candidate_texts import candidate_texts
from bot.answer.contractions import spelled_out
from bot.answer.corpus import doc_of, index_corpus, parse_passage_id
from bot.answer.crosslingual import FOUND_DEPTH, CrossLingual, found_translated, merged_hits
from bot.answer.decline import CONTEXT, holds_across, holds_answer
from bot.answer.documents import thesaurus_groups
from bot.answer.embedding import SEED_VECTORS, documents_embedded, make_embedder, offtopic_anchors
from bot.answer.filters import Filters
from bot.answer.focus import FocusCheck, asked_focus, asked_rank
from bot.answer.lead import Evidence, compose_lead, marks_in, question_concepts, sentence_snippet
from bot.answer.meta import meta_kinds
from bot.answer.name_readings import naming
from bot.answer.named_places import (
    CountryNames,
    asks_which_of,
    chinese_names,
    names_all,
    names_asked,
    names_in,
)
from bot.answer.neighbour_values import neighbour_holding
from bot.answer.passage_citations import PassageCiter
from bot.answer.present import Presenter
from bot.answer.question_slots import Slot, asked_slot
from bot.answer.ranking import fuse
from bot.answer.relevance import is_related, is_relevant, lexical_ok
from bot.answer.unanswerable import Gap, GapFinder, corpus_texts
from bot.foundation.answers import Answer, Lang
from bot.foundation.config import SearchSettings, Settings
from bot.foundation.messages import Messages
from bot.ingest.registry import Registry
from bot.knowledge import Knowledge, all_terms, load_knowledge
from index import (
    IndexStore,
    QueryPlan,
    Segmenter,
    Thesaurus,
    clean_text,
    detect_lang,
    has_han,
    plan_query,
    to_simplified,
)
from index.backend import Hit, SearchBackend
from index.dense import DenseRanking, DenseRetriever
from index.embedder import EmbedderError
from index.fusion import DEPTH, Fused
from index.live import LiveBackend
from index.vectors import build_vectors

log = logging.getLogger(__name__)

# Score factor of an item tagged with a country the question names.
COUNTRY_MATCH = 1.1
# How many of the best candidates are read for a name in pinyin the corpus lacks as written.
READ_DEPTH = 10
# The question is answered when one of this many best candidates is relevant (the fused order may
# put a strong word match first and a strong meaning match second).
DECIDE_DEPTH = 3


class Engine(Presenter):
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
        # the question translated for the passages in the other language
        self.crosslingual = (CrossLingual(passages.registry, store.segmenter.cache_dir)
                             if passages is not None else None)
        self._country_names = {
            c.lower(): {n.lower() for n in (c, knowledge.glossary_name(c, "zh")) if n}
            for item in knowledge.items for c in item.countries}
        self._name_alternatives = {c: "|".join(sorted(n)) for c, n in self._country_names.items()}
        self._all_names = tuple(sorted({n for ns in self._country_names.values() for n in ns}))
        self.countries = CountryNames(knowledge.glossary)
        self.gaps = GapFinder(self._gap_texts(), self._is_known_word, self._chinese_names)
        self.focus_check = FocusCheck(self.store.analyze)
        self._gaps_index = self._index_generation()

    @classmethod
    def from_settings(cls, settings: Settings, rebuild: bool = True, force: bool = False,
                      background: bool = False) -> Engine:
        """Load the knowledge, (re)build the index if its content changed (always with `force`),
        and open it with its passage vectors: those missing are embedded now, or with
        `background` (a bot starting) in a thread while it answers."""
        knowledge = load_knowledge(settings.knowledge_path)
        data_dir = Path(settings.data_dir)
        segmenter = Segmenter(data_dir / "cache", all_terms(knowledge.glossary))
        store = IndexStore(data_dir / "index", segmenter, Thesaurus(thesaurus_groups(knowledge)),
                           large_corpus=settings.search.large_corpus)
        registry = Registry(data_dir)
        embedder = make_embedder(settings)
        embed_documents = (embedder is not None
                           and documents_embedded(settings, registry.passage_count()))
        docs, digest = index_corpus(knowledge, settings.search.background_boost,
                                    settings.search.document_boost, data_dir, registry,
                                    embed_documents)
        cache = settings.embeddings.cache_dir or data_dir / "index" / "vectors"
        # Passages of ingested documents get vectors up to embeddings.documents_limit (auto):
        # 10^5 passages take hours with the bundled model on 2 cores; BM25F finds them anyway.
        embedded = (lambda: list(docs)) if embed_documents else (lambda: list(docs.curated))

        def cached_vectors(directory: Path) -> None:
            """A new index is swapped in with the vectors already computed (a running bot keeps
            its semantic search); the passages still missing are embedded next."""
            if embedder is None:
                return
            try:
                build_vectors(directory, embedded(), embedder, cache, (SEED_VECTORS,), embed=False)
            except (EmbedderError, OSError, ValueError) as exc:  # embedded after the swap instead
                log.warning("could not carry the cached vectors over to the new index: %s", exc)

        if rebuild and store.ensure(docs, digest, force=force, prepare=cached_vectors):
            log.info("index rebuilt (%d documents, hash %s)", len(docs), digest)
        store.prepare_thesaurus()
        engine = cls(knowledge, store, LiveBackend(store), Messages.load(), settings.search,
                     settings.default_lang, PassageCiter(registry))
        if engine.crosslingual is not None:
            engine.crosslingual.warm()
        if embedder is not None:
            engine.dense = DenseRetriever.open(store.current.resolve(),
                                               embedded() if rebuild else None,
                                               embedder, cache, (SEED_VECTORS,), offtopic_anchors(),
                                               batch=settings.embeddings.batch_size,
                                               background=background)
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
        meta = meta_kinds(spelled_out(question))
        if meta:
            return self.meta_answer(question, answer_lang, script, meta)
        if len(question) > self.search.max_question_chars:
            return self._decline(question, answer_lang, script, "too_long", length=len(question),
                                 limit=self.search.max_question_chars)
        # 乌干大 -> 乌干达; simplified; "what's" -> "what is"
        asked = spelled_out(self.store.correct_chinese(question))
        plan = plan_query(asked, self.store.analyze, self.store.thesaurus,
                          self.search.expansion_weight, self.store.speller)
        if plan.empty:
            return self._decline(question, answer_lang, script, "no_words")
        slot = asked_slot(asked) if decide else None
        gap = self._gap_finder().find(asked) if decide else None
        # declined whatever is found ("this year's quota", "draft a letter"); the search still runs
        # for the related items the decline offers
        early = ((slot.kind, slot.what) if slot is not None and slot.kind in ("task", "current", "own")
                 else (gap.kind, gap.what) if gap is not None and gap.kind != "name" else None)
        facets = (filters or Filters()).facets()
        field = f"body_{answer_lang}"
        # a document passage is cited in its own language, which may be the other one
        fields = ("body_en", "body_zh") if self._has_passages() else (field,)
        bm25 = self.backend.search(plan, limit=DEPTH, facets=facets, prefer=answer_lang,
                                   snippet_fields=fields)
        dense = self._live_dense()
        ranking = (dense.rank(asked, facets, DEPTH, detect_lang(asked)) if dense is not None
                   else None)
        translated = (self.crosslingual.hits(plan, detect_lang(asked), self.backend,
                                             self.store.analyze, facets, DEPTH, fields,
                                             self._index_generation())
                      if self.crosslingual is not None and self._has_passages() else ())
        fused = self._prefer_named(self._fuse(bm25.hits, ranking, translated), asked)
        fused = [f for f in fused if f.id not in (filters or Filters()).exclude]
        unknown = plan.unknown_share(self.backend.doc_freq)
        asked_lang = detect_lang(asked)
        found = bool(fused) and (not decide or any(
            is_relevant(f, self.search, self._unknown_for(f, unknown, asked_lang), answer_lang)
            for f in fused[:DECIDE_DEPTH]))
        near = [f.id for f in fused[:DECIDE_DEPTH]] if found else []
        hits_by_id = merged_hits(bm25.hits, translated)
        if early is not None and early[0] == "current" and found and self._asks_a_document(asked, fused[0], hits_by_id):
            early = slot = None  # "目前的产能是多少" of an added document: it may state today's figures
        if early is not None:
            return self._decline(question, answer_lang, script, f"gap_{early[0]}", near, what=early[1])
        if not found:
            return self._not_found(question, answer_lang, script, filters)
        if gap is not None and (found_translated(translated, self.search, DECIDE_DEPTH)
                                or self._name_written(gap.what, plan, asked_lang, facets,
                                                      near + [h.id for h in translated[:FOUND_DEPTH]])):
            gap = None  # a name written in the other language there ("Northeast Electric": 东北电气)
        reading = naming(gap.what, fused[:READ_DEPTH], lambda f: (t.partition(CONTEXT)[0] for t in chain(*candidate_texts(
            self.knowledge, self.passages, [f], hits_by_id, "en")))) if gap is not None and self._has_passages() else []
        if reading:  # a name in pinyin, as a Chinese passage writes it ("Zhengyang": 倪正洋): only
            gap = None  # the passages that name whom the question asks about, and their documents'
            docs = {doc_of(f.id) for f in reading}
            fused = [*reading, *(f for f in fused if f not in reading and doc_of(f.id) in docs)]
            near = [f.id for f in fused[:DECIDE_DEPTH]]
        if gap is None and decide and self.countries.named(asked):  # a country no candidate is about
            texts = candidate_texts(self.knowledge, self.passages, fused[:DECIDE_DEPTH], hits_by_id, asked_lang)
            missing = self.countries.unmentioned(asked, texts[0] + texts[1])
            gap = Gap("name", missing) if missing is not None else None
        if gap is not None and (not self._rest_matches(plan, gap.what, facets, answer_lang)
                                or asks_which_of(asked, gap.what)):  # unknown name, rest unclear; "which … in Kenya"
            return self._not_found(question, answer_lang, script, filters, "gap_specific", near, what=gap.what)
        if slot is not None and (gap is not None or not self._holds(slot, asked, fused[:DECIDE_DEPTH], hits_by_id)):
            beside = None if gap is not None or self.passages is None else neighbour_holding(
                fused[:DECIDE_DEPTH], self.passages.registry, lambda f: self._holds(slot, asked, [f], {}),
                [c.word for c in plan.concepts])
            if beside is None:  # a value about a name or year the corpus does not know, or that no candidate states
                return self._not_found(question, answer_lang, script, filters, slot.reason, near, what=slot.what)
            fused = [beside, *(f for f in fused if f.id != beside.id)]
        best = fused[0]
        focus = asked_focus(asked) if decide and slot is None else None
        rank = asked_rank(asked) if decide else None
        if focus is not None or rank is not None:  # a passage in the other language is not read for it
            read, other = candidate_texts(self.knowledge, self.passages, fused[:DECIDE_DEPTH], hits_by_id, asked_lang)
            missing = None if other else self.focus_check.missing(focus, rank, read, plan, self._names_asked(asked, glossary=True))
            if missing is not None:
                return self._not_found(question, answer_lang, script, filters, "gap_focus", near, what=missing)
        relevant = [f for f in fused if f is best or not decide or is_related(f, best, self.search)]
        relevant = [f for f in relevant if self.knowledge.get(f.id) is not None
                    or (f.id in hits_by_id and _is_passage(hits_by_id[f.id]))
                    or (f.id not in hits_by_id and parse_passage_id(f.id) is not None)]
        page = relevant[offset:offset + limit]
        if not page:
            return self._decline(question, answer_lang, script, "no_more")
        candidates = [self._cite(f, hits_by_id.get(f.id), ranking, answer_lang) for f in page]
        cited = [e for e in candidates if e is not None]
        if not cited:
            return self._decline(question, answer_lang, script, "no_more")
        citations = tuple(self._in_script(e.citation, script) for e in cited)
        if offset == 0:
            first = cited[0].citation
            lead = compose_lead(cited, answer_lang, asked, self._all_names, self._lead_labels(answer_lang),
                                concepts=question_concepts(self.knowledge, asked)) \
                or (self.messages.get("lead_found_document", answer_lang, title=first.doc_title or first.title)
                    if first.kind == "document" else self.messages.get("lead_found", answer_lang))
        else:
            lead = self.messages.get("lead_more", answer_lang, first=offset + 1,
                                     last=offset + len(citations))
        notice = (self._script_text(self.messages.get("gap_name", answer_lang, what=gap.what), script)
                  if gap is not None else None)
        return Answer(question, answer_lang, True, self._script_text(lead, script), citations,
                      script=script, offset=offset, total=offset + len(relevant[offset:]),
                      notice=notice)

    def _name_written(self, name: str, plan: QueryPlan, asked_lang: str, facets: list[str],
                      candidates: list[str]) -> bool:
        return (self.crosslingual is not None and self._has_passages() and self.crosslingual.name_written(
            name, plan, asked_lang, self.backend, self.store.analyze, facets, self._index_generation(),
            candidates))

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

    def _fuse(self, hits: Sequence[Hit], ranking: DenseRanking | None,
              translated: Sequence[Hit] = ()) -> list[Fused]:
        return fuse(hits, ranking, self.search, self.dense, translated)

    def _prefer_named(self, fused: list[Fused], question: str) -> list[Fused]:
        """Items about a country the question names (its tag, not a passing mention) first among
        near-equals: "how does Uganda manage information" is about Uganda's case before the
        obstacle that cites Uganda as an example."""
        text = to_simplified(question).lower()
        named = {c for c, names in self._country_names.items()
                 if any(names_in(n, text) for n in names)}
        if not named:
            return fused
        for f in fused:
            item = self.knowledge.get(f.id)
            if item is not None and named & {c.lower() for c in item.countries}:
                f.score *= COUNTRY_MATCH
        return sorted(fused, key=lambda f: (-f.score, f.id))

    def _cite(self, f: Fused, hit: Hit | None, ranking: DenseRanking | None,
              lang: Lang) -> Evidence | None:
        """The citation of candidate `f` (snippet of whole sentences around what matched) with what
        matched in it, for the lead; None for a passage whose document was removed since the index
        was built."""
        if hit is None and parse_passage_id(f.id) is not None:
            hit = Hit(f.id, f.score, f.coverage, {"kind": "document"})  # found by meaning alone
        if hit is not None and _is_passage(hit):
            cite = self.passages.cite(hit, lang) if self.passages is not None else None
            if cite is None:
                return None
            plang = cite.lang or lang  # cited in its own language
            snippet = hit.snippets.get(f"body_{plang}")
            marks = marks_in(cite.text, snippet.text, snippet.spans) if snippet and snippet.text else ()
            found = Evidence(cite, marks, self._chunks(ranking, f.id, plang), plang == lang)
            snip, spans = sentence_snippet(cite.text, marks, found.near, plang)
            return replace(found, citation=replace(cite, snippet=snip, highlights=spans, score=f.score))
        item = self.knowledge.get(f.id)
        assert item is not None
        text = item.text[lang]
        snippet = hit.snippets.get(f"body_{lang}") if hit else None
        marks = marks_in(text, snippet.text, snippet.spans) if snippet and snippet.text else ()
        found = Evidence(self.citation(item, lang, None, "latn"), marks, self._chunks(ranking, f.id, lang))
        snip, spans = sentence_snippet(text, marks, found.near, lang)
        return replace(found, citation=replace(found.citation, snippet=snip, highlights=spans, score=f.score))

    def _chunks(self, ranking: DenseRanking | None, doc_id: str, lang: str) -> tuple[tuple[int, int, float], ...]:
        """The dense retrieval's similarity to the question of each chunk of a candidate."""
        return () if self.dense is None or ranking is None else self.dense.chunk_similarities(ranking, doc_id, lang)

    def _asks_a_document(self, question: str, best: Fused, hits: dict[str, Hit]) -> bool:
        """Whether the best candidate is a document passage naming all the question names (a company
        brief ranked first does not name the CITES of "the current Executive Secretary of CITES")."""
        if best.id not in hits or not _is_passage(hits[best.id]):
            return False
        texts, other = candidate_texts(self.knowledge, self.passages, [best], hits, detect_lang(question))
        return names_all(self._names_asked(question), texts + other)

    def _holds(self, slot: Slot, question: str, top: Sequence[Fused], hits: dict[str, Hit]) -> bool:
        """Whether one of the best candidates states the kind of fact the question asks for
        about what it names (bot/answer/decline.py)."""
        names = self._names_asked(question)
        texts, other = candidate_texts(self.knowledge, self.passages, top, hits, detect_lang(question))
        years = re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", question)
        return holds_answer(slot, texts, names, years) or holds_across(slot, other, names, years)

    def _names_asked(self, question: str, glossary: bool = False) -> list[str]:
        return names_asked(question, self._name_alternatives, self._chinese_names, glossary)

    def _lead_labels(self, lang: Lang) -> dict[str, str]:
        return {"background": self.messages.get("lead_background", lang),
                "document": self.messages.get("lead_document", lang)}

    def _unknown_for(self, f: Fused, unknown: float, lang: str) -> float:
        """The share of the question's words unknown to the corpus, as it counts for candidate
        `f`: none for a passage written only in the other language (its words are that
        language's: a question about it is bound to use words the corpus lacks in its own)."""
        vectors = self.dense.vectors if self.dense is not None else None
        other = vectors.single_language.get(f.id) if vectors is not None else None
        return 0.0 if other is not None and other != lang else unknown

    def _live_dense(self) -> DenseRetriever | None:
        """The dense retriever, serving the vectors of the index being served (a new index, or
        the passage vectors `nfpbot ingest` computed after it, are picked up within a second)."""
        if self.dense is not None:
            generation = self._index_generation()
            self.dense.refresh(generation if isinstance(generation, Path) else None)
        return self.dense

    def _has_passages(self) -> bool:
        return self.backend.doc_count() > len(self.knowledge.items)

    def _index_generation(self) -> object:
        return getattr(self.backend, "generation", None)

    def _gap_texts(self) -> Iterable[str]:
        """What the corpus mentions: the knowledge base and every ingested passage."""
        texts: Iterable[str] = corpus_texts(self.knowledge)
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
        return chinese_names(self.store.segmenter, text) if has_han(text) else []


def _is_passage(hit: Hit) -> bool:
    return hit.payload.get("kind") == "document"
