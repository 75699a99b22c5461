"""The small interface between the domain (bot/) and a search engine.

`bot/` only sees `SearchBackend.search(plan, ...)` returning a `SearchResult`; whoosh is one
implementation (`index.search.WhooshBackend`), and a faster engine can replace it for large corpora.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from index.query import QueryPlan


@dataclass(frozen=True, slots=True)
class Snippet:
    """A passage of a field with the character spans of the matched words."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked document: its id, score, the share of the question it covers, stored payload."""

    id: str
    score: float
    coverage: float
    payload: dict
    snippets: dict[str, Snippet] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits (best first, after `offset`) and the total number of matching documents."""

    hits: tuple[Hit, ...]
    total: int
    top_coverage: float
    top_score: float = 0.0


class SearchBackend(Protocol):
    """What the domain needs from a search engine."""

    def search(self, plan: QueryPlan, limit: int = 3, offset: int = 0,
               facets: Sequence[str] = (), prefer: str | None = None,
               snippet_fields: Sequence[str] = ()) -> SearchResult:
        """Rank documents for `plan`; `facets` must all match; `prefer` is "en" or "zh"."""
        ...

    def doc_count(self) -> int:
        """Number of documents in the index."""
        ...

    def doc_freq(self, term: str) -> int:
        """Number of documents holding the (analysed) term in any text field."""
        ...
