"""An in-memory BM25F backend for small corpora, loaded from a whoosh index.

whoosh builds and stores the index, but its Python matchers spend about 0.5 ms per query clause,
and a bilingual question with its glossary expansion has ~50 clauses (one per term and field). For a
knowledge base of a few thousand passages the postings fit easily in memory, so this backend loads
them once (weights already carry field and document boosts, as whoosh stores them) and scores with
whoosh's own BM25F formula, phrase matching on the stored positions and snippets from the stored
character offsets. Large corpora keep using `WhooshBackend` (see `IndexStore.open`).
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from whoosh.scoring import bm25

from index.backend import Hit, SearchResult, Snippet
from index.cachefile import read_cache, write_cache
from index.language import has_han
from index.query import Alternative, Concept, QueryPlan
from index.ranking import concept_weight, coord, coverage
from index.schema import LANG_FIELDS, TEXT_FIELDS, ZH_FIELDS
from index.snippet import opening

B, K1 = 0.75, 1.2  # whoosh's BM25F defaults
PREFERRED_LANG_BOOST = 1.25
PHRASE_SLOP = 2
# Terms in more than this share of the passages only score passages found by rarer terms,
# once the corpus has at least COMMON_MIN_DOCS passages (small corpora score everything).
COMMON_SHARE = 0.3
COMMON_MIN_DOCS = 1000

# field -> term -> {docnum: (weight, positions, chars)}
Postings = dict[str, dict[str, dict[int, tuple[float, tuple[int, ...], tuple[tuple[int, int], ...]]]]]


class MemoryBackend:
    """Searches postings held in dicts; same results contract as `WhooshBackend`."""

    def __init__(self, ix, cache: Path | None = None) -> None:
        """`cache`: a file beside the (immutable) index holding the loaded postings, so that later
        start-ups read one pickle instead of walking every posting list through whoosh."""
        self._ix = ix
        state = read_cache(cache)
        if state is None:
            state = _load_state(ix)
            write_cache(cache, state)
        self._n, self._stored, self._lengths, self._postings = state
        self._avg = {f: (sum(v) / self._n if self._n else 1.0) or 1.0
                     for f, v in self._lengths.items()}
        self._max_boost = max((d.get("boost", 1.0) for d in self._stored), default=1.0)
        self._facets: dict[str, set[int]] = defaultdict(set)
        for docnum, fields in enumerate(self._stored):
            for facet in (fields.get("facets") or "").split(","):
                if facet:
                    self._facets[facet].add(docnum)
        self._df = {}
        for field, terms in self._postings.items():
            for term, docs in terms.items():
                self._df[(field, term)] = len(docs)

    def doc_count(self) -> int:
        return self._n

    def close(self) -> None:
        self._ix.close()

    def search(self, plan: QueryPlan, limit: int = 3, offset: int = 0,
               facets: Sequence[str] = (), prefer: str | None = None,
               snippet_fields: Sequence[str] = ()) -> SearchResult:
        if plan.empty or limit <= 0 or self._n == 0:
            return SearchResult((), 0, 0.0)
        allowed = self._allowed(facets)
        preferred = set(LANG_FIELDS.get(prefer or "", ()))
        # Each alternative is scored once (BM25F summed over its fields) ...
        alt_scores: dict[tuple[str, ...], dict[int, float]] = defaultdict(lambda: defaultdict(float))
        matched: dict[int, dict[tuple[str, ...], list]] = defaultdict(dict)
        common: list[tuple[tuple[str, ...], str]] = []
        for tokens in _weights(plan.concepts):
            for field in ZH_FIELDS if any(has_han(t) for t in tokens) else TEXT_FIELDS:
                if self._is_common(field, tokens[0]):
                    common.append((tokens, field))  # scored below, for the candidates only
                else:
                    self._score(tokens, field, preferred, allowed, None, alt_scores, matched)
        # A word in most passages (国家, biodiversity) cannot pick passages out; in a large corpus
        # walking its postings would dominate the query, so it only adds to passages found by rarer
        # words (or to every passage when the question has no rarer word).
        candidates = list(matched) if matched else None
        for tokens, field in common:
            self._score(tokens, field, preferred, allowed, candidates, alt_scores, matched)
        # ... and a concept counts once, through its best alternative: ten synonyms of "focal
        # point" must not outweigh the other words of the question.
        scores: dict[int, float] = defaultdict(float)
        for concept in plan.concepts:
            best: dict[int, float] = {}
            for alt in concept.alternatives:
                for docnum, score in alt_scores.get(alt.tokens, {}).items():
                    weighted = alt.weight * score
                    if weighted > best.get(docnum, 0.0):
                        best[docnum] = weighted
            for docnum, score in best.items():
                scores[docnum] += score
        # Lucene's classic "coord" factor: a passage that matches more of the question (weighted by
        # idf) ranks above one that repeats a single word many times. The factor is at most 1, so
        # walking passages by raw score can stop once no raw score can reach the page any more.
        weights = [self._concept_weight(c) for c in plan.concepts]
        need = offset + limit
        covered: dict[int, float] = {}
        final: dict[int, float] = {}
        page: list[float] = []  # min-heap of the best `need` final scores so far
        for docnum, raw in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
            if len(page) >= need and raw * self._max_boost <= page[0]:
                break
            cov = covered[docnum] = coverage(plan.concepts, weights,
                                             partial(_found_in, matched[docnum]))
            final[docnum] = coord(raw, cov) * self._stored[docnum].get("boost", 1.0)
            heapq.heappush(page, final[docnum])
            if len(page) > need:
                heapq.heappop(page)
        ranked = sorted(final.items(), key=lambda kv: (-kv[1], kv[0]))
        hits = []
        top_cov = top_score = 0.0
        for rank, (docnum, score) in enumerate(ranked[: offset + limit]):
            cov = covered[docnum]
            if rank == 0:
                top_cov, top_score = cov, score
            if rank < offset:
                continue
            stored = self._stored[docnum]
            snippets = {f: _snippet(stored.get(f) or "", matched[docnum], f) for f in snippet_fields}
            hits.append(Hit(stored["id"], score, cov, stored.get("payload") or {}, snippets))
        return SearchResult(tuple(hits), len(scores), top_cov, top_score)

    def _is_common(self, field: str, term: str) -> bool:
        return self._n >= COMMON_MIN_DOCS and len(self._postings.get(field, {}).get(term, ())) > COMMON_SHARE * self._n

    def _score(self, tokens: tuple[str, ...], field: str, preferred: set[str], allowed: set[int] | None,
               docs: list[int] | None, alt_scores: dict, matched: dict) -> None:
        """Adds BM25F of `tokens` in `field` to `alt_scores` and records the matches."""
        lang_boost = PREFERRED_LANG_BOOST if field in preferred else 1.0
        # A phrase is at least as rare as its rarest word (a sum would let long names of ten
        # words outweigh everything else).
        idf = max(self._idf(field, t) for t in tokens)
        per_doc = alt_scores[tokens]
        for docnum, tf, chars in self._match(field, tokens, allowed, docs):
            per_doc[docnum] += lang_boost * bm25(idf, tf, self._lengths[field][docnum] or 1,
                                                 self._avg[field], B, K1)
            matched[docnum].setdefault(tokens, []).append((field, chars))

    def _allowed(self, facets: Sequence[str]) -> set[int] | None:
        if not facets:
            return None
        sets = [self._facets.get(f, set()) for f in facets]
        return set.intersection(*sets) if sets else None

    def _match(self, field: str, tokens: tuple[str, ...], allowed: set[int] | None,
               docs: list[int] | None = None):
        """(docnum, term frequency, char spans) of documents holding the term or phrase (among
        `docs` when given)."""
        table = self._postings.get(field, {})
        first = table.get(tokens[0])
        if not first:
            return
        rest = [table.get(t) for t in tokens[1:]]
        if any(r is None for r in rest):
            return
        pairs = first.items() if docs is None else ((d, first[d]) for d in docs if d in first)
        for docnum, (weight, positions, chars) in pairs:
            if allowed is not None and docnum not in allowed:
                continue
            if not rest:
                yield docnum, weight, chars
                continue
            spans = _phrase_spans(positions, chars, [r.get(docnum) for r in rest])
            if spans:
                yield docnum, weight * len(spans) / max(len(positions), 1), tuple(spans)

    def _idf(self, field: str, term: str) -> float:
        """whoosh's idf: log(N / (df + 1)) + 1."""
        return math.log(self._n / (self._df.get((field, term), 0) + 1)) + 1

    def doc_freq(self, term: str) -> int:
        return max(self._df.get((f, term), 0) for f in TEXT_FIELDS)

    def _concept_weight(self, concept: Concept) -> float:
        return concept_weight(concept, self.doc_freq, self._n)

def _load_state(ix) -> tuple:
    with ix.searcher() as searcher:
        reader = searcher.reader()
        n = reader.doc_count_all()
        stored = [reader.stored_fields(d) for d in range(n)]
        lengths = {f: [reader.doc_field_length(d, f) or 0 for d in range(n)] for f in TEXT_FIELDS}
        return n, stored, lengths, _load_postings(reader)


def _load_postings(reader) -> Postings:
    postings: Postings = {}
    for field in TEXT_FIELDS:
        table: dict = {}
        for term in reader.lexicon(field):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            docs = {}
            matcher = reader.postings(field, term)
            while matcher.is_active():
                chars = tuple((c[1], c[2]) for c in matcher.value_as("characters"))
                positions = tuple(c[0] for c in matcher.value_as("characters"))
                docs[matcher.id()] = (matcher.weight(), positions, chars)
                matcher.next()
            table[text] = docs
        postings[field] = table
    return postings


def _weights(concepts: Sequence[Concept]) -> dict[tuple[str, ...], float]:
    weights: dict[tuple[str, ...], float] = {}
    for concept in concepts:
        for alt in concept.alternatives:
            weights[alt.tokens] = max(weights.get(alt.tokens, 0.0), alt.weight)
    return weights


def _found_in(found: dict, alt: Alternative) -> bool:
    return alt.tokens in found


def _phrase_spans(positions, chars, rest) -> list[tuple[int, int]]:
    """Spans where the other tokens follow the first within the slop."""
    if any(r is None for r in rest):
        return []
    spans = []
    for pos, (start, end) in zip(positions, chars, strict=False):
        cur, last_end = pos, end
        for _, r_positions, r_chars in rest:
            nxt = next(((p, c) for p, c in zip(r_positions, r_chars, strict=False) if cur < p <= cur + 1 + PHRASE_SLOP), None)
            if nxt is None:
                break
            cur, last_end = nxt[0], nxt[1][1]
        else:
            spans.append((start, last_end))
    return spans


def _snippet(text: str, matched: dict, field: str, width: int = 220) -> Snippet:
    """The window of `text` holding the most matched words, cut near sentence ends."""
    spans = sorted({span for hits in matched.values() for f, chars in hits if f == field
                    for span in chars})
    if not text:
        return Snippet("")
    if not spans:
        return Snippet(opening(text, width))
    best_start, best_count = spans[0][0], 0
    for i, (start, _) in enumerate(spans):
        count = sum(1 for s, e in spans[i:] if e <= start + width)
        if count > best_count:
            best_start, best_count = start, count
    begin = _sentence_start(text, best_start, width // 3)
    end = min(len(text), begin + width)
    cut = text.rfind("。", begin, end) + 1 or text.rfind(". ", begin, end) + 1
    if cut > begin + width // 2:
        end = cut
    elif end < len(text) and text[end - 1].isascii() and text[end - 1].isalnum():
        space = text.rfind(" ", begin, end)  # do not cut an English word in two
        if space > begin + width // 2:
            end = space
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(text) else ""
    body = text[begin:end].strip()
    shift = len(prefix) - begin - (len(text[begin:end]) - len(text[begin:end].lstrip()))
    marks = tuple((s + shift, e + shift) for s, e in _merge(spans) if s >= begin and e <= begin + len(text[begin:end].rstrip()))
    return Snippet(prefix + body + suffix, marks)


def _merge(spans):
    out = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _sentence_start(text: str, at: int, reach: int) -> int:
    """A start at most `reach` characters before `at`, at a sentence boundary when one is near."""
    lo = max(0, at - reach)
    for mark in ("。", ". ", "；", "; ", "\n"):
        i = text.rfind(mark, lo, at)
        if i != -1:
            return i + len(mark)
    return 0 if lo == 0 else at
