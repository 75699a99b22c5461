"""Questions the knowledge base cannot answer although they share many of its words.

"What did GEF-8 allocate?" is close, word for word and in meaning, to the items on GEF-6, so no
similarity floor declines it; answering with GEF-6 would mislead an official. Two checks run on
every question before it is answered:
- a *specific* it names that the corpus never mentions: a meeting or replenishment number (COP16,
  GEF-9, SBSTTA-25, 第十五届, 第八增资期), a decision number (XIII/24), a target code (30×30), an
  ordinal report ("seventh national report");
- a *kind* of question the Sourcebook (2015) cannot answer by its nature: current dates of coming
  meetings, deadlines, a species' CITES listing today, contact details.
Both decline with a message that says what is missing, instead of answering something else. A
name or year the corpus does not know (Kunming-Montreal, 蒙特利尔, Kenya, 2022) may only be the
asker's setting ("I am the focal point in Kenya ..."): the engine then answers only when the rest
of the question matches well on its own words, and says it has nothing specific on that name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.knowledge import Knowledge
from index.analysis import chinese_number
from index.language import to_simplified

_CN_NUM = "零〇一二两三四五六七八九十百"
# GEF-8, COP16, CoP 19, SBSTTA-25, IPBES-10 (letters, optional separator, a number)
_CODE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2,8})[\s\-–]?(\d{1,3})(?![\d/])")
_COUNTED = re.compile(r"\s+(?:more |new |pilot |member |other )?[a-z]{3,}s\b")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_DECISION = re.compile(r"(?<![A-Za-z0-9/])([IVXL]{1,6}|\d{1,2})/(\d{1,3})(?![\d/])")
_TIMES = re.compile(r"(?<!\d)(\d{1,3})\s*[x×]\s*(\d{1,3})(?!\d)")
_CN_ORDINAL = re.compile(rf"第([{_CN_NUM}]+|\d+)([次届期轮]|增资期|个国家报告|次国家报告)")
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
             "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
             "twentieth").split()
_EN_ORDINAL = re.compile(rf"\b({'|'.join(_ORDINALS)})\s+(national report|replenishment|meeting|"
                         r"conference|cop|session)", re.IGNORECASE)
_NAME = re.compile(r"(?<![\w-])([A-Z][a-z]{2,}(?:[-–][A-Z][a-z]{2,})+|[A-Z][a-z]{2,})(?![\w-])")
# Kinds of questions about what happens now or next, or about people's addresses.
_CURRENT = [
    ("schedule", re.compile(r"\b(next|upcoming|forthcoming|coming)\b.{0,40}\b(cop|meeting|"
                            r"conference|session|summit|sbstta|standing committee)\b|\bwhen\b.{0,30}"
                            r"\b(next|upcoming)\b", re.IGNORECASE | re.DOTALL)),
    ("schedule", re.compile(r"(下一?[届次轮]|下个|明年|今年).{0,12}(大会|会议|缔约方|COP|开会|召开|举行|举办)", re.IGNORECASE)),
    ("deadline", re.compile(r"\bdeadlines?\b|\bdue date\b|\bclosing date\b|\b(submission|registration) "
                            r"(date|period|window)\b|截止(日期|时间)?|最后期限|"
                            # "国家报告什么时候交？", "when are the reports due?": the next deadline
                            # (not "什么时候提交的": when it was)
                            r"什么时候(要|得|该)?(交|提交|上交|报送)(?![的了过])|(?i:\bwhen (is|are) [\w' -]{1,40}\bdue\b)")),
    ("listing", re.compile(r"\bappendi(x|ces)\s*(i{1,3}|1|2|3)\b|\b(listed|listing|lists?)\b.{0,30}"
                           r"\b(cites|cms)\b|\b(cites|cms)\b.{0,40}\b(listed|listing|lists?|appendix)\b|"
                           r"\bappendi(x|ces)\b.{0,30}\b(cites|cms|species|lists?|listed)\b|"
                           r"附录[一二三几123Ⅰ]|附录[^，。？?]{0,6}(哪|几)|(CITES|CMS)附录",
                           re.IGNORECASE | re.DOTALL)),
    ("hours", re.compile(r"\b(opening|office|business|working) hours\b|\bwhat time\b.{0,40}\b(open|opens|close|"
                         r"closes|start|starts)\b|\bwhen (does|do|is) .{0,40}\b(open|close)\b|几点(开门|关门|上班|下班)|"
                         r"办公时间|上班时间|开放时间|\btime ?zone\b|时区", re.IGNORECASE | re.DOTALL)),
    ("registry", re.compile(r"\b(list|register|registry|inventory) of (\w+['’]s )?(ramsar |world heritage |protected |"
                            r"wetland |heritage )?(sites|wetlands|areas|properties|species)\b|\bramsar list\b|"
                            r"(湿地|遗产|保护区|物种|拉姆萨尔|国际重要湿地)(名录|名单|清单)", re.IGNORECASE)),
    # buying or ordering publications: no shop, no stock
    ("contact", re.compile(r"\b(buy|purchase|order)\b.{0,40}\b(copy|copies|print(ed)?|hard ?copy|book|edition)\b|"
                           r"(购买|订购|买)[^，。？?]{0,10}(纸质|印刷|副本|本书|一本)", re.IGNORECASE | re.DOTALL)),
    ("contact", re.compile(r"\b(url|web ?address|website address|web ?link)\b|网址|网站链接|链接地址|网站地址|官网地址|"
                           r"网站是什么(?!时候)|官网是什么(?!时候)|"
                           r"\bwhat is the (web ?site|link) (of|for)\b", re.IGNORECASE)),
    ("contact", re.compile(r"\b(e-?mail|phone|telephone|fax)\b.{0,30}\b(address|number|of)\b|"
                           r"\b(email|postal) address\b|邮箱|电子邮件地址|电话号码|联系电话|办公地址",
                           re.IGNORECASE | re.DOTALL)),
]
# What follows a name when it names an agreement, a plan or a meeting.
_INSTRUMENT = re.compile(r"^[\s\-–·]{0,2}(\S+[\s\-–]){0,4}?(global biodiversity |biodiversity )?"
                         r"(framework|convention|protocol|agreement|declaration|accord|targets?|"
                         r"conference|summit|meeting)\b|"
                         r"^[\s\-–·]{0,2}[\u4e00-\u9fff]{0,14}?(框架|公约|议定书|协定|宣言|目标|大会|会议|峰会)",
                         re.IGNORECASE)
# Capitalised words that start questions or are everyday words, never names.
_COMMON = frozenset("""what which when where who whom whose why how is are was were do does did can
could should would will shall may might must any anyone anybody is there hi hello dear please thanks
the this that these those our my we i you they he she it in on at for from about with and or but if
tell give show list explain describe compare help yes no ok okay also so""".split())


@dataclass(frozen=True, slots=True)
class Gap:
    kind: str   # "specific" (named, absent from the corpus) or schedule | deadline | listing | contact
    what: str   # the words of the question it is about


class GapFinder:
    """Finds what a question turns on that the corpus cannot answer."""

    def __init__(self, corpus_texts: Iterable[str],
                 is_known_word: Callable[[str], bool] = lambda w: False,
                 chinese_names: Callable[[str], list[str]] = lambda q: []) -> None:
        """`corpus_texts`: every title and text indexed; `is_known_word`: whether a (lower-case)
        word is in the corpus vocabulary, its glossary or a spelling correction away;
        `chinese_names`: the place and organisation names in a Chinese text."""
        text = "\n".join(corpus_texts)
        self._corpus = _normalise(to_simplified(text))
        self._known = is_known_word
        self._chinese_names = chinese_names
        self._seen: dict[str, bool] = {}

    def find(self, question: str) -> Gap | None:
        """A gap that makes the question unanswerable (kinds "specific", "schedule", "deadline",
        "listing", "contact"), or a name the corpus does not know (kind "name": the answer
        then carries a caveat), or None."""
        q = to_simplified(question)
        for kind, pattern in _CURRENT:
            match = pattern.search(q)
            if match:
                return Gap(kind, match.group(0).strip())
        for what, regex in self._specifics(q):
            if not self._mentions(regex):
                return Gap("specific", what)
        first: Gap | None = None
        for name in self._names(q):
            if not self._mentions(rf"(?<![a-z0-9]){re.escape(name.lower())}(?![a-z0-9])"):
                after = q[q.find(name) + len(name):]
                # "Kunming-Montreal Framework", "昆明-蒙特利尔全球生物多样性框架", "the 2022 Montreal
                # biodiversity conference": the very thing asked about, not the asker's setting
                if _INSTRUMENT.match(after):
                    return Gap("specific", name)
                first = first or Gap("name", name)
        return first

    def _mentions(self, regex: str) -> bool:
        """Whether the corpus matches `regex`, remembered: a scan of the whole corpus per name
        costs a millisecond, and the same countries and codes come back in question after question."""
        found = self._seen.get(regex)
        if found is None:
            if len(self._seen) >= 4096:
                self._seen.clear()
            found = self._seen[regex] = re.search(regex, self._corpus) is not None
        return found

    def _names(self, q: str) -> Iterable[str]:
        for m in _YEAR.finditer(q):
            yield m.group(0)  # "the 2030 Agenda", "in 2022": often the setting, not the point
        yield from self._chinese_names(q)
        for m in _NAME.finditer(q):
            word = m.group(1)
            if word.lower() in _COMMON or (m.start() == 0 or q[:m.start()].rstrip()[-1:] in ".?!"):
                continue  # sentence starts are capitalised anyway
            if not all(self._known(p) for p in re.split(r"[-–]", word.lower())):
                yield word

    def _specifics(self, q: str) -> Iterable[tuple[str, str]]:
        for m in _CODE.finditer(q):
            letters, number = m.group(1), m.group(2)
            if letters.lower() in ("no", "p", "pp", "top", "the", "and", "of", "in", "to"):
                continue
            if letters.islower() and not m.group(0)[len(letters)].isalnum() and _COUNTED.match(q, m.end()):
                continue  # "reach 30 countries", "has 27 members": a quantity, no code
            yield m.group(0), rf"(?<![a-z0-9]){re.escape(letters.lower())}[\s\-–]?{number}(?!\d)"
        for m in _DECISION.finditer(q):
            yield m.group(0), rf"(?<![a-z0-9/]){re.escape(m.group(1).lower())}/{m.group(2)}(?!\d)"
        for m in _TIMES.finditer(q):
            yield m.group(0), rf"(?<!\d){m.group(1)}\s*[x×]\s*{m.group(2)}(?!\d)"
        for m in _CN_ORDINAL.finditer(q):
            number = m.group(1) if m.group(1).isdecimal() else chinese_number(m.group(1))
            if number:
                # 第六期, 第六轮 and 第六增资期 all name a GEF replenishment period
                suffix = "(期|轮|增)" if m.group(2)[0] in "期轮增" else re.escape(m.group(2)[0])
                yield m.group(0), rf"第{number}{suffix}"
        for m in _EN_ORDINAL.finditer(q):
            yield m.group(0), re.escape(m.group(0).lower())


def _normalise(text: str) -> str:
    """Lower case; Chinese ordinals as digits (第十五届 -> 第15届), as the questions are read."""
    text = text.lower()
    def digits(m: re.Match) -> str:
        return f"第{chinese_number(m.group(1)) or m.group(1)}"
    return re.sub(rf"第([{_CN_NUM}]+)", digits, text)


def corpus_texts(knowledge: Knowledge) -> list[str]:
    """Every title, text and glossary term: what the knowledge base can be said to mention."""
    texts = [t for item in knowledge.items for t in (*item.title.values(), *item.text.values())]
    texts += [" ".join(entry.terms) for entry in knowledge.glossary]
    return texts
