"""The lead's candidate sentences: every sentence of a cited text that may lead, scored for one
question (bot/answer/lead.py chooses among them). What a citation found (Evidence), whom a case is
about (its title), and whether a sentence names what the question names or asks for: a country for
"which country", the case's subject for "who", someone other than what the question names for a
"who" about a topic, the option for a "how" (bot/answer/question_form.py)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.answer.lead_sentences import ITS, lead_sentences
from bot.answer.lead_sequence import another_in_sequence, mentions
from bot.answer.named_places import names_pattern
from bot.answer.question_form import (
    asked_cues,
    asked_noun,
    asked_words,
    asks_agent,
    asks_agent_said,
    asks_body,
    asks_instance,
    fit,
    names_body,
    names_holder,
)
from bot.foundation.answers import Citation
from index import has_han

# "which country …?": only a sentence that names one answers it
_COUNTRY_QUESTION = re.compile(r"\b(which|what|any) (country|countries)\b|\b(is|are) there (a |any )?(country|countries)\b|"
                               r"哪个国家|哪些国家|哪国|什么国家|有国家", re.IGNORECASE)


# "who else / apart from X / besides X / 除了X还有谁": someone other than what the question names
_ELSE = re.compile(r"\b(who|which|what) else\b|\b(apart from|besides|other than|except)\b|除了.{1,20}(还|以外|之外)",
                   re.IGNORECASE)
# "which countries …? / 哪些国家": more than one is asked for
_COUNTRIES_ASKED = re.compile(r"\b(which|what) countries\b|哪些国家|哪几个国家|哪几国", re.IGNORECASE)
# A background sentence about its own item, by its label and a pronoun (lead._without_own_label
# writes the item's name in for it)
_ITSELF = re.compile(r"^(Background facts from the research notes, not from the Sourcebook: it\b|"
                     r"以下为研究资料中的背景事实，并非《信息指南》的内容：(该公约|该条约))")
# "which other countries …", "还有别的国家吗": others than the one named are asked for
_OTHERS = re.compile(r"\b(other|others|else)\b|别的|其他|其它|还有", re.IGNORECASE)
# Questions answered by a value.
VALUE_KINDS = ("amount", "count", "when", "size")
# One-fact questions: the sentence that holds what they ask besides what they name ("signed",
# "hosts", "加入") answers them (question_form.asked_words); at most this many such words count.
FACT_KINDS = (*VALUE_KINDS, "who")
MOST_ASKED = 2
# The sources' own name: "… is one of the six conventions in the Sourcebook" names no one who does anything
_SELF_NAMES = frozenset({"sourcebook", "the sourcebook", "信息指南", "《信息指南》"})
# Acronyms a case title names as its topic, not as who the case is about (the six conventions,
# their plans and their focal points).
_TOPIC_ACRONYMS = frozenset({"NBSAP", "NBSAPS", "NFP", "NFPS", "CBD", "CITES", "CMS", "WHC", "ITPGRFA",
                             "GEF", "STAR"})


@dataclass(frozen=True, slots=True)
class Evidence:
    """A citation with what the search found in it: the matched word spans of its text and the
    dense retrieval's similarity to the question of each chunk of it; `usable`: whether its text
    is in the answer language."""

    citation: Citation
    marks: tuple[tuple[int, int], ...] = ()
    chunks: tuple[tuple[int, int, float], ...] = ()  # (start, end, similarity to the question)
    usable: bool = True

    @property
    def near(self) -> tuple[int, int] | None:
        """The chunk the dense retrieval found closest."""
        return closest(self.chunks)


def closest(chunks: Sequence[tuple[int, int, float]]) -> tuple[int, int] | None:
    """The span of the chunk most similar to the question, or None."""
    if not chunks:
        return None
    a, b, _ = max(chunks, key=lambda c: c[2])
    return a, b


@dataclass(slots=True)
class Candidate:
    score: float
    sentence: str
    number: int
    background: bool
    document: str | None
    start: int
    names_subject: bool
    words: frozenset[str] = frozenset()
    covers: int = 0         # how many of the things the question names it names
    answers: bool = False   # it has what the question's kind asks for (an amount, who did it …)
    subject: tuple[str, ...] = ()  # whom its citation is about (a case's country or organisation)
    closeness: float = 0.0  # the dense retrieval's similarity of its chunk to the question
    form: float = 0.0       # how well its form answers the question's kind (question_form.fit)
    country: bool = False   # it names a country (for "which country / any country that did it?")
    named: frozenset[tuple[str, ...]] = frozenset()  # the things the question names that it names
    asks: int = 0           # how many of a one-fact question's own telling words it holds (FACT_KINDS)
    asked: frozenset[int] = frozenset()  # which of the question's own words it holds (asked_words)
    title: str = ""         # its citation's title (for the name its "it" stands for)
    cued: bool = False      # it says what the question asks about ("since", "finalised", "hosted by")
    rarity: float = 0.0     # its telling words, each by how few sentences hold it ("改版" over "网站")
    local: bool = True      # about the country the question names (names it, or its case is about it)
    of_kind: bool = False   # it names a body of the kind asked for ("which ministry": 森林和土壤保护部)
    body: bool = False      # it names a body by its name, for "which organisation / 哪个机构" (SYKE, BIOFIN)



def candidates(e: Evidence, number: int, lang: str, kind: str | None,
                asked: tuple[tuple[str, ...], ...], question: str,
                names: tuple[str, ...]) -> list[Candidate]:
    """Every sentence of a citation that may lead, scored for this question; `asked`: the
    groups of names of what the question names (each group counts once)."""
    text = e.citation.text
    document = (e.citation.doc_title or e.citation.title) if e.citation.kind == "document" else None
    subject = _subject(e.citation, names)
    country_question = _COUNTRY_QUESTION.search(question) is not None
    several = kind == "who" and _COUNTRIES_ASKED.search(question) is not None
    instance = kind == "who" and asks_instance(question)
    # "apart from AEWA, who else …?": a name the question does not give answers it
    besides = kind == "who" and _ELSE.search(question) is not None
    said = question.lower()
    unasked = tuple(n for n in subject if n not in said)
    # the question asks about a country it names, not about others ("who drafted Palau's NBSAP?"):
    # a case about another country, or a sentence naming only others, is about someone else
    own_countries = () if besides or _OTHERS.search(question) else tuple(
        {m.group(0) for m in names_pattern(names).finditer(said)}) if names else ()
    about_other = bool(own_countries) and any(n in names for n in subject) and not any(n in said for n in subject)
    agent = kind == "who" and asks_agent(question)
    said_agent = agent and not country_question and asks_agent_said(question)
    answers = asked_cues(question)
    noun = asked_noun(question) if kind is None else None
    answers += (noun,) if noun is not None else ()
    own_words = asked_words(question, tuple(n for g in asked for n in g) + tuple(
        n for n in names if n in question.lower())) if kind in FACT_KINDS else ()
    kind_asked = _instance_of(question)
    body_asked = kind == "who" and not country_question and asks_body(question)
    zh_question = has_han(question)
    out = []
    own_name = _own_name(e.citation.title)
    for s in lead_sentences(text, lang, e.citation.is_background, e.citation.kind == "document"):
        if s.dangling:  # "其主要成果是…": written in with the item's own name, or left out
            if not own_name:
                continue
            its = ITS.match(s.sentence)
            if its and its.group("this") and its.group("kind") not in own_name:
                continue  # "该协定" in an item named 《…公约》 is another agreement
            joint = "" if its and its.group("this") else " " if its and its.group("it") else \
                "的" if has_han(s.sentence) else "'s "
            written = own_name + joint + s.sentence[its.end() if its else 0:]
            s = replace(s, sentence=written, low=written.lower(), dangling=False)
        a, b, low = s.start, s.end, s.low
        names_subject = not subject or any(n in low for n in subject)
        # one word whatever its number ("convention", "conventions"); a thing the question names
        # is one word whichever of its names the sentence uses, marked by the search or not
        # "Background facts …: it was signed …" speaks of its own item: it names what the title names
        about = f"{low} {e.citation.title.lower()}" if _ITSELF.match(s.sentence) else low
        named = [g for g in asked if any(mentions(n, about) for n in g)]
        words = {w for w in (_singular(text[x:y].lower()) for x, y in e.marks if x >= a and y <= b)
                 if not _in_concepts(w, asked)} | {g[0] for g in named}
        inside = e.near is not None and a >= e.near[0] and b <= e.near[1] + 1
        fits = fit(kind, s.sentence, question)
        cued = any(p.search(s.sentence) for p in answers)
        score = 0.5 * inside + fits + 0.5 * s.opens_paragraph
        score += 2.5 if cued else 0.0
        holder = False  # "who runs it?" about a topic: a sentence naming an office by its kind answers
        if kind == "who" and subject and about_other and not besides:
            score -= 2.0  # "who drafted Palau's NBSAP?" is not answered by a case about Bhutan
        elif kind == "who" and subject:
            # "墨西哥哪个机构是…?": the name the question does not give (CONABIO), not Mexico again
            score += 2.0 if (any(n in low for n in unasked) if unasked else names_subject) else -2.0
        elif kind == "who":  # "which country / who runs it?" from an item about a topic: a sentence
            # naming one, someone other than what the question itself names ("the Ramsar Convention
            # is one of the six" does not say who runs it; "a Party designates an Authority" does)
            # (a question that says it asks something else, "写给谁看", is answered by its cue instead)
            other = _names_other(names, low, asked) or (not country_question and agent and names_holder(s.sentence))
            elsewhere_only = bool(own_countries) and _names_any(names, low) and not any(n in low for n in own_countries)
            score += -2.0 if elsewhere_only else 1.0 if other else -3.0 if country_question else -1.0
            # an office named by its kind answers "who built / runs it?", and in English one holding
            # the question's own words ("who issues the permits?": "Management Authorities, which
            # run the system of permits"); in the country the question names, if it names one
            holder = (said_agent or (not zh_question and not country_question
                                     and any(p.search(low) for p in own_words))) and \
                names_holder(s.sentence) and (
                not own_countries or any(n in low for n in own_countries))
        elif country_question:  # "how do we …? any country that did it?"
            score += 1.0 if _names_any(names, low) or (subject and names_subject) else -3.0
        of_kind = kind == "who" and kind_asked is not None and kind_asked.search(s.sentence) is not None
        # "which organisation / 哪个机构 …": a body named by its name the question does not give answers
        body = body_asked and names_body(s.sentence, question, _TOPIC_ACRONYMS)
        score += 2.0 if of_kind else 0.0  # "which university …?": "the University of Baghdad"
        elsewhere = besides and _names_unasked(s.sentence, question)
        score += 1.5 if elsewhere else 0.0
        if instance:  # "…太繁琐，有没有线上填报的系统？": the system, not the burden restated
            score += min(0.0, fits_how(s.sentence)) - (2.0 if s.problem else 0.0)
        # "which countries …?": a sentence that names several answers it, one country only in part
        listing = several and _countries_named(names, low, asked) >= 2
        score += 1.5 if listing else 0.0
        covers = len(named)
        score += 1.5 * covers
        other = another_in_sequence(question, s.sentence, asked)
        if other:  # "under GEF-6" is not answered by "the GEF-5 envelope was US$968 million", nor
            score -= 2.5  # "the first NBSAP" by "the second NBSAP was finalised in 2015"
        score += -1.5 if s.background else 1.0
        score -= 2.0 if s.hedge else 0.0
        if kind == "how":
            score += 1.0 if e.citation.kind == "case" else 0.0
            # never the problem restated: a "how" question is asked by someone who has it
            score += 1.0 if s.option else -6.0 if s.problem else 0.0
        score -= 1.0 * (number - 1) + 0.05 * min(s.index, 10)
        # about the country the question names, or naming whom its case is about as the question
        # does ("COMIFAC was founded …")
        local = (not own_countries or any(n in low for n in own_countries)
                 or any(n in own_countries or (n in low and n in said) for n in subject))
        out.append(Candidate(score, s.sentence, number, s.background, document, a, names_subject,
                              frozenset(words), covers,
                              (cued or holder or listing or elsewhere or of_kind
                               or (fits >= 1.0 and kind not in ("how", None))) and not other
                              # "哪一年成立的": a sentence saying it was set up gives no year
                              and (fits > 0 or kind not in _VALUE_KINDS),
                              subject, max((v for x, y, v in e.chunks if x < b and y > a), default=0.0),
                              fits, _names_any(names, low) or bool(subject and names_subject),
                              frozenset(named), 0, frozenset(i for i, p in enumerate(own_words) if p.search(low)),
                              e.citation.title, cued, 0.0, local, of_kind, body))
    return out


# the kinds whose answer is a value: a sentence without one does not answer, however it is cued
_VALUE_KINDS = ("amount", "count", "when", "size")


# "which university / museum / 哪个大学": the kind of body asked for, and a named one of that kind
_WHICH_BODY = re.compile(r"\b(?:which|what) (?:\w+ )?(universit(?:y|ies)|museums?|ministr(?:y|ies)|agenc(?:y|ies)|"
                         r"institutes?|foundations?|banks?|commissions?|councils?|centres?|centers?|authorit(?:y|ies)|"
                         r"societ(?:y|ies))\b|哪(?:个|家|所|些|几个|几家|几所)(大学|博物馆|研究所|基金会|委员会|银行|协会|部(?!门|分)|局(?!面))",
                         re.IGNORECASE)
_BODY_EN = {"universit": "University", "museum": "Museum", "ministr": "[Mm]inistr", "agenc": "Agency",
            "institute": "Institute", "foundation": "Foundation", "bank": "Bank", "commission": "Commission",
            "council": "Council", "centre": "Centre", "center": "Center", "authorit": "Authorit", "societ": "Society"}


@functools.lru_cache(maxsize=256)
def _instance_of(question: str) -> re.Pattern[str] | None:
    """The pattern of a named body of the kind a "which university / 哪个博物馆" question asks for
    ("University of Baghdad", "Basrah University", "芬兰自然历史博物馆"), or None."""
    m = _WHICH_BODY.search(question)
    if m is None:
        return None
    if m.group(2):  # (a ministry or a bureau by its name: 森林和土壤保护部, not 政府部门 or 各部委)
        # (nor one of a kind only: 当地大学, 各大学, 一些大学)
        return re.compile(rf"(?<![各某多诸些所])(?<!当地|本地|各地|地方|国内|国外|相关|其他|其它|一些|多所|几所)"
                          rf"(?<=[\u4e00-\u9fff]{{2}}){m.group(2)}(?![门分委长面])")
    head = next(v for k, v in _BODY_EN.items() if m.group(1).lower().startswith(k))
    if head == "[Mm]inistr":  # "the ministry of finance", "the finance or environment ministry"
        return re.compile(r"\b[Mm]inistr(y|ies) (of|for) (the )?\w|\b(?!(the|a|an|each|every|its|their|relevant|line|"
                          r"national|government|other|that|this)\b)[A-Za-z]+ (or [a-z]+ )?[Mm]inistr(y|ies)\b")
    return re.compile(rf"\b{head}\w* (of|for) (the )?[A-Z]|\b[A-Z][\w-]+ (?:[A-Z][\w-]+ )*{head}")


def _own_name(title: str) -> str:
    """The short name a case's title gives it ("Europe: EU BON, the European …" -> "EU BON"), for
    a sentence that opens with its possessive; "" when the title gives none."""
    named = re.search(r"\(([A-Z]{2,}[A-Z0-9-]*)[,)][^()]*$", title)
    if named:  # "International Treaty on … (ITPGRFA, Plant Treaty)": the item is that convention
        return named.group(1)
    names = [n for n in re.findall(r"\b[A-Z]{2,}[A-Z0-9-]*(?: [A-Z]{2,}[A-Z0-9-]*)*\b", title)
             if len(n) > 2 and n not in _TOPIC_ACRONYMS]
    if not names and has_han(title):  # "《养护非洲-欧亚移徙水鸟协定》：…": the name in 《》 before the colon
        names = re.findall(r"《[^》]+》", re.split(r"[:：]", title, maxsplit=1)[0])
    return names[0] if names else ""


def _in_concepts(word: str, groups: tuple[tuple[str, ...], ...]) -> bool:
    """Whether `word` is one of the names of a thing the question names."""
    return any(word == n or _singular(n) == word for group in groups for n in group)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def _names_any(names: tuple[str, ...], low: str) -> bool:
    """Whether a lower-case sentence names one of `names` (Latin names as whole words: "Oman"
    is not in "women")."""
    return bool(names) and names_pattern(names).search(low) is not None


def fits_how(sentence: str) -> float:
    """How well a sentence answers a "how" question: below 0 for a problem restated."""
    return fit("how", sentence)


def _names_other(names: tuple[str, ...], low: str, asked: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a lower-case sentence names one of `names` that is none of the things the question
    names (`asked`: each thing's names)."""
    if not names:
        return False
    said = {n for group in asked for n in group} | _SELF_NAMES
    return any(m.group(0) not in said for m in names_pattern(names).finditer(low))


def _names_unasked(sentence: str, question: str) -> bool:
    """Whether a sentence gives a short name (an acronym: "CMS", "ASCOBANS") the question does not."""
    said = question.upper()
    return any(a not in said for a in re.findall(r"\b[A-Z]{2,}[A-Z0-9-]*\b", sentence))


def _countries_named(names: tuple[str, ...], low: str, asked: tuple[tuple[str, ...], ...]) -> int:
    """How many different places of `names` a lower-case sentence names, besides those the
    question names."""
    if not names:
        return 0
    said = {n for group in asked for n in group}
    return len({m.group(0) for m in names_pattern(names).finditer(low)} - said)


def _subject(citation: Citation, names: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Who a case is about, from its title ("Palau: …", "Nepal, Slovenia and Uganda: …",
    "中部非洲：…", "Cameroon 2013: …"), in lower case; () for items about a topic. A title that
    opens with its topic ("Linking traditional knowledge with policy: the UNESCO-CBD …") names
    no one before its colon: its organisation is the acronym after it."""
    if citation.kind not in ("case", "background"):
        return ()
    head = re.split(r"[:：]", citation.title, maxsplit=1)[0]
    if head == citation.title or len(head) > 40:  # "Bhutan's national task force …"
        m = re.match(r"^([A-Z][\w-]+(?: [A-Z][\w-]+)*)(?:['’]s)?\b", citation.title)
        head = m.group(1) if m else ""
    head = re.sub(r"\s*(?:19|20)\d\d\s*年?", " ", head).strip()  # "Cameroon 2013", "喀麦隆 2013 年"
    parts = [p.strip().lower() for p in re.split(r",|、|和|及|\band\b", head) if p.strip()]
    if names:  # a name the knowledge knows, or an acronym; not the first word of a topic
        parts = [p for p in parts if p in names or re.fullmatch(r"[A-Z][A-Z0-9-]{1,9}", p.upper()) and
                 p.upper() in citation.title]
    # "Central Africa: COMIFAC regional working groups …": the organisation named next to it
    rest = re.split(r"[:：]", citation.title, maxsplit=1)[-1]
    found = re.findall(r"\b[A-Z]{3,}\b", rest[:30])[:1]
    if not found and has_han(rest):  # a Chinese title names it last: "…的永久性委员会 CONABIO"
        found = re.findall(r"\b([A-Z]{3,})\W*$", rest)
    return tuple(parts) + tuple(a.lower() for a in found if a not in _TOPIC_ACRONYMS)
