"""Spelling correction of English question words against the corpus's own vocabulary.

Works on surface words (before stemming: "biodiveristy" is one transposition from "biodiversity",
but its stem is three edits from the stem "biodivers"), with the Damerau-Levenshtein distance:
1 edit for words of 5-7 letters, 2 for longer ones; the most frequent candidate wins.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

_WORD = re.compile(r"[a-z]+")
MIN_LENGTH = 5


class Speller:
    """Knows the corpus's English words and their frequencies."""

    def __init__(self, counts: Counter) -> None:
        self.counts = counts
        # By first letter and length: a 100,000-passage corpus knows tens of thousands of words,
        # and only those within `maxdist` letters of the length can be candidates.
        self._by_initial: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in sorted(counts):
            self._by_initial[(word[0], len(word))].append(word)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Speller:
        counts: Counter = Counter()
        for text in texts:
            counts.update(w for w in _WORD.findall(text.lower()) if len(w) >= 2)
        return cls(counts)

    def __contains__(self, word: str) -> bool:
        return word.lower() in self.counts

    def correct(self, word: str) -> str | None:
        """The likeliest intended word for an unknown one, or None (known, short, or no match)."""
        word = word.lower()
        if len(word) < MIN_LENGTH or not word.isascii() or not word.isalpha() or word in self.counts:
            return None
        maxdist = 1 if len(word) < 8 else 2
        best = None
        letters = set(word)
        for length in range(len(word) - maxdist, len(word) + maxdist + 1):
            for cand in self._by_initial.get((word[0], length), ()):
                # each edit changes at most two letters of the alphabet used: a cheap bound
                if len(letters.symmetric_difference(cand)) > 2 * maxdist:
                    continue
                if _distance(word, cand, maxdist) <= maxdist and (
                        best is None or self.counts[cand] > self.counts[best]):
                    best = cand
        return best

    def words(self, text: str) -> list[str]:
        """The English words of a question, lower-cased."""
        return _WORD.findall(text.lower())


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment (Damerau-Levenshtein) distance, giving up past `limit`."""
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]
