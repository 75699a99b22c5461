"""Baseline retrievers to compare nfpbot with, on the same `index.Document`s.

Why: a figure for nfpbot means little alone. These are the small, honest implementations a developer
would write first: OR queries over the title and body fields in both languages (titles boosted 2x
where the engine has fields), top 3 ids, no decline logic beyond "nothing matched".

- WhooshBaseline: whoosh with its default StandardAnalyzer (no jieba), or with jieba's stock
  `jieba.analyse.ChineseAnalyzer`; MultifieldParser + OrGroup. A query the parser rejects is a miss
  and is counted in `errors`.
- BM25Baseline: rank-bm25 BM25Okapi over lowercased `jieba.lcut_for_search` tokens.
- TantivyBaseline / Fts5Baseline: the engines a user would pick for speed, fed the same jieba tokens
  joined by spaces (whitespace tokenizer / unicode61), ranked by BM25.
Token-based baselines take pre-segmented `DocTokens`, so a corpus is segmented once for all of them.
"""

from __future__ import annotations

import os
import pickle
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import jieba

from index import Document

jieba.setLogLevel(60)
TITLE_BOOST = 2.0
TOP = 3
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class DocTokens:
    """A document's id with its title and body tokens (both languages)."""

    id: str
    title: tuple[str, ...]
    body: tuple[str, ...]


def tokenize(text: str) -> list[str]:
    """jieba search-mode words, lowercased; spaces and punctuation dropped."""
    return [w.lower() for w in jieba.lcut_for_search(text) if any(ch.isalnum() for ch in w)]


def _doc_tokens(doc: Document) -> DocTokens:
    return DocTokens(doc.id, tuple(tokenize(f"{doc.title_en} {doc.title_zh}")),
                     tuple(tokenize(f"{doc.body_en} {doc.body_zh}")))


def _doc_tokens_fast(doc: Document) -> DocTokens:
    """jieba for the Chinese fields, a regex for the pure-English ones (jieba yields the same words
    there, 3-4x slower): keeps 100k-passage corpora inside the `make bench` time budget."""
    def en(text: str) -> list[str]:
        return _WORD.findall(text.lower())

    return DocTokens(doc.id, tuple(en(doc.title_en) + tokenize(doc.title_zh)),
                     tuple(en(doc.body_en) + tokenize(doc.body_zh)))


def segment_docs(docs: Sequence[Document], procs: int = 1, fast_en: bool = False) -> list[DocTokens]:
    """Segment every document once (in `procs` forked workers) for all token-based baselines."""
    jieba.initialize()
    fn = _doc_tokens_fast if fast_en else _doc_tokens
    if procs <= 1 or len(docs) < 2000:
        return [fn(d) for d in docs]
    with get_context("fork").Pool(procs) as pool:
        return pool.map(fn, docs, chunksize=500)


def dir_size(path: Path) -> int:
    """Bytes of all files under `path`."""
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class WhooshBaseline:
    """whoosh over title/body en/zh with one analyzer (None = whoosh's default StandardAnalyzer)."""

    FIELDS = ("title_en", "title_zh", "body_en", "body_zh")

    def __init__(self, name: str, analyzer=None) -> None:
        self.name = name
        self.analyzer = analyzer
        self.errors = 0

    def build(self, docs: Sequence[Document], root: Path) -> None:
        from whoosh import index
        from whoosh.fields import ID, TEXT, Schema
        from whoosh.qparser import MultifieldParser, OrGroup

        text = (lambda: TEXT(analyzer=self.analyzer)) if self.analyzer else TEXT
        schema = Schema(id=ID(stored=True, unique=True), **{f: text() for f in self.FIELDS})
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(self.root), schema)
        writer = ix.writer()
        for d in docs:
            writer.add_document(id=d.id, title_en=d.title_en, title_zh=d.title_zh,
                                body_en=d.body_en, body_zh=d.body_zh)
        writer.commit(optimize=True)
        self._searcher = ix.searcher()
        boosts = {"title_en": TITLE_BOOST, "title_zh": TITLE_BOOST}
        self._parser = MultifieldParser(list(self.FIELDS), schema, fieldboosts=boosts, group=OrGroup)

    def search(self, question: str) -> list[str]:
        try:
            query = self._parser.parse(question)
            return [hit["id"] for hit in self._searcher.search(query, limit=TOP)]
        except Exception:  # noqa: BLE001 - a parser/search failure on user text is the finding
            self.errors += 1
            return []

    def size(self) -> int:
        return dir_size(self.root)


class BM25Baseline:
    """rank-bm25 BM25Okapi over title + body tokens; returns the top 3 documents with a score > 0."""

    name = "bm25 (rank-bm25)"
    errors = 0

    def build(self, tokens: Sequence[DocTokens], root: Path | None = None) -> None:
        from rank_bm25 import BM25Okapi

        self._ids = [t.id for t in tokens]
        self._bm25 = BM25Okapi([list(t.title + t.body) for t in tokens])

    def search(self, question: str) -> list[str]:
        q = tokenize(question)
        if not q:
            return []
        scores = self._bm25.get_scores(q)
        best = scores.argsort()[::-1][:TOP]
        return [self._ids[i] for i in best if scores[i] > 0]

    def size(self) -> int:
        return len(pickle.dumps(self._bm25))  # in memory: its pickled size


class TantivyBaseline:
    """tantivy-py with pre-segmented text and a whitespace tokenizer; BM25, title boost 2."""

    name = "tantivy (jieba tokens)"
    errors = 0

    def build(self, tokens: Sequence[DocTokens], root: Path) -> None:
        import tantivy

        self._t = tantivy
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        sb = tantivy.SchemaBuilder()
        sb.add_text_field("id", stored=True, tokenizer_name="raw")
        sb.add_text_field("title", tokenizer_name="ws")
        sb.add_text_field("body", tokenizer_name="ws")
        self._schema = sb.build()
        ix = tantivy.Index(self._schema, path=str(self.root))
        ix.register_tokenizer("ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
        writer = ix.writer(heap_size=256_000_000)
        for t in tokens:
            writer.add_document(tantivy.Document(id=t.id, title=" ".join(t.title), body=" ".join(t.body)))
        writer.commit()
        writer.wait_merging_threads()
        ix.reload()
        self._searcher = ix.searcher()

    def search(self, question: str) -> list[str]:
        t = self._t
        clauses = []
        for tok in dict.fromkeys(tokenize(question)):
            clauses.append((t.Occur.Should, t.Query.boost_query(
                t.Query.term_query(self._schema, "title", tok), TITLE_BOOST)))
            clauses.append((t.Occur.Should, t.Query.term_query(self._schema, "body", tok)))
        if not clauses:
            return []
        hits = self._searcher.search(t.Query.boolean_query(clauses), TOP).hits
        return [self._searcher.doc(addr)["id"][0] for _score, addr in hits]

    def size(self) -> int:
        return dir_size(self.root)


class Fts5Baseline:
    """SQLite FTS5 (stdlib) over pre-segmented text; bm25() with title weight 2."""

    name = "sqlite fts5 (jieba tokens)"
    errors = 0

    def build(self, tokens: Sequence[DocTokens], root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / "fts.db"
        if path.exists():
            os.remove(path)
        self._db = sqlite3.connect(path)
        self._db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
                         "tokenize='unicode61 remove_diacritics 0')")
        self._db.executemany("INSERT INTO docs VALUES (?, ?, ?)",
                             ((t.id, " ".join(t.title), " ".join(t.body)) for t in tokens))
        self._db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        self._db.commit()

    def search(self, question: str) -> list[str]:
        terms = ['"' + tok.replace('"', '""') + '"' for tok in dict.fromkeys(tokenize(question))]
        if not terms:
            return []
        try:
            rows = self._db.execute(
                f"SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0.0, {TITLE_BOOST}, 1.0) "
                f"LIMIT {TOP}", (" OR ".join(terms),)).fetchall()
        except sqlite3.OperationalError:
            self.errors += 1
            return []
        return [r[0] for r in rows]

    def size(self) -> int:
        return dir_size(self.root / "fts.db")
