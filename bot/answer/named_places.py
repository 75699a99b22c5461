"""Countries a question names that none of the candidate answers is about.

"Which ministry in Kenya is the Ramsar focal point?" matches the item on Ramsar focal points word
for word, and Kenya occurs in the knowledge (among a workshop's participants), so neither the
similarity nor the gap finder stops it; but no candidate says anything about Kenya, and answering
would present a general item as Kenya's. Such a country is treated like a name the corpus does not
know: the answer carries a caveat, and a question that asks *which* or *who* in that country is
declined, since its answer would be about somewhere else.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from bot.answer.decline import COMMON_WORDS
from bot.knowledge import GlossaryEntry
from index import Segmenter, has_han, to_simplified


class CountryNames:
    """The glossary's countries, by every name a question may use for them."""

    def __init__(self, glossary: Iterable[GlossaryEntry]) -> None:
        # one pattern per country, compiled once: a Chinese name anywhere, a Latin one as a word
        self._patterns = {entry.id: names_pattern(tuple({t.lower() for t in entry.terms}))
                          for entry in glossary if entry.type == "country" and entry.terms}

    def named(self, question: str) -> list[tuple[str, str]]:
        """The countries `question` names: (glossary id, the name as the question writes it)."""
        q = to_simplified(question).lower()
        found = ((c, p.search(q)) for c, p in self._patterns.items())
        return [(c, m.group(0)) for c, m in found if m is not None]

    def unmentioned(self, question: str, texts: Sequence[str]) -> str | None:
        """The first country `question` names (as the question writes it) that none of `texts`
        mentions by any of its names; None when every named country is mentioned."""
        lows = [to_simplified(t).lower() for t in texts]
        for country, written in self.named(question):
            if not any(self._patterns[country].search(low) for low in lows):
                return written
        return None


def asks_which_of(question: str, name: str) -> bool:
    """Whether the question asks which or who *in that country* ("Which ministry in Kenya…",
    "肯尼亚哪个部门…"): a clause naming the country and asking for an organisation or a person."""
    q = to_simplified(question).lower()
    for clause in re.split(r"[,;，。；]", q):
        if names_in(name, clause) and re.search(r"\b(which|who|whom|whose)\b|哪个|哪家|哪些|哪位|谁", clause):
            return True
    return False


def names_in(name: str, text: str) -> bool:
    """A Chinese name anywhere; a Latin one as a whole word (Oman is not in "woman")."""
    return names_pattern((name,)).search(text) is not None


@functools.lru_cache(maxsize=512)
def names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for `names` (at least one), the longest first: a Chinese name anywhere, a Latin
    one as a whole word."""
    return re.compile("|".join(re.escape(n) if has_han(n) else rf"(?<![a-z]){re.escape(n)}(?![a-z])"
                               for n in sorted(names, key=len, reverse=True)))


# Common nouns jieba's dictionary tags as place names: "在哪个城市发布的" names no place.
_COMMON_PLACES = frozenset({"城市", "城镇", "山区"})


def chinese_names(segmenter: Segmenter, text: str) -> list[str]:
    """The place, organisation and transliterated names of a Chinese text, by jieba's dictionary."""
    names = segmenter.proper_nouns()
    return [s.text for s in segmenter.segment(text) if s.text in names and s.text not in _COMMON_PLACES]


def names_all(names: Sequence[str], texts: Sequence[str]) -> bool:
    """Whether `texts` together name every one of `names` (each given as alternatives "Palau|帕劳")."""
    low = " ".join(texts).lower()
    return all(any(n in low for n in alts.split("|")) for alts in names)


# An acronym the question names ("GEF", "CONABIO"), not a period ("Q1", "H2", "FY2022") nor the
# market suffix of a stock code ("688556.SH")
_ACRONYM = re.compile(r"(?<![A-Za-z0-9.])(?!(?:Q[1-4]|H[12]|FY\d*)(?![A-Za-z0-9]))[A-Z][A-Z0-9]{1,9}(?![A-Za-z0-9])")


def names_asked(question: str, countries: Mapping[str, str], chinese: Callable[[str], list[str]],
                glossary: bool = False) -> list[str]:
    """The names in a question as alternatives ("Palau|帕劳"): the `countries` it names (each
    country's names joined by "|"); unless only those (`glossary`), its acronyms, its Chinese
    names (`chinese`), and capitalised words not everyday nor first ("Kenya's act")."""
    text = to_simplified(question).lower()
    names = [alts for c, alts in countries.items()
             if names_in(c, text) or any(names_in(n, text) for n in alts.split("|"))]
    if glossary:
        return names
    names += [a.lower() for a in _ACRONYM.findall(question)]
    names += chinese(question)
    return names + [m.group(1).lower() for m in re.finditer(r"(?<=[\w,] )([A-Z][a-z]{2,})(?:['’]s)?\b", question)
                    if m.group(1).lower() not in COMMON_WORDS]
