"""Whether a question asks for a set or a count ("which cases involve Ramsar?", "哪些案例跟资金有关？",
"how many case studies?") and, if so, which items: a kind (cases, lessons, themes, conventions,
obstacles) narrowed by facets read from the knowledge's own tags.

Facets come from glossary names found in the question: a convention (its tag; an entry that names one
of the six, such as "CMS family", means that convention), a country or region (the items' country and
region tags, placed by bot/answer/geography.py), a theme (its number, or a glossary term in the titles
of that theme's items: "national reporting" is theme 2), or any other named thing (the items that
mention it). A question is a list question only when nothing else is left in it: "哪几个国家靠旅游收入
养保护区？" asks about tourism revenue, which no tag holds, and goes to the search engine instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from bot.answer.chinese_numbers import zh_number
from bot.answer.geography import places_of
from bot.knowledge import CONVENTIONS, GlossaryEntry, Item, Knowledge
from index import has_han, to_simplified

# What can be listed, by the words people use for it (English plurals only: "which case" is a lookup).
NOUNS: dict[str, tuple[str, ...]] = {
    "case": ("case studies", "cases", "examples", "initiatives", "案例研究", "案例", "例子", "实例", "事例"),
    "country": ("countries", "国家"),
    "lesson": ("lessons learned", "lessons learnt", "key lessons", "lessons", "经验教训", "教训"),
    "theme": ("themes", "chapters", "主题", "章节"),
    "convention": ("conventions", "treaties", "公约", "条约"),
    "obstacle": ("obstacles", "barriers", "障碍"),
}
_LIST_FORM = re.compile(
    r"\b(which|what|list|name|enumerate|show|give|all|every|how many|number of)\b"
    r"|哪些|哪几|哪[一二两三四五六七八九十\d]+|几个|几条|几项|几种|多少|列出|列一下|列举|所有|全部|都有啥|都有什么")
_COUNT_FORM = re.compile(r"\bhow many\b|\bnumber of\b|多少|(?<!哪)几[个条项种]|有几")
_THEME_NUMBER = re.compile(r"\btheme\s*(\d)\b|主题\s*([1-6一二三四五六])|第\s*([1-6一二三四五六])\s*个?主题")
# Names mentioned by more than this share of the items are the frame of any question; by more
# than BROAD_SHARE, too common to list from the text.
FRAME_SHARE = 0.6
BROAD_SHARE = 1 / 3
# A pronoun left in a list question without facets points back to an earlier message.
_PRONOUN = re.compile(r"(?<![a-z])(it|its|they|them|their|he|she|his|her)(?![a-z])|它|他们|她们|该")
# Words that join the parts of a list question and say nothing about which items.
CONNECTORS = """involve involves involving involved about related relate relating regarding concern
concerning concerns deal deals dealing dealt from come comes coming appear appears appearing mention
mentions mentioned feature features featured cover covers covered listed list described discussed
use used uses book guide there agreement agreements family instruments its their both also every
show name names give count number total altogether contain contains containing include includes
included including key main different six ten eight learned learnt studies study sourcebook
跟 和 与 同 有关 相关 涉及 关于 来自 属于 讲 讲了 提到 提及 书里 书中 里面 一共 总共 共 都 有 中 包括
包含 介绍 咱们 出来 说说 讲讲 看看 举 举了 用 用了 提 书 指南 到底 究竟 来 写 写了 谈 谈到 有关系
列出 列举 列 所有 全部 个 条 项 种 啥 本 这本 全 六 十 八 主要 哪 几 多少 出""".split()


@dataclass(frozen=True, slots=True)
class ListRequest:
    """What a list question asks for: items of `kind` matching every facet (OR within one)."""

    kind: str                      # case | lesson | theme | convention | obstacle
    count: bool                    # "how many": the answer states the count first
    by_country: bool = False       # "which countries": cases, named by their countries
    facets: tuple[tuple[str, frozenset[str]], ...] = ()   # (family, matching ids) per family
    values: tuple[str, ...] = ()   # the facets asked for: conv:cms, theme:6, place:Africa, mention:N

    @property
    def places(self) -> tuple[str, ...]:
        """The countries and regions asked about (canonical English names)."""
        return tuple(v.partition(":")[2] for v in self.values if v.startswith("place:"))


class ListQuestions:
    """Reads list and count questions against one knowledge base (built once per engine)."""

    def __init__(self, knowledge: Knowledge, analyze: Callable[[str], list[str]]) -> None:
        self.knowledge = knowledge
        self._analyze = analyze  # the index's analyzer: stemmed words, stop words dropped
        self._mentioned: dict[int, frozenset[str]] = {}

    @cached_property
    def _terms(self) -> list[tuple[str, str, int]]:
        """Every glossary term (longest first) with the suffix it may take and its entry's index:
        "African" and "Ugandan" name a region and a country too."""
        out = []
        for n, entry in enumerate(self.knowledge.glossary):
            suffix = r"(?:n|an|ese|ian|i)?" if entry.type in ("country", "region") else ""
            for term in entry.terms:
                term = to_simplified(term).lower()
                if len(term) >= 2:
                    out.append((term, suffix, n))
        return sorted(out, key=lambda t: -len(t[0]))

    @cached_property
    def _connectors(self) -> frozenset[str]:
        return frozenset(w for word in CONNECTORS for w in self._analyze(word)) | frozenset(CONNECTORS)

    @cached_property
    def _theme_of_entry(self) -> dict[int, int]:
        """Terms named in the titles of exactly one theme's theme items: 资金 (funding) of 主题六
        资金资源的调动和利用, 国家报告 (national reporting) of 简化国家报告. The Chinese titles are
        the compact theme names (the English ones add "for cooperation among national focal
        points")."""
        titles = [(to_simplified(i.title["zh"]).lower(), i.themes[0]) for i in self.knowledge.items
                  if i.kind == "theme" and len(i.themes) == 1]
        themes: dict[int, set[int]] = {}
        for term, suffix, n in self._terms:
            if self.knowledge.glossary[n].type not in ("term", "process"):
                continue
            for title, theme in titles:
                if term in title and _pattern(term, suffix).search(title):
                    themes.setdefault(n, set()).add(theme)
        return {n: next(iter(ts)) for n, ts in themes.items() if len(ts) == 1}

    @cached_property
    def _texts(self) -> dict[str, str]:
        return {i.id: to_simplified(" ".join([*i.title.values(), *i.text.values()])).lower()
                for i in self.knowledge.items}

    def _mentions(self, n: int) -> frozenset[str]:
        """The items that name glossary entry `n` in their title or text."""
        found = self._mentioned.get(n)
        if found is None:
            terms = [(t, s) for t, s, m in self._terms if m == n]
            found = self._mentioned[n] = frozenset(
                item_id for item_id, text in self._texts.items()
                if any(t in text and _pattern(t, s).search(text) for t, s in terms))
        return found

    def parse(self, question: str) -> ListRequest | None:
        """The list request of `question`, or None when it asks something else."""
        text = to_simplified(question).lower()
        if not _LIST_FORM.search(text):
            return None
        names = self._names_in(text)
        # a noun inside a longer name is part of the name: 湿地公约 is Ramsar, not "conventions"
        kinds = [(kind, m) for kind, words in NOUNS.items() for w in words
                 if (m := _find(w, text)) is not None and not any(
                     a <= m.start() and m.end() <= b and b - a > m.end() - m.start() for (a, b), _ in names)]
        number = _THEME_NUMBER.search(text)
        if number:  # "主题二有哪些案例": the theme named by its number is a facet, the cases the kind
            named = [(k, m) for k, m in kinds if number.start() <= m.start() and m.end() <= number.end()]
            kinds = [x for x in kinds if x not in named] or named
        if not kinds:
            return None
        spans = [m.span() for _, m in kinds] + [m.span() for m in _LIST_FORM.finditer(text)]
        kind_names = {k for k, _ in kinds}
        by_country = "country" in kind_names
        kind = next((k for k in ("lesson", "obstacle", "theme", "case", "convention") if k in kind_names),
                    "case")
        if kind == "convention" and "case" in kind_names:
            kind = "case"  # "which cases involve CITES and CMS": the conventions are the facet
        facets: dict[str, set[str]] = {}
        if number:
            spans.append(number.span())
            n = next(g for g in number.groups() if g)
            facets.setdefault("theme", set()).add(f"theme:{zh_number(n)}")
        for span, n in names:
            if _overlaps(span, spans):
                continue
            spans.append(span)
            facet = self._facet(n)
            if facet is not None and facet[0] == "broad":
                return None
            if facet is not None:
                facets.setdefault(facet[0], set()).add(facet[1])
        rest = _without(text, spans)
        if not facets and _PRONOUN.search(rest):
            return None  # "which conventions is it a focal point for?": a follow-up, not a list
        leftover = [w for w in self._analyze(rest) if w not in self._connectors]
        if leftover:
            return None
        resolved = tuple((family, frozenset(self._resolve(family, values)))
                         for family, values in facets.items())
        values = tuple(sorted({v for vs in facets.values() for v in vs}))
        return ListRequest(kind, bool(_COUNT_FORM.search(text)), by_country, resolved, values)

    def _names_in(self, text: str) -> list[tuple[tuple[int, int], int]]:
        """The glossary names in `text`, longest first, none overlapping another."""
        found: list[tuple[tuple[int, int], int]] = []
        for term, suffix, n in self._terms:
            if term not in text:
                continue
            for m in _pattern(term, suffix).finditer(text):
                if not _overlaps(m.span(), [span for span, _ in found]):
                    found.append((m.span(), n))
        return found

    def _facet(self, n: int) -> tuple[str, str] | None:
        """(family, value) of glossary entry `n` as a facet; None for a name that narrows nothing
        (the Sourcebook itself, focal points: named by most items); ("broad", "") for a thing so
        many items mention that only the search can rank them."""
        entry: GlossaryEntry = self.knowledge.glossary[n]
        convention = _convention_of(entry)
        if convention is not None:
            return "convention", f"conv:{convention}"
        if entry.type in ("country", "region"):
            return "place", f"place:{entry.en[0]}"
        if n in self._theme_of_entry:
            return "theme", f"theme:{self._theme_of_entry[n]}"
        share = len(self._mentions(n)) / max(len(self.knowledge.items), 1)
        if share > FRAME_SHARE:
            return None  # the Sourcebook, focal points, biodiversity: the frame of every question
        if share > BROAD_SHARE:
            return "broad", ""  # stakeholders, cooperation: no tag narrows that; search instead
        return "mention", f"mention:{n}"

    def _resolve(self, family: str, values: set[str]) -> set[str]:
        """The ids of the items that match any of `values` (one facet family)."""
        ids: set[str] = set()
        for item in self.knowledge.items:
            if any(self._matches(item, v) for v in values):
                ids.add(item.id)
        return ids

    def _matches(self, item: Item, value: str) -> bool:
        key, _, arg = value.partition(":")
        if key == "conv":
            return arg in item.conventions
        if key == "theme":
            return int(arg) in item.themes
        if key == "place":
            return arg.lower() in places_of(item.countries, item.region)
        return item.id in self._mentions(int(arg))


def _convention_of(entry: GlossaryEntry) -> str | None:
    """The convention code an entry stands for: one of the six itself, or a body whose name is built
    on its abbreviation ("CMS family")."""
    names = entry.en if entry.type == "convention" else entry.en[:1] if entry.type == "organisation" else ()
    for code in CONVENTIONS:
        if any(re.search(rf"(?<![\w-]){code}(?![\w-])", t.lower()) for t in names):
            return code
    return None




@lru_cache(maxsize=4096)
def _pattern(term: str, suffix: str = "") -> re.Pattern:
    """`term` as a whole word where it is written in Latin letters (Chinese has no spaces; "cms"
    stands alone in "跟cms有关")."""
    if has_han(term):
        return re.compile(re.escape(term))
    return re.compile(r"(?<![a-z0-9\-])" + re.escape(term) + suffix + r"(?![a-z0-9\-])")


def _find(word: str, text: str) -> re.Match | None:
    return _pattern(word).search(text) if word in text else None


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        for i in range(a, b):
            chars[i] = " "
    return "".join(chars)
