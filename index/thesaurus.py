"""Synonym groups for cross-lingual query expansion.

A group links terms that mean the same thing in either language (CBD, Convention on Biological
Diversity, 生物多样性公约). When a question contains one term of a group, the other terms are added to
the query, so a Chinese question finds an item through its English fields and vice versa.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.cachefile import read_cache, write_cache
from index.language import has_han, to_simplified

Analyze = Callable[[str], list[str]]


@dataclass(frozen=True, slots=True)
class Expansion:
    """A group matched in a question: the token span it covers and the terms to add."""

    first: int
    last: int
    alternatives: tuple[tuple[str, ...], ...]


class Thesaurus:
    """Holds synonym groups and finds them in analysed questions."""

    def __init__(self, groups: Iterable[Sequence[str]]) -> None:
        self._groups = [tuple(dict.fromkeys(t.strip() for t in g if t and t.strip())) for g in groups]
        self._groups = [g for g in self._groups if len(g) > 1]
        self._analyzed: list[list[tuple[str, tuple[str, ...]]]] | None = None
        self._first_token: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        # Chinese terms by their first two characters, for substring search in a question.
        self._han_prefix: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}

    def __len__(self) -> int:
        return len(self._groups)

    def terms(self) -> list[str]:
        """Every term of every group."""
        return [t for g in self._groups for t in g]

    def digest(self) -> str:
        """A hash of the groups, naming their cached analysis."""
        return hashlib.sha256("\n".join("|".join(g) for g in self._groups).encode()).hexdigest()[:16]

    def save(self, path: Path) -> None:
        """Keep the analysed terms for the next start-up (best effort)."""
        write_cache(path, self._analyzed)

    def load(self, path: Path) -> bool:
        """Read analysed terms saved by `save`; False when there are none."""
        analyzed = read_cache(path)
        if not isinstance(analyzed, list) or len(analyzed) != len(self._groups):
            return False
        self._index(analyzed)
        return True

    def prepare(self, analyze: Analyze) -> None:
        """Analyse every term once with the query analyzer (call after the segmenter is ready)."""
        analyzed = []
        for group in self._groups:
            entries = []
            for term in group:
                tokens = tuple(analyze(term))
                if tokens:
                    entries.append((term, tokens))
            analyzed.append(entries)
        self._index(analyzed)

    def _index(self, analyzed: list[list[tuple[str, tuple[str, ...]]]]) -> None:
        self._analyzed = analyzed
        self._first_token = {}
        self._han_prefix = {}
        for gi, entries in enumerate(analyzed):
            for term, tokens in entries:
                self._first_token.setdefault(tokens[0], []).append((gi, tokens))
                if has_han(term) and len(term) >= 2:
                    self._han_prefix.setdefault(term[:2], []).append((gi, term, tokens))

    def expand(self, question: str, tokens: Sequence[str]) -> list[Expansion]:
        """The groups found in `tokens` (the analysed question), with their other terms."""
        if self._analyzed is None:
            raise RuntimeError("Thesaurus.prepare() must run before expand()")
        found: list[Expansion] = []
        seen: set[int] = set()
        for i, tok in enumerate(tokens):
            for gi, seq in self._first_token.get(tok, ()):
                if gi not in seen and tuple(tokens[i : i + len(seq)]) == seq:
                    seen.add(gi)
                    found.append(self._expansion(gi, i, i + len(seq) - 1, seq))
        # Chinese terms can hide inside a differently segmented question: match them as substrings.
        text = to_simplified(question)
        for i in range(len(text) - 1):
            for gi, term, seq in self._han_prefix.get(text[i : i + 2], ()):
                if gi not in seen and text.startswith(term, i):
                    span = _locate(tokens, seq)
                    if span is not None:
                        seen.add(gi)
                        found.append(self._expansion(gi, span[0], span[1], seq))
        return found

    def _expansion(self, gi: int, first: int, last: int, matched: tuple[str, ...]) -> Expansion:
        assert self._analyzed is not None
        alts = tuple(dict.fromkeys(seq for _, seq in self._analyzed[gi] if seq != matched))
        return Expansion(first, last, alts)


def _locate(tokens: Sequence[str], seq: tuple[str, ...]) -> tuple[int, int] | None:
    """Token span of `seq` in `tokens`, or of the tokens that together spell it out."""
    joined = "".join(seq)
    for i in range(len(tokens)):
        acc = ""
        for j in range(i, len(tokens)):
            acc += tokens[j]
            if acc == joined:
                return i, j
            if not joined.startswith(acc):
                break
    for i, tok in enumerate(tokens):
        if joined in tok or tok in joined:
            return i, i
    return None
