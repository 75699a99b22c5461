"""The answer engine: a question in, an `Answer` with citations out.

It detects the answer language, plans the query (segmentation, glossary expansion), ranks passages by
BM25F and by dense similarity and fuses the two rankings, decides whether anything relevant was found
(bot/relevance.py: off-topic questions are declined, not answered with noise), and answers with a lead
taken from the best passages (bot/lead.py) and citations in the answer language and script.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bot.answers import Answer, Citation, Lang, Script
from bot.config import SearchSettings, Settings
from bot.documents import index_content, thesaurus_groups
from bot.embedding import SEED_VECTORS, make_embedder, offtopic_anchors
from bot.gaps import GapFinder
from bot.knowledge import Item, Knowledge, all_terms, load_knowledge
from bot.lead import best_sentence, compose_lead, marks_in, sentence_snippet
from bot.messages import Messages
from bot.relevance import is_related, is_relevant, lexical_ok
from bot.sources import render_sources
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
from index.snippet import opening

log = logging.getLogger(__name__)

# Score factor of an item tagged with a country the question names.
COUNTRY_MATCH = 1.1
# The question is answered when one of this many best candidates is relevant (the fused order may
# put a strong word match first and a strong meaning match second).
DECIDE_DEPTH = 3


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
        self.dense: DenseRetriever | None = None  # semantic search, when an embedder is set up
        self._country_names = {
            c.lower(): {n.lower() for n in (c, knowledge.glossary_name(c, "zh")) if n}
            for item in knowledge.items for c in item.countries}
        self.gaps = GapFinder(_corpus_texts(knowledge), self._is_known_word, self._chinese_names)

    @classmethod
    def from_settings(cls, settings: Settings, rebuild: bool = True, force: bool = False) -> Engine:
        """Load the knowledge, (re)build the index if its content changed (always with `force`),
        and open it with its passage vectors (embedded now when missing)."""
        knowledge = load_knowledge(settings.knowledge_path)
        data_dir = Path(settings.data_dir)
        segmenter = Segmenter(data_dir / "cache", all_terms(knowledge.glossary))
        store = IndexStore(data_dir / "index", segmenter, Thesaurus(thesaurus_groups(knowledge)))
        docs, digest = index_content(knowledge, settings.search.background_boost)
        if rebuild and store.ensure(docs, digest, force=force):
            log.info("index rebuilt (%d documents, hash %s)", len(docs), digest)
        store.prepare_thesaurus()
        engine = cls(knowledge, store, store.open(), Messages.load(), settings.search,
                     settings.default_lang)
        embedder = make_embedder(settings)
        if embedder is not None:
            cache = settings.embeddings.cache_dir or data_dir / "index" / "vectors"
            engine.dense = DenseRetriever.open(store.current.resolve(), docs if rebuild else None,
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
        gap = self.gaps.find(asked) if decide else None
        if gap is not None and gap.kind != "name":
            return self._decline(question, answer_lang, script, f"gap_{gap.kind}", what=gap.what)
        facets = (filters or Filters()).facets()
        field = f"body_{answer_lang}"
        bm25 = self.backend.search(plan, limit=DEPTH, facets=facets, prefer=answer_lang,
                                   snippet_fields=(field,))
        ranking = self.dense.rank(asked, facets, DEPTH) if self.dense is not None else None
        fused = self._prefer_named(self._fuse(bm25.hits, ranking), asked)
        unknown = plan.unknown_share(self.backend.doc_freq)
        if not fused or (decide and not any(is_relevant(f, self.search, unknown, answer_lang)
                                            for f in fused[:DECIDE_DEPTH])):
            return self._decline(question, answer_lang, script, "lead_declined")
        if gap is not None and not self._rest_matches(plan, gap.what, facets, answer_lang):
            # an unknown name, and the rest of the question does not clearly match either
            return self._decline(question, answer_lang, script, "gap_specific", what=gap.what)
        best = fused[0]
        relevant = [f for f in fused if f is best or not decide or is_related(f, best, self.search)]
        relevant = [f for f in relevant if self.knowledge.get(f.id) is not None]
        page = relevant[offset:offset + limit]
        if not page:
            return self._decline(question, answer_lang, script, "no_more")
        hits = {h.id: h for h in bm25.hits}
        cited = [self._cite(f, hits.get(f.id), ranking, answer_lang) for f in page]
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
        return fused

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
              lang: Lang) -> tuple[Citation, tuple[int, int] | None]:
        """The citation of candidate `f` (snippet of whole sentences around what matched) and the
        span of its sentence that best answers, for the lead."""
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
