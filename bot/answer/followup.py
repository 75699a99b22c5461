"""How a question is understood in its conversation: on its own, or as a follow-up of the topic of
the last answer. Decided before retrieval, in microseconds, from the question's form and from what
it names (bot/answer/topics.py), never from the answer.

- "in Chinese please / 用中文说一下 / in English": the previous question again, in that language;
- "give me the source / 出处呢": the previous question again (its answer carries the sources);
- "other countries / 还有别的国家吗": the previous topic's subject, leaving out what was shown and the
  places already discussed;
- a pronoun or a continuation ("who was on that team?", "where is its secretariat?", "那这个国家还做了
  什么？", "后来呢？"), or a short question naming no topic ("who was involved?"): the previous
  topic's names and the title of its main item are carried into the query;
- "what about Nepal? / 那尼泊尔呢？": the previous question with the new name;
- anything else with a topic of its own, or with an English word the sources never use (a name
  they do not hold, a typing accident), starts afresh.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.answer.conversation import Topic
from bot.answer.geography import places_of
from bot.answer.meta import meta_kinds
from bot.answer.question_slots import asked_slot
from bot.answer.topics import Named, TopicFinder
from bot.answer.vocabulary import Vocabulary
from bot.foundation.answers import Lang
from index import detect_lang, has_han, to_simplified

_EN_WORD = re.compile(r"[a-z][a-z'-]*")
_SWITCH = {
    "zh": re.compile(r"\b(chinese|mandarin)\b|中文|汉语|华语|普通话|中国话"),
    "en": re.compile(r"\benglish\b|英文|英语"),
}
# What may surround a language name in a request to switch ("could you say that in Chinese").
_SWITCH_FILLER = re.compile(
    r"\b(please|pls|in|into|to|say|said|answer|reply|repeat|respond|translate|translated|it|that|"
    r"this|again|can|could|would|you|u|me|give|version|the|same|now|one|more|time|and|ok|okay|"
    r"switch|back|use|do|write|explain|show)\b|请|用|说|讲|一下|下|再|能|可以|吗|呢|吧|翻译|成|回答|"
    r"给我|我|版|的|一遍|遍|换|改|个|你|那|好|来")
_SOURCE = re.compile(r"\b(sources?|references?|citations?|cite|original text|where (?:is|does) "
                     r"(?:it|that|this) come from)\b|出处|来源|原文|引文|参考文献|资料来源|文献")
_OTHERS = re.compile(
    r"\b(?:other|another|more|else|different)\s+(?:\w+\s+)?(?:countr\w*|nations?|cases?|examples?|"
    r"places?|governments?|parties)\b|\b(?:anyone|anybody|anywhere|who|where) else\b|"
    r"(?:别的|其他|其它|另外的?|另一个|更多的?|还有哪些|还有什么|还有没有|还有)(?:\w{0,2})?"
    r"(?:国家|案例|例子|地方|地区|政府|缔约方)")
_ANAPHOR_EN = re.compile(
    r"\b(it|its|it's|they|them|their|theirs|he|she|him|her|his|there|those|these|this one|that one|"
    r"the same|(?:this|that|these|those)\s+(?:\w+\s+)?(?:team|country|case|plan|project|body|group|"
    r"one|agency|committee|organi[sz]ation|convention|agreement|process|programme|program|system|"
    r"example|approach|report|initiative|network|mechanism|strategy|work)|that\?*$|this\?*$)\b")
_CONTINUE_EN = re.compile(r"^\s*(and|so|then|also|what about|how about|what else|anything else|"
                          r"any more|more on|tell me more|go on|what happened next|and then)\b")
# (not 应该, 因此, 彼此; not 这本/那本, the classifier of a book: "这本书" is the Sourcebook)
_ANAPHOR_ZH = re.compile(r"它|他们|她们|它们|其|(?<!应)该|这个|那个|这些|那些|(?<![因彼如])此|上述|前面|"
                         r"刚才|这样|那样|这里|那里|这方面|同样")
_CONTINUE_ZH = re.compile(r"^(那么?|还有?|具体|后来|然后|另外|此外|再|接着|那后来|所以)")
# "谁出钱做的？", "哪年建的？", "是谁牵头搞的？": the 是…的 of a known event, whose subject is dropped
# (Chinese leaves out what both sides know): a question word, a verb, 的 closing the question
_DONE_ZH = re.compile(r"^(?:是|都是|那是)?(?:谁|哪个|哪家|哪年|哪一年|什么时候|啥时候|何时|怎么|咋|在哪儿?)"
                      r"[\u4e00-\u9fff]{1,5}的[？?。!！]*$")
_WHAT_ABOUT = re.compile(r"^\s*(?:what about|how about|and)\s+(.+?)\??\s*$|^那?(.+?)呢[？?]?$")
_STOP_EN = frozenset(
    "a an the of to in on at for from by with about as is are was were be been being do does did "
    "done have has had can could would should will shall may might must what which who whom whose "
    "where when why how any some all there here me you we us our your i my please tell give show "
    "let know want need like get got and or but not no yes so then also just more much many "
    "other else one ones that this these those it its they them their he she his her".split())
# What of the previous topic is carried into a follow-up's query: a few names and the start of
# the main item's title.
CARRIED_COUNTRIES = 2
TITLE_WORDS = 8
NAMED_TITLE_WORDS = 4   # when names are carried too (a Chinese title: three characters a word)
# After an answer from an added document, "the report / 这份报告 / 文中" is that document
_THE_DOCUMENT = re.compile(r"\b(the|this|that) (report|document|paper|article|study|file|filing|text|"
                           r"rule|directive|proposal|notice)s?\b|(这|那|该|此)(份|篇|个)?(报告|文件|文档|论文|文章|"
                           r"研究|规定|指令|公告)|文中|报告(里|中)|文件(里|中)|论文(里|中)")
# A short Chinese question for one fact that opens with what it asks, its subject left out ("谁出的钱？",
# "花了多久？", "包括哪些公约的联络点？"; not "国家报告什么时候交？", whose subject is its own)
_COVERS = r"(?:包括|包含|涉及|覆盖|针对)(?:了)?(?:哪些|哪几|什么|啥|多少|几)"
_ONE_FACT_ZH = re.compile(r"^(?:那|那么|是|那是|都是)?(?:谁|哪年|哪一年|什么时候|啥时候|何时|多少|几个|花了|用了|出了|搞了|弄了|"
                          r"(?:需要|共有)(?:了)?(?:哪些|哪几|什么|啥|多少|几)|" + _COVERS + ")")
# "包括哪些公约？", "涉及哪些方面？": what the topic covers, its subject left out (not a list of everything)
_COVERS_ZH = re.compile(r"^(?:那|那么|它|这个)?" + _COVERS)


def asks_what_it_covers(question: str) -> bool:
    """Whether a Chinese question asks what the topic covers with its subject left out ("涉及哪些公约？"):
    a follow-up, not a question for the whole list of conventions."""
    return _COVERS_ZH.match(to_simplified(question).strip()) is not None


# A short English question about "the website / the project / the committee": the topic's, when it names
# nothing of its own ("what's the website called?", "how long did the project run?")
_THE_THING_EN = re.compile(r"\bthe (website|site|portal|database|system|tool|platform|project|programme|program|"
                           r"committee|team|task force|group|network|workshop|meeting|alliance|partnership|"
                           r"initiative|mechanism|plan|strategy|report|study|fund|law|act)s?\b")
# Below this many content words a question naming no topic is taken as a follow-up.
SHORT_EN = 3
SHORT_ZH = 7   # characters of Chinese, once particles and question words are removed
_ZH_FILLER = re.compile(r"[吗呢吧啊呀么的了是有在和与跟对把被就都也还又请问我们你他她它谁哪些什么怎么样如何为"
                        r"多少几个一下些\s，。？！?!、：:；;“”\"'（）()]")


@dataclass(frozen=True, slots=True)
class Resolution:
    """The query to ask and how it was understood. `how` is "fresh" when no context was used."""

    query: str
    lang: Lang | None
    how: str = "fresh"            # fresh | followup | others | language | source | substitute
    exclude: tuple[str, ...] = ()
    topic: Topic | None = None    # the topic it continues

    @property
    def used_context(self) -> bool:
        return self.how != "fresh"


class Resolver:
    """Understands a question against the topic of the last answer, if any."""

    def __init__(self, finder: TopicFinder, vocabulary: Vocabulary | None = None,
                 document_title: Callable[[str, Lang], str] | None = None) -> None:
        self.finder = finder
        self.vocabulary = vocabulary   # the words the knowledge uses (None: every word counts)
        self.document_title = document_title   # an added document's title, by its id

    def resolve(self, question: str, topic: Topic | None, lang: Lang | None) -> Resolution:
        text = to_simplified(question).strip().lower()
        if topic is None or not text or meta_kinds(question):
            return Resolution(question, lang)  # "who made you?", "谢谢": about the bot, no topic to carry
        switch = _language_switch(text)
        if switch is not None:
            return Resolution(topic.query, switch, "language", topic.exclude, topic)
        corrected = self.vocabulary.corrected(question) if self.vocabulary else question
        named = self.finder.find(corrected)
        if _is_source_request(text, named.topic):
            return Resolution(topic.query, lang or topic.lang, "source", topic.exclude, topic)
        lang = lang or detect_lang(question)   # what is carried in is written in this language
        if _OTHERS.search(text) and not named.countries:
            return self._others(question, topic, lang)
        short = _is_short(text)
        back = _refers_back(to_simplified(corrected).lower(), named.first_name_at) or (
            topic.document is not None and _THE_DOCUMENT.search(text) is not None) or (
            # Chinese leaves out what both sides know: "谁出的钱？", "花了多久？" right after an answer
            # ask about its topic, whatever general word they use
            short and not named.countries and not named.organisations and not named.conventions
            and (_ONE_FACT_ZH.match(text) if has_han(text) else _THE_THING_EN.search(text)) is not None)
        # (a document's words are not the knowledge's: after a document's answer none is strange)
        if topic.document is None and self._strange(question, back):
            return Resolution(question, lang)  # a word the sources never use: no follow-up of theirs
        if named.topic:
            about = _WHAT_ABOUT.match(text)
            if about and _is_short(about.group(1) or about.group(2) or ""):
                return self._substitute(question, topic, lang)
            # a back-reference keeps the topic beside a convention or organisation named as the
            # lens ("how can a Ramsar focal point take part in it?"), not beside a new subject
            if not back or (not short and (self._replaces(named, topic)
                                           or _after_a_clause(to_simplified(corrected).lower()))):
                return Resolution(question, lang)
        elif (named.generic and not back) or not (short or back):
            return Resolution(question, lang)  # a subject of its own ("national reporting burden")
        if topic.document is not None:  # asked of that document: its names, not its title, are searched
            names = self._names(topic, lang)
            return Resolution(f"{question} {names}".strip(), lang, "followup", (), topic)
        return Resolution(f"{question} {self._carried(topic, lang)}", lang, "followup",
                          self._outside(named.regions), topic)

    def _replaces(self, named: Named, topic: Topic) -> bool:
        """Whether what the question names is a subject of its own rather than a lens on the
        topic: a country the topic was not about, or an organisation that a case other than the
        topic's is about ("does COMIFAC do that too?"). A convention, a process or a term alone
        does not replace it."""
        if set(named.countries) - set(topic.countries):
            return True
        k = self.finder.knowledge
        for org in set(named.organisations) - set(topic.organisations):
            name = self.finder.name(org, "en").lower()
            if any(i.kind == "case" and i.id != topic.case and name in i.title["en"].lower()
                   for i in k.items):
                return True
        return False

    def _outside(self, regions: tuple[str, ...]) -> tuple[str, ...]:
        """The items from no place in `regions`, left out of a follow-up that names only a region
        ("any case from Europe?": the topic's items from Europe, not the topic's best items)."""
        if not regions:
            return ()
        wanted = {r.lower() for r in regions}
        return tuple(sorted(i.id for i in self.finder.knowledge.items
                            if not wanted & places_of(i.countries, i.region)))

    def _strange(self, question: str, back: bool) -> bool:
        """Whether the question uses a word the knowledge never does: any English one (the speller
        knows the corpus's words and their near spellings), a Chinese one only when nothing points
        back (the segmenter's cut of everyday Chinese is coarser than a word list)."""
        if self.vocabulary is None:
            return False
        unknown = self.vocabulary.unknown(question, _STOP_EN)
        latin = [w for w in unknown if not has_han(w)]
        if back and unknown == latin and len(latin) == 1 and _written_lower(latin[0], question):
            return False  # one everyday word beside a pronoun ("who sits on it?"); names are capitalised
        return bool(latin) or (bool(unknown) and not back)

    def _carried(self, topic: Topic, out_lang: Lang) -> str:
        """The previous topic in words: its names and the title of the item it was about."""
        names = self._names(topic, out_lang)
        title = _head(self._title(topic, out_lang), TITLE_WORDS if not names else NAMED_TITLE_WORDS)
        return " ".join(dict.fromkeys(n for n in (names, title) if n))

    def _names(self, topic: Topic, lang: Lang) -> str:
        # the countries of a regional body (COMIFAC: Cameroon, Chad) are not what it is about: its
        # name is; a follow-up carrying them reads as a question about those countries
        countries = () if topic.organisations and len(topic.countries) > 1 else topic.countries[:CARRIED_COUNTRIES]
        return " ".join(dict.fromkeys(self.finder.short_name(n, lang) for n in (
            *countries, *topic.organisations, *topic.conventions, *topic.processes)))

    def _title(self, topic: Topic, lang: Lang) -> str:
        """The title of what the topic was about: its case or main item, or its document."""
        if topic.document is not None and self.document_title is not None:
            return self.document_title(topic.document, lang)
        item = self.finder.knowledge.get(topic.case or (topic.items[0] if topic.items else ""))
        return item.title[lang] if item is not None else ""

    def _others(self, question: str, topic: Topic, lang: Lang) -> Resolution:
        """The subject of the topic, without the items shown nor the places it was about."""
        k = self.finder.knowledge
        places = {c.lower() for c in topic.countries}
        # what was shown, what is about those places only, and what is about no country at all
        exclude = set(topic.items) | {i.id for i in k.items
                                      if {c.lower() for c in i.countries} <= places}
        # the same words, if in this language and they asked about the subject: not a follow-up's
        # few words, nor a value ("它是哪一年成立的？" then "还有别的国家有类似机构吗？" asks for bodies)
        asked = topic.question if topic.lang == lang and topic.how == "fresh" and asked_slot(
            topic.question) is None else ""
        base = _without(f"{asked} {_head(self._title(topic, lang))}",
                        [self.finder.name(c, la) for c in topic.countries for la in ("en", "zh")]
                        + list(topic.countries))
        return Resolution(f"{question} {base}", lang, "others", tuple(sorted(exclude)), topic)

    def _substitute(self, question: str, topic: Topic, lang: Lang) -> Resolution:
        """The previous question with its names replaced by the new one ("what about Nepal?")."""
        old = [*topic.countries, *topic.organisations, *topic.conventions, *topic.processes]
        base = _without(topic.question, [self.finder.name(n, la) for n in old for la in ("en", "zh")]
                        + old)
        return Resolution(f"{question} {base}", lang, "substitute", (), topic)


def _written_lower(word: str, question: str) -> bool:
    """Whether `word` is written in lower case wherever it stands in `question`."""
    found = [m.group(0) for m in re.finditer(rf"(?<![a-z]){re.escape(word)}(?![a-z])", question, re.I)]
    return bool(found) and all(w.islower() for w in found)


def _language_switch(text: str) -> Lang | None:
    """The language asked for when the whole message is a request to switch languages."""
    for lang, pattern in _SWITCH.items():
        if pattern.search(text):
            rest = _SWITCH_FILLER.sub(" ", pattern.sub(" ", text))
            if not re.sub(r"[\W_]+", "", rest):
                return lang  # type: ignore[return-value]
    return None


def _is_source_request(text: str, names_topic: bool) -> bool:
    return bool(_SOURCE.search(text)) and not names_topic and _is_short(_SOURCE.sub(" ", text))


def _refers_back(text: str, first_name_at: int = -1) -> bool:
    """A pronoun or a continuation that points out of the question: before any name it makes
    (after one, "who funds it?" may point at that name)."""
    patterns = (_ANAPHOR_ZH, _CONTINUE_ZH, _DONE_ZH) if has_han(text) else (_ANAPHOR_EN, _CONTINUE_EN)
    for pattern in patterns:
        m = pattern.search(text)
        if m is not None and (first_name_at < 0 or m.start() < first_name_at):
            return True
    return False


_CLAUSE_BREAK = re.compile(r"\s(?:and|but|or|then)\s|[,;，；。:：]|[?？]\s*\S")


def _after_a_clause(text: str) -> bool:
    """Whether the pronoun comes in a later clause than the start of the question ("What is
    Ramsar and who funds it?": "it" is Ramsar, named in the clause before), not in the one
    clause that names the lens ("how can a Ramsar focal point take part in it?")."""
    pattern = _ANAPHOR_ZH if has_han(text) else _ANAPHOR_EN
    m = pattern.search(text)
    return m is not None and _CLAUSE_BREAK.search(text, 1, m.start()) is not None


def _is_short(text: str) -> bool:
    """Few content words: a question that cannot stand on its own."""
    if has_han(text):
        han = _ZH_FILLER.sub("", re.sub(r"[a-z0-9]+", "", text))
        latin = [w for w in _EN_WORD.findall(text) if w not in _STOP_EN]
        return len(han) + 2 * len(latin) <= SHORT_ZH
    return len([w for w in _EN_WORD.findall(text) if w not in _STOP_EN]) <= SHORT_EN


def _head(title: str, words: int = 8) -> str:
    """The start of a title: enough to name the topic, short enough to keep the query fast
    (a longer query costs the search and the embedding time)."""
    if has_han(title):
        return title[:words * 3]
    return " ".join(title.split()[:words])


def _without(text: str, names: list[str]) -> str:
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        pattern = re.escape(name) if has_han(name) else rf"(?<!\w){re.escape(name)}(?!\w)"
        text = re.sub(pattern, " ", text, flags=re.I)
    return re.sub(r"\s+", " ", text).strip()
