"""A Chinese name the dictionary lacks as a whole (an agency, a bank's branch), found in an
English passage from its parts: its acronym or its parts' glosses written close together.

A Chinese question about an English document names organisations in Chinese (联邦航空管理局);
CC-CEDICT has the parts (联邦 federal, 航空 aviation, 管理 administration) but not the name, and
the passage writes it its own way ("the FAA"). bot/answer/decline.py asks this when it checks that
a passage in the other language names what the question asks about.
"""

from __future__ import annotations

import re

from index.stopwords import STOP_WORDS
from index.translate import MAX_GLOSSES, Dictionary

# The last character of an organisation's name, which its English name often leaves unsaid.
_ORG_SUFFIX = frozenset("局部署委会院所厅处司办")
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
MAX_PART = 6
COMPOUND_REACH = 60  # characters: how far apart a compound's parts may be written


def _initials_match(acronym: str, parts: list[list[str]], least: int) -> bool:
    """Whether `acronym` spells, in order, initials of the parts' glosses (a gloss of several
    words gives one letter a word: "civil aviation" is "ca"); at least `least` parts spelled, the
    rest (an organisation's last character) may be left out."""
    def spell(rest: str, i: int) -> bool:
        if not rest:
            return i >= least
        if i == len(parts):
            return False
        options = {"".join(w[0] for w in g.split()) for g in parts[i]} | {g[0] for g in parts[i] if g}
        return any(rest.startswith(o) and spell(rest[len(o):], i + 1) for o in options if o) or (
            i >= least and spell(rest, len(parts)))
    return spell(acronym, 0)


def compound_in(dictionary: Dictionary, word: str, text: str) -> list[str]:
    """How `text` writes a Chinese name the dictionary lacks as a whole, from its parts
    (lowercase, as found there): an acronym whose letters begin its parts' glosses in order
    (联邦·航空·管理局: "FAA" for Federal Aviation Administration), or its parts' glosses
    close together in any order (江苏·银行: "bank of jiangsu"). An organisation's last
    character (局, 部, 署, 委 ...) may go unsaid in English ("administration" is 管理局)."""
    parts = _parts(dictionary, word)
    if len(parts) < 2 or not all(glosses for _, glosses in parts[:-1]):
        return []
    required = parts[:-1] if parts[-1][0] in _ORG_SUFFIX else parts
    if not all(glosses for _, glosses in required):
        return []
    low = text.lower()
    found = [m.group(0).lower() for m in _ACRONYM.finditer(text)
             if _initials_match(m.group(0).lower(), [g for _, g in parts], len(required))]
    spans = [[(m.start(), m.end()) for g in glosses
              for m in re.finditer(rf"\b{re.escape(g)}", low)] for _, glosses in required]
    if all(spans):
        for a, b in spans[0]:
            near = [[s for s in spot if abs(s[0] - a) <= COMPOUND_REACH] for spot in spans[1:]]
            if all(near):
                start = min([a, *(s[0][0] for s in near)])
                end = max([b, *(s[0][1] for s in near)])
                found.append(low[start:end])
    return list(dict.fromkeys(found))


def compound_of_words(dictionary: Dictionary, word: str) -> bool:
    """Whether `word` is made of words the dictionary glosses, of two characters or more (its
    last character may be an organisation's, 局 or 部): 北方·河流·铁路·管理局 is, 元·聚·类 is not."""
    parts = _parts(dictionary, word)
    if parts and len(parts[-1][0]) == 1 and parts[-1][0] in _ORG_SUFFIX:
        parts = parts[:-1]
    return len(parts) >= 2 and all(len(piece) >= 2 and glosses for piece, glosses in parts)


def _parts(dictionary: Dictionary, word: str) -> list[tuple[str, list[str]]]:
    """`word` cut into the dictionary's longest words from the left, each with its glosses
    (a character left over alone has those it has, perhaps none)."""
    parts: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(word):
        for size in range(min(MAX_PART, len(word) - i), 0, -1):
            piece = word[i:i + size]
            glosses = dictionary.to_en.get(piece, [])
            if glosses or size == 1:
                parts.append((piece, [g for g in glosses[:MAX_GLOSSES] if g not in STOP_WORDS]))
                i += size
                break
    return parts
