"""Which one of a numbered sequence a sentence is about: an edition of a series ("GEF-6", "COP12")
or an ordinal ("the first NBSAP", "第二份…"). A sentence about another one than the question asks
about does not answer it ("under GEF-6" is not answered by "the GEF-5 envelope was US$968 million",
"South Africa's first NBSAP" not by "the second NBSAP was finalised in 2015");
bot/answer/lead_candidates.py scores it down."""

from __future__ import annotations

import functools
import re

from index import has_han

__all__ = ["another_in_sequence", "mentions"]


def another_in_sequence(question: str, sentence: str, asked: tuple[tuple[str, ...], ...] = ()) -> bool:
    """Whether a sentence is about another edition or another of a numbered sequence than the
    question, and not about that one; `asked`: the names of each thing the question names."""
    return _other_edition(_editions(question), sentence) or _other_ordinal(question, sentence, asked)


# A numbered edition of a series: GEF-6, COP12, MOP 5, CITES CoP18
_EDITION = re.compile(r"\b(GEF|COP|CoP|MOP|SBSTTA|SBI|IPBES|NBSAP)[- ]?(\d{1,2})\b")


def _editions(question: str) -> dict[str, str]:
    """The editions a question names, by series ("GEF-6" -> {"GEF": "6"})."""
    return {m.group(1).upper(): m.group(2) for m in _EDITION.finditer(question)}


def _other_edition(asked: dict[str, str], sentence: str) -> bool:
    """Whether a sentence names another edition of a series the question names one of, and not
    the one asked about."""
    if not asked:
        return False
    named = [(m.group(1).upper(), m.group(2)) for m in _EDITION.finditer(sentence)]
    return any(s in asked and n != asked[s] for s, n in named) and not any(
        s in asked and n == asked[s] for s, n in named)


# An ordinal and what follows it: "the first NBSAP", "第一份国家…", "首次…"
_ORDINAL = re.compile(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b|"
                      r"(第[一二三四五六七八九十]+|首)[份次届个期轮部版]?", re.IGNORECASE)
_ORDINAL_VALUE = {w: i for i, w in enumerate(("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                                              "eighth", "ninth", "tenth"), 1)} | {
    "第" + c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"首": 1}


def _ordinals(text: str) -> list[tuple[int, str]]:
    """Each ordinal of a text with the lower-case words after it (a Chinese one's next few characters)."""
    low = text.lower()
    out = []
    for m in _ORDINAL.finditer(low):
        value = _ORDINAL_VALUE.get(m.group(1) or m.group(2))
        if value is not None:
            out.append((value, low[m.end():m.end() + (8 if m.group(2) else 60)]))
    return out


def _same_thing(a: str, b: str, asked: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the words after two ordinals name the same thing: a word of the first few in common
    (a Chinese character pair), or names of one thing the question names."""
    def head(s: str) -> set[str]:
        if has_han(s[:2]):
            han = re.sub(r"[^\u4e00-\u9fff]", "", s)[:4]
            return {han[i:i + 2] for i in range(len(han) - 1)}
        return {w for w in re.findall(r"[a-z][a-z-]{2,}", s)[:3] if w not in ("the", "and", "for")}
    return bool(head(a) & head(b)) or any(any(mentions(n, a) for n in g) and any(mentions(n, b) for n in g)
                                          for g in asked)


def _other_ordinal(question: str, sentence: str, asked: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a sentence names another of a numbered sequence than the question asks about ("South
    Africa's first NBSAP" is not answered by "the second NBSAP was finalised in 2015"), and not that
    one: an ordinal of the question and one of the sentence before the same thing."""
    wanted = _ordinals(question)
    if not wanted:
        return False
    said = _ordinals(sentence)
    same = [(v, w) for v, after in said for w, ask in wanted if _same_thing(after, ask, asked)]
    return bool(same) and all(v != w for v, w in same)


def mentions(name: str, low: str) -> bool:
    """Whether a lower-case sentence names `name` (a Latin name as a whole word)."""
    if name not in low:
        return False
    pattern = _name_pattern(name)
    return pattern is None or pattern.search(low) is not None


@functools.lru_cache(maxsize=2048)
def _name_pattern(name: str) -> re.Pattern[str] | None:
    """A Latin name as a whole word (plural allowed); None for a Chinese one (a substring)."""
    if re.search(r"[\u4e00-\u9fff]", name):
        return None
    return re.compile(rf"(?<![a-z]){re.escape(name)}(?:e?s)?(?![a-z])")
