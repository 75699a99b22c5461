"""The lead of an answer: one or two sentences taken from the top citations, each marked [n]
(their sentences, and snippets that start and end at sentence boundaries: lead_sentences.py).

Extractive on purpose: every word of the lead is the knowledge base's own, so nothing is said that
a citation does not say. A sentence is chosen for how well it answers (bot/answer/question_form.py:
the option for a "how" question, the name for a "who / which country", the amount for a "how
much"), for the words of the question it holds (the matched spans BM25F found) and for being in the
chunk the dense retrieval found closest; the Sourcebook's own paragraphs come before background
research, which leads only where nothing else answers and is then labelled. Sentences that open
with an unresolved reference ("It is…", "该…") or repeat one already chosen are passed over;
labels such as "What the Sourcebook says (theme 1, …):" are left to the citation. A lead from an
added document names the document.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.answer.lead_sentences import (
    MAX_LEAD_CHARS,
    lead_sentences,
    marks_in,
    sentence_snippet,
    shortened,
)
from bot.answer.named_places import names_pattern
from bot.answer.question_form import asked_cues, asked_words, fit, question_kind
from bot.answer.topics import finder_for
from bot.foundation.answers import Citation
from bot.knowledge import Knowledge

__all__ = ["Evidence", "closest", "compose_lead", "marks_in", "question_concepts", "sentence_snippet"]

# "which country …?": only a sentence that names one answers it
_COUNTRY_QUESTION = re.compile(r"\b(which|what|any) (country|countries)\b|哪个国家|哪些国家|哪国|什么国家|有国家",
                               re.IGNORECASE)
# A background sentence's own label ("Background facts …: it was signed …"): the lead's label
# replaces it, with the item's name written in for its "it" / "该公约".
_SELF_LABEL = re.compile(r"^(Background facts from the research notes, not from the Sourcebook|"
                         r"以下为研究资料中的背景事实，并非《信息指南》的内容)[:：]\s*")
_ITS_NAME = re.compile(r"^(it|该公约|该条约)(?=\s|于|由)")
# How far below a background sentence the Sourcebook's own may score and still lead instead.
BACKGROUND_MARGIN = 2.5
# Questions answered by a value; how far below the best sentence one that states it may score and
# still lead instead (always, when it is in the same citation).
VALUE_KINDS = ("amount", "count", "when")
VALUE_MARGIN = 5.0
# One-fact questions: the sentence that holds what they ask besides what they name ("signed",
# "hosts", "加入") answers them (question_form.asked_words); at most this many such words count.
FACT_KINDS = (*VALUE_KINDS, "who")
MOST_ASKED = 2
# How far below the best sentence one the dense retrieval finds closer may score and still lead
# (an open or "how" question, between otherwise equal sentences).
CLOSEST_MARGIN = 2.0
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
class _Candidate:
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


def question_concepts(knowledge: Knowledge, question: str) -> list[tuple[str, ...]]:
    """The things the question names (glossary entries, not everyday words), each with its names
    in both languages: the lead should name them."""
    finder = finder_for(knowledge)
    named = finder.find(question)
    entries = [e for e in (finder.entry(n) for n in named.names() + named.regions) if e is not None]
    if question_kind(question) in ("who", "choice"):
        # "Brazil and Egypt …: which of the two …?": the alternatives it names are not the answer
        kinds = [e.type for e in entries]
        entries = [e for e in entries if kinds.count(e.type) < 2]
    return [tuple(dict.fromkeys(e.en + e.zh)) for e in entries]


def compose_lead(evidence: Sequence[Evidence], lang: str, question: str = "",
                 names: tuple[str, ...] = (), labels: dict[str, str] | None = None,
                 most: int = 2, depth: int = 3, concepts: Sequence[Sequence[str]] = ()) -> str:
    """One or two sentences of the first `depth` citations that best answer `question`, each
    followed by its citation number; "" when none has a sentence in the answer language.
    `labels`: "background" (prefix of a background lead) and "document" (names a document,
    with {title}); `concepts`: the things the question names (a glossary entry's names in both
    languages each): a sentence that names more of them answers more of the question."""
    kind = question_kind(question)
    low = question.lower()
    asked = tuple(n for n in names if n in low) + tuple(
        a.lower() for a in re.findall(r"\b[A-Z][A-Za-z]*[A-Z]{2,}\b", question))
    groups = [tuple(n.lower() for n in g) for g in concepts if g]
    groups += [(a,) for a in asked if not any(a in g for g in groups)]
    found = [c for n, e in enumerate(evidence[:depth], 1) if e.usable
             for c in _candidates(e, n, lang, kind, tuple(groups), question, names)]
    if not found:
        return ""
    # a matched word counts for more the fewer sentences hold it ("informal" over "focal points")
    df: dict[str, int] = {}
    for c in found:
        for w in c.words:
            df[w] = df.get(w, 0) + 1
    # a one-fact question's own word tells only where most sentences lack it ("加入", not "国家")
    held = [sum(1 for c in found if i in c.asked) for i in range(1 + max(max(c.asked, default=-1) for c in found))]
    for c in found:
        c.asks = min(MOST_ASKED, sum(1 for i in c.asked if 2 * held[i] <= len(found)))
        c.score += 1.0 * c.asks
        c.score += sum(1.5 * math.log(1 + len(found) / df[w]) / math.log(1 + len(found)) for w in c.words)
    found.sort(key=lambda c: -c.score)
    if kind in ("how", None):
        _prefer_closest(found)
    if found[0].background:
        # the Sourcebook's own sentence leads where one answers about as well (names as much of
        # what was asked, scores nearly as high); background only where none does
        top = found[0]
        own = next((c for c in found if not c.background and c.covers >= top.covers and c.asks >= top.asks
                    and c.answers >= top.answers and c.score > max(0.0, top.score - BACKGROUND_MARGIN)), None)
        if own is not None:
            found.remove(own)
            found.insert(0, own)
    limit = MAX_LEAD_CHARS["zh" if lang == "zh" else "en"]
    if kind in FACT_KINDS:
        # "how much / how many / when / who hosts / where": the sentence with the value, the name
        # or the place answers, the one saying what was asked ("signed") before one with any date,
        # in the best citation; the one that only names the subject is written in beside it
        top = found[0]
        value = max((c for c in found if c.answers and (c.number == top.number or
                                                        c.score > top.score - VALUE_MARGIN)),
                    key=lambda c: (c.asks, -c.number, c.score), default=None)
        if value is not None and value is not top and (not top.answers or value.asks > top.asks):
            found.remove(value)
            found.insert(0, value)
    chosen = [found[0]]

    def fits(c: _Candidate) -> bool:
        return (not any(_same(c.sentence, p.sentence) for p in chosen)
                and sum(len(p.sentence) for p in chosen) + len(c.sentence) <= limit)

    first = chosen[0]
    if not first.names_subject:
        # a lead about a case names its country or organisation
        naming = [c for c in found if c.number == first.number and c.names_subject and c.score > 0
                  and (first.background or not c.background)]
        fitting = [c for c in naming if fits(c)]
        room = limit - len(first.sentence) - 1
        if fitting:
            chosen.append(fitting[0])
        elif naming and first.answers:
            # the sentence that answers stays; the one that names the case, cut to fit, beside it
            cut = shortened(naming[0].sentence, room) if room >= limit // 5 else ""
            if any(n in cut.lower() for n in naming[0].subject) and not _same(cut, first.sentence):
                chosen.append(replace(naming[0], sentence=cut))
        elif naming:  # both do not fit: the one that names it
            chosen[0] = first = naming[0]
    # a sentence naming something the question names that the first does not answers more of it
    said = frozenset().union(*(p.named for p in chosen))
    for c in sorted(found[1:], key=lambda c: (not c.named - said, -c.score)):
        if len(chosen) >= most:
            break
        added = c.named - said
        if (c.score < max(1.0, first.score * (0.5 if added else 0.7)) or (c.background and not first.background)
                or c in chosen):
            continue
        if not fits(c):  # cut to fit, when it still names what it adds
            room = limit - sum(len(p.sentence) + 1 for p in chosen)
            cut = shortened(c.sentence, room) if added and room >= limit // 4 else ""
            if not any(_mentions(n, cut.lower()) for g in added for n in g) or any(_same(cut, p.sentence) for p in chosen):
                continue
            c = replace(c, sentence=cut)
        chosen.append(c)
    chosen.sort(key=lambda c: (c.number, c.start))
    sep = "" if lang == "zh" else " "
    parts: list[str] = []
    labelled = False  # background is labelled once, at its first sentence wherever it stands
    labels = labels or {}
    for c in chosen:
        text = c.sentence
        if c.document is not None and "document" in labels and not parts:
            text = labels["document"].format(title=c.document) + text
        elif c.background and "background" in labels and not labelled:
            text = labels["background"] + _without_own_label(text, c.title)
            labelled = True
        parts.append(f"{text}{sep}[{c.number}]")
    return sep.join(parts)


def _without_own_label(sentence: str, title: str) -> str:
    """A background sentence without its own label, the item's short name (from its title:
    "… (Ramsar Convention)", "《…》（CBD）") written in for the "it" the label left dangling;
    unchanged when there is no name to write in."""
    label = _SELF_LABEL.match(sentence)
    if label is None:
        return sentence
    rest = sentence[label.end():]
    its = _ITS_NAME.match(rest)
    if its is None:
        return rest[:1].upper() + rest[1:]
    if re.search(r"[\u4e00-\u9fff]", rest):
        names = re.findall(r"《[^》]+》", title)
        name = names[-1] if names else ""
    else:
        groups = re.findall(r"\(([^()]+)\)", title)
        name = groups[-1].split(",")[0].strip() if groups else ""
        name = f"The {name}" if " " in name else name
    return name + rest[its.end():] if name else sentence


def _prefer_closest(found: list[_Candidate]) -> None:
    """An open or "how" question: among the sentences that score nearly as high as the best and
    are its equal in what the lead must have (what the question names, the case's name, a country
    where one is asked for, the form of an answer), the one the dense retrieval finds closest in
    meaning leads. Word matching cannot tell "official duties" from "job descriptions"; meaning
    can, but only decides between sentences that are otherwise as good (a bigger dense weight
    everywhere lowered held-out figures)."""
    top = found[0]
    equals = [c for c in found[1:] if c.score >= top.score - CLOSEST_MARGIN and c.closeness > top.closeness
              and c.background == top.background and c.covers >= top.covers and c.answers >= top.answers
              and (c.names_subject or not top.names_subject) and c.form >= top.form
              and (c.country or not top.country)]
    if equals:
        best = max(equals, key=lambda c: c.closeness)
        found.remove(best)
        found.insert(0, best)


def _candidates(e: Evidence, number: int, lang: str, kind: str | None,
                asked: tuple[tuple[str, ...], ...], question: str,
                names: tuple[str, ...]) -> list[_Candidate]:
    """Every sentence of a citation that may lead, scored for this question; `asked`: the
    groups of names of what the question names (each group counts once)."""
    text = e.citation.text
    document = e.citation.title if e.citation.kind == "document" else None
    subject = _subject(e.citation, names)
    country_question = _COUNTRY_QUESTION.search(question) is not None
    answers = asked_cues(question)
    own_words = asked_words(question, tuple(n for g in asked for n in g) + tuple(
        n for n in names if n in question.lower())) if kind in FACT_KINDS else ()
    out = []
    for s in lead_sentences(text, lang, e.citation.is_background):
        a, b, low = s.start, s.end, s.low
        names_subject = not subject or any(n in low for n in subject)
        # one word whatever its number ("convention", "conventions"); a thing the question names
        # is one word whichever of its names the sentence uses, marked by the search or not
        named = [g for g in asked if any(_mentions(n, low) for n in g)]
        words = {w for w in (_singular(text[x:y].lower()) for x, y in e.marks if x >= a and y <= b)
                 if not _in_concepts(w, asked)} | {g[0] for g in named}
        inside = e.near is not None and a >= e.near[0] and b <= e.near[1] + 1
        fits = fit(kind, s.sentence, question)
        cued = any(p.search(s.sentence) for p in answers)
        score = 0.5 * inside + fits + 0.5 * s.opens_paragraph
        score += 2.5 if cued else 0.0
        if kind == "who" and subject:
            score += 2.0 if names_subject else -2.0
        elif kind == "who":  # "which country …?" from an item about a topic: a sentence naming one
            score += 1.0 if _names_any(names, low) else -3.0 if country_question else -1.0
        elif country_question:  # "how do we …? any country that did it?"
            score += 1.0 if _names_any(names, low) or (subject and names_subject) else -3.0
        covers = len(named)
        score += 1.5 * covers
        score += -1.5 if s.background else 1.0
        score -= 2.0 if s.hedge else 0.0
        if kind == "how":
            score += 1.0 if e.citation.kind == "case" else 0.0
            # never the problem restated: a "how" question is asked by someone who has it
            score += 1.0 if s.option else -6.0 if s.problem else 0.0
        score -= 1.0 * (number - 1) + 0.05 * min(s.index, 10)
        out.append(_Candidate(score, s.sentence, number, s.background, document, a, names_subject,
                              frozenset(words), covers, cued or (fits >= 1.0 and kind not in ("how", None)),
                              subject, max((v for x, y, v in e.chunks if x < b and y > a), default=0.0),
                              fits, _names_any(names, low) or bool(subject and names_subject),
                              frozenset(named), 0, frozenset(i for i, p in enumerate(own_words) if p.search(low)),
                              e.citation.title))
    return out


def _in_concepts(word: str, groups: tuple[tuple[str, ...], ...]) -> bool:
    """Whether `word` is one of the names of a thing the question names."""
    return any(word == n or _singular(n) == word for group in groups for n in group)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def _mentions(name: str, low: str) -> bool:
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


def _names_any(names: tuple[str, ...], low: str) -> bool:
    """Whether a lower-case sentence names one of `names` (Latin names as whole words: "Oman"
    is not in "women")."""
    return bool(names) and names_pattern(names).search(low) is not None


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
    after = re.split(r"[:：]", citation.title, maxsplit=1)[-1][:30]
    return tuple(parts) + tuple(a.lower() for a in re.findall(r"\b[A-Z]{3,}\b", after)[:1]
                                if a not in _TOPIC_ACRONYMS)


def _same(a: str, b: str) -> bool:
    """Whether two sentences say much the same (most of the shorter one's words, or for Chinese
    its character pairs, are in the other)."""
    def units(s: str) -> set[str]:
        s = s.lower()
        if re.search(r"[\u4e00-\u9fff]", s):
            return {s[i:i + 2] for i in range(len(s) - 1) if not s[i:i + 2].isspace()}
        return set(re.findall(r"[a-z0-9]{3,}", s))
    x, y = units(a), units(b)
    return bool(x and y) and len(x & y) / min(len(x), len(y)) > 0.6
