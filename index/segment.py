"""Word segmentation for mixed Chinese/English text on jieba, with a domain user dictionary.

Precise-mode words get ordinal positions (phrase queries work, unlike jieba's stock ChineseAnalyzer).
In index mode every dictionary sub-word of a longer Chinese word is emitted at its parent's position
(the "max word to index, smart word to query" pattern), so that a user dictionary compound such as
国家生物多样性战略和行动计划 still matches 行动计划 and 生物多样性 (research/search_engines.md, 1.3 and 1.6).
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from index.cachefile import read_cache, write_cache
from index.homophones import FUNCTION_CHARS, Run
from index.language import has_han


def _import_jieba():
    """Import jieba without letting it import pkg_resources (0.2 s of start-up for nothing:
    jieba falls back to reading its dictionary from its package directory)."""
    if "pkg_resources" in sys.modules:
        import jieba as module
        return module
    sys.modules["pkg_resources"] = None  # makes the import fail fast
    try:
        import jieba as module
    finally:
        del sys.modules["pkg_resources"]
    return module


jieba = _import_jieba()
jieba.setLogLevel(logging.WARNING)

# Text without Han characters (nor '+'/'#', which jieba's dictionary keeps in words such as C++)
# comes out of jieba as runs of ASCII letters and digits and single other characters: this regex
# gives the same words about ten times faster (tests/test_segment_fast_path.py checks it).
_NON_HAN_WORDS = re.compile(r"[a-zA-Z0-9]+|[^\sa-zA-Z0-9]")

# jieba dictionary tags of names: places, organisations, transliterated foreign names.
NAME_TAGS = frozenset({"ns", "nt", "nrt"})
# Two-character "transliterated names" of jieba's dictionary are mostly everyday words or name
# fragments (换人 "substitute a player", 休克 "shock"): only longer ones are taken as names.
MIN_TRANSLITERATED = 3
# Frequency given to user dictionary words: high enough to keep them whole in ordinary text.
USER_WORD_FREQ = 20_000


@dataclass(frozen=True, slots=True)
class Segment:
    """One word of the text: `pos` is ordinal; sub-words share their parent's position."""

    text: str
    start: int
    end: int
    pos: int
    subword: bool = False


def _lone(seg: Segment) -> bool:
    """A Chinese character the dictionary left on its own."""
    return len(seg.text) == 1 and has_han(seg.text)


def _han_word(seg: Segment) -> bool:
    """A Chinese word of the dictionary (two characters or more, no Latin letters or digits)."""
    return len(seg.text) >= 2 and all(has_han(ch) for ch in seg.text)


class Segmenter:
    """A private jieba tokenizer (its own dictionary cache file and user words, no global state)."""

    def __init__(self, cache_dir: Path | None = None, user_words: Iterable[str] = ()) -> None:
        self._jieba = jieba.Tokenizer()
        self.cache_dir = cache_dir
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            # jieba writes its prefix-dictionary cache here instead of a shared /tmp file.
            self._jieba.tmp_dir = str(cache_dir)
            self._jieba.cache_file = "jieba.cache"
        self._user_words = sorted({w.strip() for w in user_words if has_han(w) and w.strip()})
        self._ready = False
        self._lock = threading.Lock()
        self._names: frozenset[str] | None = None

    def initialize(self) -> None:
        """Load the dictionary and user words now rather than on the first question."""
        with self._lock:
            if self._ready:
                return
            self._jieba.initialize()
            for word in self._user_words:
                if " " not in word:
                    self._jieba.add_word(word, USER_WORD_FREQ)
            self._ready = True

    @property
    def user_words(self) -> list[str]:
        return list(self._user_words)

    def lone_character_runs(self, text: str) -> list[Run]:
        """Where the dictionary probably met a Chinese word it does not know, typically a misspelt
        one: runs of two or more characters it leaves as single-character words (乌甘达), and a
        single such character with the Chinese word it touches on either side, which a typo in a
        word's first or last character leaves behind (多样 + 姓 for 多样性, 伊拉 + 可 for 伊拉克).
        A grammatical character (的, 在, 那 ...) on its own marks no word."""
        words = list(self.segment(text))
        runs: list[Run] = []
        i = 0
        while i < len(words):
            j = i
            while (_lone(words[i]) and j + 1 < len(words) and _lone(words[j + 1])
                   and words[j + 1].start == words[j].end):
                j += 1
            if j > i:
                runs.append(Run(words[i].start, words[j].end))
            i = j + 1
        for i, seg in enumerate(words):
            if not _lone(seg) or seg.text in FUNCTION_CHARS:
                continue
            if i > 0 and _han_word(words[i - 1]) and words[i - 1].end == seg.start:
                runs.append(Run(words[i - 1].start, seg.end, whole=True))
            if i + 1 < len(words) and _han_word(words[i + 1]) and words[i + 1].start == seg.end:
                runs.append(Run(seg.start, words[i + 1].end, whole=True))
        return runs

    def proper_nouns(self) -> frozenset[str]:
        """Place, organisation and transliterated names of jieba's dictionary (tags ns, nt, nrt),
        read once on first use and cached beside the prefix dictionary."""
        if self._names is None:
            cache = Path(self._jieba.tmp_dir) / "jieba-names-2.pickle" if self._jieba.tmp_dir else None
            names = read_cache(cache)
            if names is None:
                path = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
                names = frozenset(
                    parts[0] for parts in (line.split() for line in
                                           path.read_text("utf-8").splitlines())
                    if len(parts) == 3 and parts[2] in NAME_TAGS and len(parts[0]) >= 2
                    and (parts[2] != "nrt" or len(parts[0]) >= MIN_TRANSLITERATED))
                write_cache(cache, names)
            self._names = names
        return self._names

    def segment(self, text: str, mode: str = "query") -> Iterator[Segment]:
        """Yield the words of `text`; mode "index" adds dictionary sub-words of long Chinese words."""
        pos = 0
        if not has_han(text) and "+" not in text and "#" not in text:
            # no jieba (nor its dictionary, half a second to load) for text without Chinese
            for match in _NON_HAN_WORDS.finditer(text):
                if match.group().isalnum():
                    yield Segment(match.group(), match.start(), match.end(), pos)
                    pos += 1
            return
        self.initialize()
        for word, start, end in self._jieba.tokenize(text, HMM=False):
            if not any(ch.isalnum() for ch in word):
                continue  # spaces and punctuation
            yield Segment(word, start, end, pos)
            if mode == "index" and len(word) > 2 and has_han(word):
                for sub, offset in self._subwords(word):
                    yield Segment(sub, start + offset, start + offset + len(sub), pos, True)
            pos += 1

    def _subwords(self, word: str) -> Iterator[tuple[str, int]]:
        freq = self._jieba.FREQ
        n = len(word)
        for size in range(n - 1, 1, -1):
            for offset in range(0, n - size + 1):
                sub = word[offset : offset + size]
                if freq.get(sub, 0) > 0:
                    yield sub, offset
