"""whoosh implementation of `SearchBackend`: BM25F over parallel zh/en fields, built from a
`QueryPlan` without any query parser, with typo correction and highlighted snippets."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from functools import partial

from whoosh import highlight
from whoosh.query import And, Or, Phrase, Query, Term

from index.backend import Hit, SearchResult, Snippet
from index.language import has_han
from index.query import Alternative, Concept, QueryPlan
from index.ranking import RERANK_DEPTH, concept_weight, coord, coverage
from index.schema import LANG_FIELDS, TEXT_FIELDS, ZH_FIELDS
from index.snippet import opening

PREFERRED_LANG_BOOST = 1.25
_MARK_ON, _MARK_OFF = "\ue000", "\ue001"


class _MarkFormatter(highlight.Formatter):
    """Wraps matched words in private-use marks, later turned into spans."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return _MARK_ON + highlight.get_text(text, token, replace) + _MARK_OFF


def _to_snippet(marked: str) -> Snippet:
    spans: list[tuple[int, int]] = []
    out: list[str] = []
    start: int | None = None
    for ch in marked:
        if ch == _MARK_ON:
            start = len(out)
        elif ch == _MARK_OFF:
            if start is not None:
                spans.append((start, len(out)))
            start = None
        else:
            out.append(ch)
    return Snippet("".join(out), tuple(spans))


class WhooshBackend:
    """Searches one opened whoosh index. Thread-safe: searches are serialised on one searcher."""

    def __init__(self, ix) -> None:
        self._ix = ix
        self._searcher = ix.searcher()
        self._lock = threading.Lock()
        self._n = self._searcher.doc_count()
        self._highlighter = highlight.Highlighter(
            fragmenter=highlight.PinpointFragmenter(maxchars=220, surround=70, autotrim=True),
            formatter=_MarkFormatter(), always_retokenize=False,
        )

    def close(self) -> None:
        self._searcher.close()

    def doc_count(self) -> int:
        return self._n

    def search(self, plan: QueryPlan, limit: int = 3, offset: int = 0,
               facets: Sequence[str] = (), prefer: str | None = None,
               snippet_fields: Sequence[str] = ()) -> SearchResult:
        if plan.empty or limit <= 0:
            return SearchResult((), 0, 0.0)
        with self._lock:  # one whoosh searcher, not safe to share between threads
            query = self._build(plan.concepts, prefer)
            filt = And([Term("facets", f) for f in facets]) if facets else None
            # optimize=False: block-max skipping costs more than it saves on a corpus this small.
            results = self._searcher.search(query, limit=max(offset + limit, RERANK_DEPTH),
                                            filter=filt, terms=True, optimize=self._n > 5000)
            weights = [self._concept_weight(c) for c in plan.concepts]
            ranked = []
            for r in results:
                terms = _matched(r)
                cov = coverage(plan.concepts, weights, partial(_all_in, terms))
                ranked.append((coord(float(r.score), cov) * r.get("boost", 1.0), cov, r))
            ranked.sort(key=lambda x: -x[0])
            top_score, top_cov = (ranked[0][0], ranked[0][1]) if ranked else (0.0, 0.0)
            hits = tuple(
                Hit(r["id"], score, cov, r.get("payload") or {},
                    {f: self._snippet(r, f) for f in snippet_fields})
                for score, cov, r in ranked[offset : offset + limit])
            return SearchResult(hits, results.scored_length(), top_cov, top_score)

    def _build(self, concepts: Iterable[Concept], prefer: str | None) -> Query:
        """One clause per (field, term), at the highest weight any concept gives it, so a synonym
        shared by several words of the question is scored once; Chinese terms only go to fields
        that can hold them. (whoosh's DisjunctionMax mis-scores phrase subqueries: every hit got
        the same score in our tests, so the coord re-ranking does the balancing instead.)"""
        preferred = set(LANG_FIELDS.get(prefer or "", ()))
        weights: dict[tuple[str, ...], float] = {}
        for concept in concepts:
            for alt in concept.alternatives:
                weights[alt.tokens] = max(weights.get(alt.tokens, 0.0), alt.weight)
        clauses: list[Query] = []
        for tokens, weight in weights.items():
            fields = ZH_FIELDS if any(has_han(t) for t in tokens) else TEXT_FIELDS
            for field in fields:
                boost = weight * (PREFERRED_LANG_BOOST if field in preferred else 1.0)
                clauses.append(_clause(field, tokens, boost))
        return Or(clauses)

    def doc_freq(self, term: str) -> int:
        reader = self._searcher.reader()
        return max(reader.doc_frequency(f, term) for f in TEXT_FIELDS)

    def _concept_weight(self, concept: Concept) -> float:
        return concept_weight(concept, self.doc_freq, self._n)

    def _snippet(self, hit, field: str) -> Snippet:
        text = hit.get(field) or ""
        if not text:
            return Snippet("")
        try:
            marked = self._highlighter.highlight_hit(hit, field, text=text, top=1, minscore=1)
        except (ValueError, KeyError, IndexError):
            marked = ""
        if not marked:
            return Snippet(opening(text))
        snippet = _to_snippet(marked)
        prefix = "" if text.startswith(snippet.text[:12]) else "…"
        suffix = "" if text.rstrip().endswith(snippet.text.rstrip()[-12:]) else "…"
        spans = tuple((a + len(prefix), b + len(prefix)) for a, b in snippet.spans)
        return Snippet(prefix + snippet.text + suffix, spans)


def _clause(field: str, tokens: tuple[str, ...], boost: float) -> Query:
    if len(tokens) == 1:
        return Term(field, tokens[0], boost=boost)
    return Phrase(field, list(tokens), slop=2, boost=boost)


def _all_in(terms: set[str], alt: Alternative) -> bool:
    return all(tok in terms for tok in alt.tokens)


def _matched(result) -> set[str]:
    terms = set()
    for _field, term in result.matched_terms():
        terms.add(term.decode("utf-8") if isinstance(term, bytes) else term)
    return terms
