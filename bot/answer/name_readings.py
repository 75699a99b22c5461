"""A Chinese name an English question writes in pinyin, found in a Chinese passage by how its
characters read.

A person's or a small company's name is rarely in a dictionary: "analyst Ni Zhengyang" is 倪正洋
in the report, and CC-CEDICT knows 正阳, a place, under "Zhengyang". The passage itself says how
it writes the name: a run of its characters whose toneless readings, joined, spell the name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from index.fusion import Fused
from index.homophones import reading_table
from index.language import has_han

# Names shorter than this many letters read as too many runs ("Li", "Wang" alone are no evidence).
MIN_LETTERS = 5
MAX_CHARS = 4  # a Chinese given name or a company's short name is at most four characters


@lru_cache(maxsize=1)
def _readings() -> dict[str, str]:
    return {char: min(readings) for char, readings in reading_table().items()}


def read_in(text: str, name: str) -> list[str]:
    """The runs of two to four Chinese characters in `text` whose readings, joined, spell `name`
    (letters only, case and spaces ignored: "Zhengyang", "Zheng-yang"), as written there."""
    target = re.sub(r"[^a-z]", "", name.lower())
    if len(target) < MIN_LETTERS:
        return []
    table = _readings()
    found: list[str] = []
    for start, char in enumerate(text):
        spelt = table.get(char)
        if spelt is None or not target.startswith(spelt):
            continue
        end = start + 1
        while spelt != target and end < len(text) and end - start < MAX_CHARS:
            following = table.get(text[end])
            if following is None or not target.startswith(spelt + following):
                break
            spelt += following
            end += 1
        if spelt == target and end - start >= 2:
            found.append(text[start:end])
    return list(dict.fromkeys(found))


def naming(name: str, candidates: Sequence[Fused], texts: Callable[[Fused], Iterable[str]]) -> list[Fused]:
    """Those of `candidates` whose Chinese text (`texts` of each) writes `name`, a Latin name, in
    the characters that read it; none for a Chinese name."""
    if has_han(name):
        return []
    return [f for f in candidates if any(has_han(text) and read_in(text, name) for text in texts(f))]
