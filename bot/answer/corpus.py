"""What the index holds: the curated items and every ingested passage, and the content hash that
decides when the index is rebuilt.

Passages are streamed from the registry while the index is built (never all in memory). The hash
covers the curated documents in full and each ingested document by its file hash, metadata
fingerprint and passage count (the passages follow from those), so an ingest, a change or a removal
makes the next start or `nfpbot ingest` build a new index, which a running bot then opens.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import Path

from bot.answer.documents import thesaurus_keys, to_documents
from bot.ingest.model import Passage
from bot.ingest.registry import Registry
from bot.knowledge import Knowledge
from index import Document

PASSAGE_FORMAT = "2"  # bump when passages map to index documents differently
HEADING_JOIN = " › "
# A passage shorter than this (a cover page, a heading left alone) says little however well its
# few words match: its score is scaled down by its share of this length.
FULL_CHARS = {"zh": 60, "en": 150}
MIN_DENSITY = 0.3


def passage_id(doc_id: str, seq: int) -> str:
    """The index id of a passage ('#' never appears in a curated item's id)."""
    return f"{doc_id}#{seq}"


def parse_passage_id(value: str) -> tuple[str, int] | None:
    doc_id, sep, seq = value.rpartition("#")
    return (doc_id, int(seq)) if sep and seq.isdigit() else None


def doc_of(candidate: str) -> str | None:
    """The document a passage's id belongs to; None for a knowledge item."""
    key = parse_passage_id(candidate)
    return key[0] if key else None


def to_index_document(doc_id: str, passage: Passage, boost: float, title: str = "") -> Document:
    """A passage as an index document: its text (and heading path, as its title) in the fields
    of its own language; the document's title as its keywords (what the whole document is about:
    a question naming the company and the quarter is then told apart by what it asks, the
    revenue, not by the cover page that only names them); facets to filter by document, kind and
    language. Near-empty passages rank lower (`density`)."""
    heading = HEADING_JOIN.join(passage.heading)
    zh = passage.lang == "zh"
    return Document(
        id=passage_id(doc_id, passage.seq),
        title_en="" if zh else heading, title_zh=heading if zh else "",
        body_en="" if zh else passage.text, body_zh=passage.text if zh else "",
        keywords=title,
        facets=("kind:document", f"doc:{doc_id}", f"lang:{passage.lang}"),
        boost=round(boost * density(passage.text, passage.lang), 4),
        payload={"kind": "document", "doc": doc_id, "seq": passage.seq, "page": passage.page,
                 "page_end": passage.page_end, "lang": passage.lang},
    )


def density(text: str, lang: str) -> float:
    """1 for a passage of a full sentence or more, down to MIN_DENSITY for a few words."""
    full = FULL_CHARS.get(lang, FULL_CHARS["en"])
    return max(MIN_DENSITY, min(1.0, len(text.strip()) / full))


class Corpus:
    """The curated documents followed by the passages; sized and re-iterable, streamed."""

    def __init__(self, curated: Sequence[Document], registry: Registry, boost: float) -> None:
        self.curated = curated
        self.registry = registry
        self.boost = boost
        self._count = registry.passage_count()

    def __len__(self) -> int:
        return len(self.curated) + self._count

    def __iter__(self) -> Iterator[Document]:
        titles = {d.id: " ".join(dict.fromkeys(t for t in (d.title_en, d.title_zh) if t))
                  for d in self.registry.documents()}
        passages = (to_index_document(doc_id, p, self.boost, titles.get(doc_id, ""))
                    for doc_id, p in self.registry.passages())
        return chain(self.curated, passages)

    def __contains__(self, item: object) -> bool:
        return any(doc == item for doc in self)


def index_corpus(knowledge: Knowledge, background_boost: float, document_boost: float,
                 data_dir: Path, registry: Registry | None = None,
                 embed_documents: bool = False) -> tuple[Corpus, str]:
    """The documents to index (curated items, then passages) and their content hash (which also
    says whether passages get vectors: the vectors live in the index directory)."""
    from index.store import content_hash
    registry = registry or Registry(data_dir)
    curated = to_documents(knowledge, background_boost)
    extra = thesaurus_keys(knowledge)
    documents = registry.fingerprints()
    if documents:  # without documents the hash is exactly the curated base's, as before
        extra += [f"passages:{PASSAGE_FORMAT}:{document_boost}:{embed_documents}:"
                  f"{sorted(FULL_CHARS.items())}:{MIN_DENSITY}"] + documents
    return Corpus(curated, registry, document_boost), content_hash(curated, extra)
