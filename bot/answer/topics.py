"""What a question names, read from the knowledge's glossary: countries, organisations,
conventions, processes, regions, and the specific terms that make a topic of their own.

Why from the glossary and not from word lists: the knowledge is what the bot can talk about, so a
name the glossary knows is a topic the user chose ("What about Nepal?", "Tell me about CONABIO");
a question that names none ("who was involved?") leans on the conversation. A glossary `term` is a
topic only when it is specific: named in few items ("science-policy interface"), not in most of
them ("data", "convention", "cooperation"); a glossary `word` (together, revenue, staff) never is.
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
    generic: tuple[str, ...] = ()    # terms named in many items ("reporting", "funding")
    # where the first country, organisation, process or specific term is named (a pronoun after
    # it may refer to it: "When was BIOFIN launched and who funds it?"); -1 when none is
    first_name_at: int = -1

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
        # a term is specific when few items name it, or when the glossary writes it as a proper
        # name ("Sourcebook of opportunities…", "Key Biodiversity Areas")
        self._generic = {id(e) for e in knowledge.glossary if e.type == "term"
                         and counts.get(id(e), 0) > limit and not e.en[0][:1].isupper()}
        for entry in knowledge.glossary:
            if entry.type not in (*NAMED_TYPES, "region", "term"):
                continue
            for term in entry.terms:
                self._entry_of.setdefault(term.lower(), entry)
        self._by_name = {e.en[0].lower(): e for e in knowledge.glossary}
        self._short: dict[tuple[str, str], str] = {}
        self._texts: dict[str, str] = {}
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
        first = next((k for k in sorted(found) if found[k].type in ("country", "organisation",
                      "process") or (found[k].type == "term" and id(found[k]) not in self._generic)),
                     -1)
        return _named(entries, self._generic, first)

    def entry(self, english: str) -> GlossaryEntry | None:
        """The glossary entry of a canonical English name (as `find` gives them)."""
        return self._by_name.get(english.lower())

    def name(self, english: str, lang: str) -> str:
        """The canonical name of a glossary entry in `lang`."""
        return self.knowledge.glossary_name(english, lang)

    def short_name(self, english: str, lang: str) -> str:
        """The shortest name of a glossary entry in `lang` ("CITES", "全球环境基金"): what a
        follow-up's query carries (a long query costs search and embedding time). Only a name the
        knowledge writes, without digits ("5NR" reads as an unknown name "5" to the search)."""
        key = (english.lower(), lang)
        if key not in self._short:
            entry = self._by_name.get(english.lower())
            names = [n for n in ((entry.zh if lang == "zh" else entry.en) if entry else ())
                     if len(n) > 2 and "《" not in n and not any(c.isdigit() for c in n)
                     and self._corpus_uses(n, lang)]
            self._short[key] = min(names, key=len) if names else self.name(english, lang)
        return self._short[key]

    def _corpus_uses(self, name: str, lang: str) -> bool:
        """Whether the knowledge writes `name` (an abbreviation it never uses would not match)."""
        if lang not in self._texts:
            self._texts[lang] = "\n".join(f"{i.title[lang]} {i.text[lang]}"
                                          for i in self.knowledge.items).lower()
        return _names(name.lower(), self._texts[lang])


def _named(entries: Iterable[GlossaryEntry], generic: set[int], first: int) -> Named:
    by: dict[str, list[str]] = {"country": [], "organisation": [], "convention": [], "process": [],
                                "region": [], "term": [], "generic": []}
    for e in entries:
        by["generic" if id(e) in generic else e.type].append(e.en[0])
    return Named(tuple(by["country"]), tuple(by["organisation"]), tuple(by["convention"]),
                 tuple(by["process"]), tuple(by["region"]), tuple(by["term"]),
                 tuple(by["generic"]), first)


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
