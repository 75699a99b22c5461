"""tantivy implementation of `SearchBackend`, for large corpora (10^4-10^5 passages).

whoosh and the in-memory backend are pure Python and slow down linearly with the corpus (about
250 ms a question at 100k passages); tantivy (Rust, via tantivy-py) answers the same queries in a
few milliseconds. It is fed the very same analysis as pre-tokenized text (`PreTokenizedString`):
the bilingual chain (jieba with the domain dictionary, Snowball stemming, stop words, Chinese
numerals) gives each field's tokens with their positions, so query plans, field boosts, phrases and
the coord/coverage rules stay shared with the other backends. What tantivy cannot do itself is done
on its top hits: document boosts, coverage (from each hit's stored term set) and snippets (by
analysing the cited field again).
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

import tantivy

from index.backend import Hit, SearchResult, Snippet
from index.language import has_han, to_simplified
from index.memory import _snippet
from index.query import Concept, QueryPlan
from index.ranking import concept_weight, coord, coverage
from index.schema import FIELD_BOOSTS, LANG_FIELDS, TEXT_FIELDS, ZH_FIELDS, Document

PREFERRED_LANG_BOOST = 1.25
PHRASE_SLOP = 2
STORED_TEXT = ("title_en", "title_zh", "body_en", "body_zh")
WRITER_HEAP = 256_000_000

Token = tuple[str, int, int, int]             # (term, position, start char, end char)
Analyze = Callable[[str], list[Token]]
AnalyzeDocument = Callable[[Document], dict[str, list[Token]]]
PARALLEL_MIN_DOCS = 5000  # analyse larger corpora in forked worker processes
MAX_SPANS = 100  # marked words looked at per snippet
# Top hits by raw BM25F re-ranked by coverage and document boost (each costs a stored-document
# read: 25 keep the BM25 stage under 5 ms at 100k passages; coverage moves a hit by a factor of
# at most 1 / COORD_FLOOR, so deeper hits rarely reach the first page).
RERANK_DEPTH = 25


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("facets", tokenizer_name="raw", index_option="basic")
    for name in TEXT_FIELDS:
        sb.add_text_field(name, tokenizer_name="raw", index_option="position")
    for name in STORED_TEXT:
        sb.add_bytes_field(f"{name}_text", stored=True)
    sb.add_bytes_field("terms", stored=True)     # the passage's distinct terms (coverage)
    sb.add_bytes_field("payload", stored=True)   # JSON
    sb.add_float_field("boost", stored=True, fast=True)
    return sb.build()


def _pre_tokenized(text: str, tokens: list[tuple[str, int, int, int]]) -> tantivy.PreTokenizedString:
    return tantivy.PreTokenizedString(text, [tantivy.Token(t, pos, start, end)
                                             for t, pos, start, end in tokens])


_worker_analyze: AnalyzeDocument | None = None


def _analyze_in_worker(doc: Document) -> tuple[Document, dict[str, list[Token]]]:
    assert _worker_analyze is not None
    return doc, _worker_analyze(doc)


@contextmanager
def _analysis(docs: Iterable[Document], analyze: AnalyzeDocument,
              parallel: bool) -> Iterator[Iterator[tuple[Document, dict[str, list[Token]]]]]:
    """Each document with its tokens; with `parallel`, analysed by forked workers (they inherit
    the segmenter's dictionary instead of loading it again), in order. The workers are forked
    here, before tantivy starts its writer threads."""
    if not parallel:
        yield ((doc, analyze(doc)) for doc in docs)
        return
    global _worker_analyze
    _worker_analyze = analyze
    try:
        with get_context("fork").Pool(os.cpu_count() or 1) as pool:
            yield pool.imap(_analyze_in_worker, docs, chunksize=200)
    finally:
        _worker_analyze = None


def build_tantivy(docs: Collection[Document], path: Path, analyze: AnalyzeDocument) -> int:
    """Index `docs` into a new tantivy index at `path`; `analyze` gives each text field's tokens
    as whoosh's analysis would index them. Returns the number of documents."""
    path.mkdir(parents=True, exist_ok=True)
    parallel = len(docs) >= PARALLEL_MIN_DOCS and (os.cpu_count() or 1) > 1
    with _analysis(docs, analyze, parallel) as analyzed:
        index = tantivy.Index(_schema(), path=str(path))
        writer = index.writer(heap_size=WRITER_HEAP)
        count = 0
        for doc, fields in analyzed:
            count += 1
            _add(writer, doc, fields)
        writer.commit()
        writer.wait_merging_threads()
    return count


def _add(writer: tantivy.IndexWriter, doc: Document, fields: dict[str, list[Token]]) -> None:
    values = {"title_en": doc.title_en, "title_zh": doc.title_zh, "body_en": doc.body_en,
              "body_zh": doc.body_zh, "keywords": doc.keywords,
              "subwords": f"{doc.title_zh}\n{doc.body_zh}"}
    out = tantivy.Document()
    out.add_text("id", doc.id)
    for facet in doc.facets:
        out.add_text("facets", facet)
    terms: set[str] = set()
    for name in TEXT_FIELDS:
        tokens = fields.get(name)
        if tokens:
            out.add_pre_tokenized_text(name, _pre_tokenized(values[name], tokens))
            terms.update(t for t, _, _, _ in tokens)
    for name in STORED_TEXT:
        if values[name]:
            out.add_bytes(f"{name}_text", values[name].encode())
    out.add_bytes("terms", " ".join(sorted(terms)).encode())
    out.add_bytes("payload", json.dumps(doc.payload, ensure_ascii=False).encode())
    out.add_float("boost", float(doc.boost))
    writer.add_document(out)


class TantivyBackend:
    """Searches a tantivy index built by `build_tantivy`. Thread-safe (tantivy searchers are)."""

    def __init__(self, path: Path) -> None:
        self._index = tantivy.Index.open(str(path))
        self._schema = self._index.schema
        self._searcher = self._index.searcher()
        self._n = self._searcher.num_docs
        self._df_cache: dict[str, int] = {}
        self._lock = threading.Lock()

    def doc_count(self) -> int:
        return self._n

    def close(self) -> None:
        """Nothing to release: tantivy closes its files when the searcher is dropped."""

    def search(self, plan: QueryPlan, limit: int = 3, offset: int = 0,
               facets: Sequence[str] = (), prefer: str | None = None,
               snippet_fields: Sequence[str] = ()) -> SearchResult:
        if plan.empty or limit <= 0 or self._n == 0:
            return SearchResult((), 0, 0.0)
        query = self._query(plan.concepts, prefer, facets)
        if query is None:
            return SearchResult((), 0, 0.0)
        depth = max(offset + limit, RERANK_DEPTH)  # re-ranked by coverage and document boost
        # count=False: counting every match would walk every posting list (no block-max pruning)
        found = self._searcher.search(query, depth, count=False)
        weights = [concept_weight(c, self.doc_freq, self._n) for c in plan.concepts]
        tokens = {t for c in plan.concepts for a in c.alternatives for t in a.tokens}
        covered: dict[frozenset[str], float] = {}  # many passages match the same query words
        ranked = []
        for raw, address in found.hits:
            stored = self._searcher.doc(address)
            present = frozenset(tokens.intersection(_bytes(stored, "terms").split()))
            cov = covered.get(present)
            if cov is None:
                cov = covered[present] = coverage(
                    plan.concepts, weights,
                    lambda a, t=present: all(tok in t for tok in a.tokens))  # type: ignore[misc]
            boost = stored.get_first("boost") or 1.0
            ranked.append((coord(float(raw), cov) * boost, cov, present, stored))
        ranked.sort(key=lambda r: -r[0])
        top_score, top_cov = (ranked[0][0], ranked[0][1]) if ranked else (0.0, 0.0)
        hits = []
        for score, cov, present, stored in ranked[offset : offset + limit]:
            snippets = _LazySnippets(snippet_fields, stored, present)
            hits.append(Hit(str(stored.get_first("id")), score, cov,
                            json.loads(_bytes(stored, "payload") or "{}"), snippets))
        return SearchResult(tuple(hits), len(ranked), top_cov, top_score)

    def _query(self, concepts: Iterable[Concept], prefer: str | None,
               facets: Sequence[str]) -> tantivy.Query | None:
        """One clause per (field, term or phrase), at the highest weight any concept gives it
        (as WhooshBackend does), field boosts and the answer language's boost included."""
        preferred = set(LANG_FIELDS.get(prefer or "", ()))
        weights: dict[tuple[str, ...], float] = {}
        for concept in concepts:
            for alt in concept.alternatives:
                weights[alt.tokens] = max(weights.get(alt.tokens, 0.0), alt.weight)
        q = tantivy.Query
        clauses = []
        for tokens, weight in weights.items():
            fields = ZH_FIELDS if any(has_han(t) for t in tokens) else TEXT_FIELDS
            for field in fields:
                boost = weight * FIELD_BOOSTS[field] * (PREFERRED_LANG_BOOST if field in preferred else 1.0)
                if len(tokens) == 1:
                    clause = q.term_query(self._schema, field, tokens[0])
                else:
                    clause = q.phrase_query(self._schema, field, list(tokens), slop=PHRASE_SLOP)
                clauses.append((tantivy.Occur.Should, q.boost_query(clause, boost)))
        if not clauses:
            return None
        query = q.boolean_query(clauses)
        if facets:
            filters = [(tantivy.Occur.Must, q.term_query(self._schema, "facets", f)) for f in facets]
            query = q.boolean_query([(tantivy.Occur.Must, query), *filters])
        return query

    def doc_freq(self, term: str) -> int:
        """Number of documents holding the (analysed) term in any text field."""
        cached = self._df_cache.get(term)
        if cached is None:
            cached = max(self._searcher.doc_freq(f, term) for f in TEXT_FIELDS)
            with self._lock:
                if len(self._df_cache) > 100_000:
                    self._df_cache.clear()
                self._df_cache[term] = cached
        return cached



class _LazySnippets(dict):
    """A hit's snippets, made when first asked for: the engine asks for both languages' fields
    (it cannot know a passage's language before the search) but cites one of them."""

    def __init__(self, fields: Sequence[str], stored: tantivy.Document, present: frozenset[str]):
        super().__init__()
        self._fields = tuple(fields)
        self._stored = stored
        self._present = present  # the question's words this hit holds

    def _make(self, field: str) -> Snippet:
        if not dict.__contains__(self, field):
            self[field] = _snippet_of(_bytes(self._stored, f"{field}_text"), field,
                                      _marker(self._present))
        return dict.__getitem__(self, field)

    def get(self, field: str, default: Snippet | None = None) -> Snippet | None:  # type: ignore[override]
        return self._make(field) if field in self._fields else default

    def __getitem__(self, field: str) -> Snippet:
        if field not in self._fields:
            raise KeyError(field)
        return self._make(field)

    def __contains__(self, field: object) -> bool:
        return field in self._fields

    def __iter__(self):
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def items(self):
        return [(f, self._make(f)) for f in self._fields]

    def values(self):
        return [self._make(f) for f in self._fields]

    def keys(self):
        return list(self._fields)


def _marker(tokens: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern finding the query's words in stored text, without analysing it again (jieba
    costs ~1 ms a passage): Chinese terms as they are, English stems as word prefixes."""
    han = sorted((t for t in tokens if has_han(t)), key=len, reverse=True)
    latin = sorted((t for t in tokens if not has_han(t) and len(t) > 1), key=len, reverse=True)
    parts = [f"(?:{'|'.join(map(re.escape, han))})"] if han else []
    if latin:
        parts.append(rf"\b(?:{'|'.join(map(re.escape, latin))})\w*")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _snippet_of(text: str, field: str, marker: re.Pattern[str] | None) -> Snippet:
    if not text:
        return Snippet("")
    folded = to_simplified(text) if has_han(text) else text  # same length: offsets still hold
    spans = tuple((m.start(), m.end()) for m in islice(marker.finditer(folded), MAX_SPANS)) if marker else ()
    return _snippet(text, {("",): [(field, spans)]}, field)


def _bytes(doc: tantivy.Document, field: str) -> str:
    value = doc.get_first(field)
    return bytes(value).decode() if value else ""


def document_analysis(main: Analyze, also: Analyze) -> AnalyzeDocument:
    """Tokens of every text field of a document, as whoosh indexes them: `main` (no sub-words)
    on the English fields and keywords; `also` (words and their sub-words, flagged by a position
    of -1 - pos - 1) run once on each Chinese field gives both the field and `subwords`."""
    def analyze(doc: Document) -> dict[str, list[Token]]:
        out = {"title_en": main(doc.title_en) if doc.title_en else [],
               "body_en": main(doc.body_en) if doc.body_en else [],
               "keywords": main(doc.keywords) if doc.keywords else []}
        sub: list[Token] = []
        shift, offset = 0, 0
        for name, text in (("title_zh", doc.title_zh), ("body_zh", doc.body_zh)):
            words: list[Token] = []
            last = -1
            for term, pos, start, end in also(text) if text else ():
                if pos < 0:  # a sub-word, at its parent's position
                    sub.append((term, shift - pos - 1, offset + start, offset + end))
                else:
                    words.append((term, pos, start, end))
                    last = max(last, pos)
            out[name] = words
            shift += last + 1
            offset += len(text) + 1  # subwords is title_zh + "\n" + body_zh
        out["subwords"] = sub
        return out
    return analyze
