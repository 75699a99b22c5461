"""The on-disk index: built into a fresh directory, then swapped in atomically.

Layout under `root`: `ix-<hash>/` (a complete index) and `current` (a symlink to one of them). A build
writes `tmp-*`, renames it to `ix-<hash>` and replaces `current` with `os.replace`, so a reader always
opens a complete index. The content hash of the documents decides when a rebuild is needed; a file lock
keeps two processes from building at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Collection, Iterable
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index

from index.analysis import analyze, bilingual_analyzer
from index.backend import SearchBackend
from index.cachefile import read_cache, write_cache
from index.homophones import Homophones, reading_table
from index.language import has_han, to_simplified
from index.memory import MemoryBackend
from index.schema import Document, make_schema
from index.search import WhooshBackend
from index.segment import Segmenter
from index.speller import Speller
from index.tantivy_backend import (
    AnalyzeDocument,
    TantivyBackend,
    Token,
    build_tantivy,
    document_analysis,
)
from index.thesaurus import Thesaurus

log = logging.getLogger(__name__)
_ALL_HAN = re.compile(r"[\u4e00-\u9fff]{2,4}")
FORMAT_VERSION = "15"  # bump when the analysis chain or schema changes: forces a rebuild
KEEP_OLD = 1
# Up to this many documents the postings are loaded into memory (see index/memory.py).
MEMORY_BACKEND_MAX_DOCS = 20_000
MEMORY_CACHE_VERSION = "1"  # bump when MemoryBackend's loaded state changes shape
SPELLER_FILE = "speller.pickle"
HOMOPHONES_FILE = "homophones.pickle"
# Above this many documents the index is built and searched with tantivy (see
# index/tantivy_backend.py); at or below it whoosh builds it and MemoryBackend searches it. The
# in-memory backend scores posting lists in Python: measured (BENCHMARKS.md, issue 21) its p99 is
# 14 ms at 600 documents, 26 ms at 1,100 and 110 ms at 3,100, against 8-9 ms for tantivy at each.
LARGE_CORPUS = 500
TANTIVY_DIR = "tantivy"


def content_hash(docs: Iterable[Document], extra: Iterable[str] = ()) -> str:
    """A stable hash of the documents (and of anything else that shapes the index, e.g. user words)."""
    h = hashlib.sha256(FORMAT_VERSION.encode())
    for doc in docs:
        h.update(json.dumps([doc.id, doc.title_en, doc.title_zh, doc.body_en, doc.body_zh,
                             doc.keywords, list(doc.facets), doc.boost, doc.payload],
                            ensure_ascii=False, sort_keys=True).encode())
    for item in extra:
        h.update(item.encode())
    return h.hexdigest()[:16]


class IndexStore:
    """Builds, swaps and opens the index under `root`."""

    def __init__(self, root: Path, segmenter: Segmenter, thesaurus: Thesaurus | None = None,
                 large_corpus: int = LARGE_CORPUS) -> None:
        self.root = Path(root)
        self.large_corpus = large_corpus
        self.segmenter = segmenter
        self.thesaurus = thesaurus or Thesaurus([])
        self.analyzer = bilingual_analyzer(segmenter, "also")  # plans queries
        self.speller: Speller | None = None  # the corpus's English words, loaded by open()
        self.homophones: Homophones | None = None  # and its Chinese words, for same-sound typos
        self.schema = make_schema(bilingual_analyzer(segmenter, "none"),
                                  bilingual_analyzer(segmenter, "only"))

    def analyze(self, text: str, mode: str = "query") -> list[tuple[str, int, bool]]:
        """Analyse text with the index's own chain (used to plan queries)."""
        return analyze(self.analyzer, text, mode)

    def prepare_thesaurus(self) -> None:
        """Analyse the thesaurus terms with this analyzer, or read them from the index's cache
        (the analysis depends only on the terms and the user dictionary, both in the index hash)."""
        cache = self.current / f"thesaurus-{self.thesaurus.digest()}.pickle"
        if self.thesaurus.load(cache):
            return
        self.thesaurus.prepare(lambda t: [w for w, _, sub in self.analyze(t) if not sub])
        self.thesaurus.save(cache)

    @property
    def current(self) -> Path:
        return self.root / "current"

    def current_hash(self) -> str | None:
        meta = self.current / "nfpbot-index.json"
        try:
            return json.loads(meta.read_text("utf-8"))["hash"]
        except (OSError, ValueError, KeyError):
            return None

    def status(self) -> dict:
        """What is on disk: hash, document count, build time and size."""
        meta_path = self.current / "nfpbot-index.json"
        if not meta_path.exists():
            return {"built": False, "path": str(self.current)}
        meta = json.loads(meta_path.read_text("utf-8"))
        size = sum(p.stat().st_size for p in self.current.resolve().rglob("*") if p.is_file())
        return {"built": True, "path": str(self.current.resolve()), "size_bytes": size, **meta}

    def engine_for(self, count: int) -> str:
        """"tantivy" above the large-corpus size, else "whoosh"."""
        return "tantivy" if count > self.large_corpus else "whoosh"

    def current_engine(self) -> str:
        return "tantivy" if (self.current / TANTIVY_DIR).is_dir() else "whoosh"

    def ensure(self, docs: Collection[Document], digest: str, force: bool = False,
               prepare: Callable[[Path], None] | None = None) -> bool:
        """Build and swap in a new index unless the current one has `digest` (and the engine its
        size calls for); True if built. `prepare(directory)` adds files to a new index before it
        is swapped in (the passage vectors already computed)."""
        engine = self.engine_for(len(docs))
        if not force and self.current_hash() == digest and self.current_engine() == engine:
            return False
        self.root.mkdir(parents=True, exist_ok=True)
        with self._build_lock():
            if not force and self.current_hash() == digest and self.current_engine() == engine:
                return False  # another process built it while we waited
            self._build(docs, digest, prepare)
        return True

    def open(self, memory_limit: int = MEMORY_BACKEND_MAX_DOCS) -> SearchBackend:
        """Open the current index: in memory when it is small, else searched by whoosh itself."""
        target = self.current.resolve()
        counts = read_cache(target / SPELLER_FILE)
        self.speller = Speller(counts) if counts else None
        homophones = read_cache(target / HOMOPHONES_FILE)
        self.homophones = Homophones(*homophones) if homophones else None
        if (target / TANTIVY_DIR).is_dir():
            return TantivyBackend(target / TANTIVY_DIR)
        ix = whoosh_index.open_dir(str(target), schema=self.schema)
        if ix.doc_count_all() <= memory_limit:
            return MemoryBackend(ix, cache=target / f"memory-{MEMORY_CACHE_VERSION}.pickle")
        return WhooshBackend(ix)

    def document_analysis(self) -> AnalyzeDocument:
        """The tokens whoosh would index for each text field of a document (for tantivy)."""
        main = self.schema["body_en"].analyzer
        also = bilingual_analyzer(self.segmenter, "also")

        def run_main(text: str) -> list[Token]:
            return [(t.text, t.pos, t.startchar, t.endchar)
                    for t in main(text, positions=True, chars=True, mode="index")]

        def run_also(text: str) -> list[Token]:  # sub-words flagged by position -1 - pos
            return [(t.text, -1 - t.pos if getattr(t, "subword", False) else t.pos,
                     t.startchar, t.endchar)
                    for t in also(text, positions=True, chars=True, mode="index")]

        return document_analysis(run_main, run_also)

    def _build(self, docs: Collection[Document], digest: str,
               prepare: Callable[[Path], None] | None = None) -> None:
        started = time.perf_counter()
        self._remove_abandoned_builds()
        tmp = self.root / f"tmp-{digest}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        engine = self.engine_for(len(docs))
        if engine == "tantivy":
            count = build_tantivy(docs, tmp / TANTIVY_DIR, self.document_analysis())
        else:
            count = self._build_whoosh(docs, tmp)
        speller = Speller.from_texts(f"{d.title_en}\n{d.body_en}\n{d.keywords}" for d in docs)
        write_cache(tmp / SPELLER_FILE, speller.counts)
        write_cache(tmp / HOMOPHONES_FILE, self._homophones(docs).state())
        meta = {"hash": digest, "documents": count, "engine": engine,
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "build_seconds": round(time.perf_counter() - started, 3)}
        (tmp / "nfpbot-index.json").write_text(json.dumps(meta), "utf-8")
        if prepare is not None:
            prepare(tmp)
        self._swap(tmp, digest)

    def _remove_abandoned_builds(self) -> None:
        """Build folders (`tmp-<hash>-<pid>`) and links left by a process that died mid-build (an
        interrupted `nfpbot ingest`): no later build would reuse them, so they are removed here,
        under the build lock, unless their process still runs."""
        for path in self.root.glob("*tmp-*"):
            pid = path.name.rsplit("-", 1)[-1]
            if pid.isdecimal() and int(pid) != os.getpid() and not _alive(int(pid)):
                if path.is_symlink() or path.is_file():
                    path.unlink(missing_ok=True)
                else:
                    shutil.rmtree(path, ignore_errors=True)
                log.info("removed %s, left by an interrupted build", path.name)

    def _build_whoosh(self, docs: Iterable[Document], tmp: Path) -> int:
        count = 0
        ix = whoosh_index.create_in(str(tmp), self.schema)
        writer = ix.writer()
        for doc in docs:
            writer.add_document(
                id=doc.id, title_en=doc.title_en, title_zh=doc.title_zh, body_en=doc.body_en,
                body_zh=doc.body_zh, keywords=doc.keywords, subwords=f"{doc.title_zh}\n{doc.body_zh}",
                facets=",".join(doc.facets),
                payload=doc.payload, boost=doc.boost,
            )
            count += 1
        writer.commit(optimize=True)
        ix.close()
        return count

    def _swap(self, tmp: Path, digest: str) -> None:
        final = self.root / f"ix-{digest}"
        if final.exists():
            shutil.rmtree(final)
        os.rename(tmp, final)
        link = self.root / f"current.tmp-{os.getpid()}"
        if link.is_symlink() or link.exists():
            link.unlink()
        os.symlink(final.name, link)
        os.replace(link, self.current)  # atomic: readers see the old or the new index, never half
        self._remove_old(keep={final.name})

    def _homophones(self, docs: Iterable[Document]) -> Homophones:
        words = set(self.segmenter.user_words)
        for doc in docs:
            for seg in self.segmenter.segment(f"{doc.title_zh}\n{doc.body_zh}", "index"):
                if _ALL_HAN.fullmatch(seg.text):
                    words.add(seg.text)
        return Homophones(words, reading_table())

    def correct_chinese(self, text: str) -> str:
        """`text` simplified, with same-sound character typos of corpus words corrected."""
        text = to_simplified(text)
        if self.homophones is None or not has_han(text):
            return text
        return self.homophones.correct(text, self.segmenter.lone_character_runs(text))

    def _remove_old(self, keep: set[str]) -> None:
        old = sorted((p for p in self.root.glob("ix-*") if p.name not in keep),
                     key=lambda p: p.stat().st_mtime, reverse=True)
        for path in old[KEEP_OLD:]:
            shutil.rmtree(path, ignore_errors=True)  # a reader still holding it keeps its open files

    @contextmanager
    def _build_lock(self):
        with open(self.root / "build.lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


def _alive(pid: int) -> bool:
    """Whether process `pid` runs (on this host: the data directory is not shared between hosts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
