"""What a question names, read from the knowledge's glossary: countries, organisations,
conventions, processes, regions, and the specific terms that make a topic of their own.

Why from the glossary and not from word lists: the knowledge is what the bot can talk about, so a
name the glossary knows is a topic the user chose ("What about Nepal?", "Tell me about CONABIO");
a question that names none ("who was involved?") leans on the conversation. A glossary `term` is a
topic only when it is specific: named in few items ("science-policy interface"), not in most of
them ("data", "convention", "cooperation").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.knowledge import GlossaryEntry, Knowledge
from index import has_han, to_simplified

_WORD = re.compile(r"[a-z0-9]+")
# A glossary term named in more than this share of the items is a word, not a topic.
SPECIFIC_SHARE = 0.12
# Types of glossary entries that name a topic whatever their frequency; regions only narrow
# ("any case from Europe?") and are never a topic by themselves.
NAMED_TYPES = ("country", "organisation", "convention", "process")


@dataclass(frozen=True, slots=True)
class Named:
    """The glossary entries a text names, by type (English canonical names)."""

    countries: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    conventions: tuple[str, ...] = ()
    processes: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()      # specific terms only

    @property
    def topic(self) -> bool:
        """Whether the text names a topic of its own."""
        return bool(self.countries or self.organisations or self.conventions or self.processes
                    or self.terms)

    def names(self) -> tuple[str, ...]:
        return self.countries + self.organisations + self.conventions + self.processes + self.terms


class TopicFinder:
    """Finds glossary names in a text (Latin names as whole words, Chinese ones anywhere)."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        limit = max(2, int(SPECIFIC_SHARE * len(knowledge.items)))
        counts = _item_counts([e for e in knowledge.glossary if e.type == "term"], knowledge)
        self._entry_of: dict[str, GlossaryEntry] = {}
        for entry in knowledge.glossary:
            if entry.type == "term" and counts.get(id(entry), 0) > limit:
                continue
            if entry.type not in (*NAMED_TYPES, "region", "term"):
                continue
            for term in entry.terms:
                self._entry_of.setdefault(term.lower(), entry)
        # Latin names by their words (a lookup of each run of words), Chinese ones by substring
        self._latin = {tuple(_WORD.findall(t)): e for t, e in self._entry_of.items() if not has_han(t)}
        self._longest = max((len(w) for w in self._latin), default=0)
        self._han = sorted((t for t in self._entry_of if has_han(t)), key=len, reverse=True)

    def find(self, text: str) -> Named:
        """The names in `text`, each entry once, in the order of first mention."""
        low = to_simplified(text).lower()
        found: dict[int, GlossaryEntry] = {}
        words = [(m.start(), m.group()) for m in _WORD.finditer(low)]
        i = 0
        while i < len(words):   # the longest run of words that names an entry, then after it
            for n in range(min(self._longest, len(words) - i), 0, -1):
                entry = self._latin.get(tuple(w for _, w in words[i:i + n]))
                if entry is not None:
                    found.setdefault(words[i][0], entry)
                    i += n - 1
                    break
            i += 1
        if has_han(low):
            taken: list[tuple[int, int]] = []
            for term in self._han:   # longest first: 非洲-欧亚移徙水鸟协定 before 非洲
                start = low.find(term)
                if start < 0 or any(a < start + len(term) and start < b for a, b in taken):
                    continue
                taken.append((start, start + len(term)))
                found.setdefault(start, self._entry_of[term])
        entries = list(dict.fromkeys(found[k] for k in sorted(found)))
        return _named(entries)

    def name(self, english: str, lang: str) -> str:
        """The canonical name of a glossary entry in `lang`."""
        return self.knowledge.glossary_name(english, lang)


def _named(entries: Iterable[GlossaryEntry]) -> Named:
    by: dict[str, list[str]] = {"country": [], "organisation": [], "convention": [], "process": [],
                                "region": [], "term": []}
    for e in entries:
        by[e.type].append(e.en[0])
    return Named(tuple(by["country"]), tuple(by["organisation"]), tuple(by["convention"]),
                 tuple(by["process"]), tuple(by["region"]), tuple(by["term"]))


def _item_counts(entries: list[GlossaryEntry], knowledge: Knowledge) -> dict[int, int]:
    """In how many items each entry is named (by id of the entry): Chinese terms in the Chinese
    text, Latin ones in the English text (a substring search, the word boundaries checked only
    where one was found)."""
    texts = {lang: [f"{i.title[lang]} {i.text[lang]}".lower() for i in knowledge.items]
             for lang in ("en", "zh")}
    counts: dict[int, int] = {}
    for entry in entries:
        terms = [t.lower() for t in entry.terms if len(t) > 1]
        counts[id(entry)] = sum(
            1 for en, zh in zip(texts["en"], texts["zh"], strict=True)
            if any(_names(t, zh if has_han(t) else en) for t in terms))
    return counts


def _names(term: str, text: str) -> bool:
    if term not in text:
        return False
    return has_han(term) or re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text) is not None


_FINDERS: dict[int, tuple[Knowledge, TopicFinder]] = {}


def finder_for(knowledge: Knowledge) -> TopicFinder:
    """One finder per knowledge base (building one reads every item: about half a second)."""
    cached = _FINDERS.get(id(knowledge))
    if cached is None or cached[0] is not knowledge:
        if len(_FINDERS) > 8:
            _FINDERS.clear()
        cached = _FINDERS[id(knowledge)] = (knowledge, TopicFinder(knowledge))
    return cached[1]
