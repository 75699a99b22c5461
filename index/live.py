"""A `SearchBackend` that follows the store's current index, so a running bot picks up an index
that another process (`nfpbot ingest`, `nfpbot index build`) built and swapped in, without a
restart. At most once a second it looks where `current` points; when that changed, it opens the
new index and serves from it (searches already running finish on the old one)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from index.backend import SearchBackend, SearchResult
from index.query import QueryPlan

if TYPE_CHECKING:
    from index.store import IndexStore

log = logging.getLogger(__name__)
CHECK_SECONDS = 1.0


class LiveBackend:
    """Delegates to the backend of the store's current index, reopened when it is swapped."""

    def __init__(self, store: IndexStore, check_seconds: float = CHECK_SECONDS) -> None:
        self._store = store
        self._check = check_seconds
        self._lock = threading.Lock()
        self._target = self._where()
        self._backend: SearchBackend = store.open()
        self._checked = time.monotonic()

    @property
    def current(self) -> SearchBackend:
        """The backend of the current index (reopened if the index was swapped)."""
        now = time.monotonic()
        if now - self._checked < self._check:
            return self._backend
        self._checked = now
        target = self._where()
        if target is not None and target != self._target:
            with self._lock:
                if target != self._target:
                    self._reopen(target)
        return self._backend

    def search(self, plan: QueryPlan, limit: int = 3, offset: int = 0,
               facets: Sequence[str] = (), prefer: str | None = None,
               snippet_fields: Sequence[str] = ()) -> SearchResult:
        return self.current.search(plan, limit, offset, facets, prefer, snippet_fields)

    def doc_count(self) -> int:
        return self.current.doc_count()

    def doc_freq(self, term: str) -> int:
        return self.current.doc_freq(term)

    @property
    def generation(self) -> Path | None:
        """The index directory being served: changes when a new index is swapped in."""
        _ = self.current
        return self._target

    def _where(self) -> Path | None:
        try:
            return self._store.current.resolve(strict=True)
        except OSError:
            return None

    def _reopen(self, target: Path) -> None:
        try:
            backend = self._store.open()
        except Exception:  # a half-removed or unreadable index: keep serving the one we have
            log.warning("could not open the new index at %s; still serving the previous one",
                        target, exc_info=True)
            return
        log.info("index swapped: now serving %s (%d documents)", target.name, backend.doc_count())
        self._backend, self._target = backend, target
