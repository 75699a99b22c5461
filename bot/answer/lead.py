"""The lead of an answer: one or two sentences taken from the top citations, each marked [n], and
snippets that start and end at sentence boundaries.

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

from bot.answer.question_form import asked_cues, dangling, fit, question_kind
from bot.answer.topics import finder_for
from bot.foundation.answers import Citation
from bot.knowledge import Knowledge
from index.sentences import sentence_spans

# "What the Sourcebook says (theme 2, information management and reporting): Uganda has ..."
_LABEL = re.compile(r"^(What the Sourcebook says|Obstacle|Challenge|Options?|Background \(not a Sourcebook"
                    r" case\)|Supporting facts[^:：]{0,40}|Context from [^:：]{0,40}|Note)[^:：]{0,160}[:：]\s*|"
                    r"^(《信息指南》[^：:]{0,60}|障碍|挑战|选择|其他公开资料[^：:]{0,80}|背景信息[^：:]{0,40}|说明)[：:]\s*")
# Paragraphs that are not the Sourcebook's own content: research notes, and notes on the item itself.
_BACKGROUND_PARAGRAPH = re.compile(r"^(Supporting facts|Background|Related|其他公开资料|背景信息|相关)")
_NOTE_PARAGRAPH = re.compile(r"^(Note|说明)[:：]")
# "which country …?": only a sentence that names one answers it
_COUNTRY_QUESTION = re.compile(r"\b(which|what|any) (country|countries)\b|哪个国家|哪些国家|哪国|什么国家|有国家",
                               re.IGNORECASE)
# A sentence that says it is not the Sourcebook's own ("Related UNEP sources (not the Sourcebook's table) …")
_BACKGROUND_SENTENCE = re.compile(r"not the Sourcebook|not a Sourcebook|非《信息指南》|不是《信息指南》")
# A sentence that says where it comes from, other than the Sourcebook: background too.
_FROM_NOTES = re.compile(r"\bresearch notes\b|^(Related|Other public) sources?\b|^A related source\b|"
                         r"^Context from\b|not from the Sourcebook|研究笔记|^相关资料|^其他公开资料", re.IGNORECASE)
# The parts of an obstacle item: the problem, and the options that answer a "how" question.
_PROBLEM_PARAGRAPH = re.compile(r"^(Obstacle|Challenge|障碍|挑战)[:：]")
_OPTION_PARAGRAPH = re.compile(r"^(Options?|选择)[:：]")
MAX_LEAD_CHARS = {"en": 300, "zh": 140}
# How far below a background sentence the Sourcebook's own may score and still lead instead.
BACKGROUND_MARGIN = 2.5
# Questions answered by a value; how far below the best sentence one that states it may score and
# still lead instead (always, when it is in the same citation).
VALUE_KINDS = ("amount", "count", "when")
VALUE_MARGIN = 5.0
# Acronyms a case title names as its topic, not as who the case is about (the six conventions,
# their plans and their focal points).
_TOPIC_ACRONYMS = frozenset({"NBSAP", "NBSAPS", "NFP", "NFPS", "CBD", "CITES", "CMS", "WHC", "ITPGRFA",
                             "GEF", "STAR"})
# Sentences about the item's own sources, not about the question.
_HEDGE = re.compile(r"not confirmed|(was|were) not (found|retrieved|available)|could not be (recovered|"
                    r"retrieved|found)|未得到确认|尚未得到确认|未查到|未能获得|无法获得|未能找到", re.IGNORECASE)
SNIPPET_CHARS = {"en": 320, "zh": 130}


@functools.lru_cache(maxsize=4096)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    """The sentence spans of a citation's text, computed once per text (every answer splits the
    same few hundred item texts, three times each: snippet, best sentence, lead)."""
    return tuple(sentence_spans(text))


def best_sentence(text: str, marks: tuple[tuple[int, int], ...], near: tuple[int, int] | None,
                  lang: str) -> tuple[int, int] | None:
    """The sentence of `text` that holds the most distinct matched words (`marks`, spans in
    `text`); ties go to the sentence inside `near` (the chunk the dense retrieval found closest),
    then to the earlier one (items state their point first). None when `text` has no sentence."""
    spans = _spans(text)
    if not spans:
        return None

    def rank(i: int) -> tuple[int, int, int]:
        a, b = spans[i]
        words = {text[s:e].lower() for s, e in marks if s >= a and e <= b}
        inside = near is not None and a >= near[0] and b <= near[1] + 1
        return len(words), int(inside), -i

    return spans[max(range(len(spans)), key=rank)]


def lead_sentence(text: str, span: tuple[int, int], lang: str) -> str:
    """The sentence without its label, shortened at a clause boundary when very long."""
    sentence = _LABEL.sub("", text[span[0]:span[1]]).strip()
    marker = _BACKGROUND_SENTENCE.search(sentence)
    if marker:  # "Map …, as Brazil did; related sources (not the Sourcebook's table) …": its own part
        cut = max(sentence.rfind(m, 0, marker.start()) for m in ("；", "; "))
        if cut > 0:
            sentence = sentence[:cut].rstrip() + ("。" if lang == "zh" else ".")
    sentence = _shortened(sentence, MAX_LEAD_CHARS["zh" if lang == "zh" else "en"])
    if sentence and sentence[0].isalpha() and sentence[0].islower():
        sentence = sentence[0].upper() + sentence[1:]
    # "One such online reporting system was developed for AEWA" -> "An online reporting system …"
    such = re.match(r"^One such (\w)", sentence)
    if such:
        sentence = ("An " if such.group(1).lower() in "aeiou" else "A ") + sentence[len("One such "):]
    return sentence


def _shortened(sentence: str, limit: int) -> str:
    """The sentence cut at its last clause boundary before `limit` (or at `limit`), marked "…"."""
    if len(sentence) <= limit:
        return sentence
    cut = max(sentence.rfind(m, 0, limit) for m in ("；", "; ", "，", ", "))
    if cut <= limit // 2:  # no clause boundary late enough: at a word boundary, else anywhere
        space = sentence.rfind(" ", 0, limit)
        cut = space if space > limit // 2 else limit
    return sentence[:cut].rstrip(" ,;，；") + "…"


def sentence_snippet(text: str, marks: tuple[tuple[int, int], ...],
                     near: tuple[int, int] | None, lang: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Whole sentences from the best-matching one on, up to a length; marks shifted into it."""
    spans = _spans(text)
    first = best_sentence(text, marks, near, lang)
    if first is None:
        return text, marks
    limit = SNIPPET_CHARS["zh" if lang == "zh" else "en"]
    i = spans.index(first)
    start, end = first
    j = i + 1
    while j < len(spans) and spans[j][1] - start <= limit:  # following sentences while they fit
        end = spans[j][1]
        j += 1
    inside = tuple((s - start, e - start) for s, e in marks if s >= start and e <= end)
    return text[start:end], inside


def marks_in(text: str, snippet: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """Every occurrence in `text` of the words a backend marked in its snippet of `text` (the
    snippet is a window: the best sentence may lie outside it)."""
    words = {snippet[s:e].lower() for s, e in spans if e > s}
    lower = text.lower()
    found = set()
    for word in words:
        at = lower.find(word)
        while at >= 0:
            found.add((at, at + len(word)))
            at = lower.find(word, at + len(word))
    return tuple(sorted(found))


@dataclass(frozen=True, slots=True)
class Evidence:
    """A citation with what the search found in it: the matched word spans of its text and the
    chunk the dense retrieval found closest; `usable`: whether its text is in the answer language."""

    citation: Citation
    marks: tuple[tuple[int, int], ...] = ()
    near: tuple[int, int] | None = None
    usable: bool = True


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
    for c in found:
        c.score += sum(1.5 * math.log(1 + len(found) / df[w]) / math.log(1 + len(found)) for w in c.words)
    found.sort(key=lambda c: -c.score)
    if found[0].background:
        # the Sourcebook's own sentence leads where one answers about as well (names as much of
        # what was asked, scores nearly as high); background only where none does
        top = found[0]
        own = next((c for c in found if not c.background and c.covers >= top.covers
                    and c.answers >= top.answers and c.score > max(0.0, top.score - BACKGROUND_MARGIN)), None)
        if own is not None:
            found.remove(own)
            found.insert(0, own)
    limit = MAX_LEAD_CHARS["zh" if lang == "zh" else "en"]
    if kind in VALUE_KINDS and not found[0].answers:
        # "how much / how many / when": the sentence with the value answers; the one that only
        # names the subject is written in beside it where it fits
        top = found[0]
        value = next((c for c in found if c.answers and (c.number == top.number or
                                                         c.score > top.score - VALUE_MARGIN)), None)
        if value is not None:
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
            cut = _shortened(naming[0].sentence, room) if room >= limit // 5 else ""
            if any(n in cut.lower() for n in naming[0].subject) and not _same(cut, first.sentence):
                chosen.append(replace(naming[0], sentence=cut))
        elif naming:  # both do not fit: the one that names it
            chosen[0] = first = naming[0]
    for c in found[1:]:
        if len(chosen) >= most:
            break
        if (c.score < max(1.0, first.score * 0.7) or (c.background and not first.background)
                or c in chosen or not fits(c)):
            continue
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
            text = labels["background"] + text
            labelled = True
        parts.append(f"{text}{sep}[{c.number}]")
    return sep.join(parts)


@dataclass(frozen=True, slots=True)
class _Sentence:
    """What a text's sentence is, whatever the question: its span, its wording in the lead and the
    marks it carries (label paragraph, background, dangling reference, hedge)."""

    index: int
    start: int
    end: int
    sentence: str
    low: str
    opens_paragraph: bool
    background: bool
    dangling: bool
    hedge: bool
    option: bool   # in an "Options:" paragraph
    problem: bool  # in an "Obstacle:" paragraph


@functools.lru_cache(maxsize=4096)
def _sentences(text: str, lang: str, is_background: bool) -> tuple[_Sentence, ...]:
    """The lead candidates of a text, read once per text: the question only changes their
    scores. A sentence that points back ("It received…", "This work is carried out by UNESCO…")
    is written in after the sentence it points to, as one candidate, or not at all: its
    referent must be in the lead."""
    paragraphs = [m.start() for m in re.finditer(r"[^\n]+", text)]
    out: list[_Sentence] = []
    prev: _Sentence | None = None
    sep = "" if lang == "zh" else " "
    for i, (a, b) in enumerate(_spans(text)):
        start = max((p for p in paragraphs if p <= a), default=0)
        head = text[start:][:60]
        if _NOTE_PARAGRAPH.match(head) or b - a < 12:
            continue
        background = is_background or bool(_BACKGROUND_PARAGRAPH.match(head))
        sentence = lead_sentence(text, (a, b), lang)
        if not sentence:
            continue
        background = background or bool(_BACKGROUND_SENTENCE.search(sentence) or _FROM_NOTES.search(sentence)
                                        or _FROM_NOTES.match(text[a:b]))  # its label says so
        current = _Sentence(i, a, b, sentence, sentence.lower(), a == start, background,
                            dangling(sentence), bool(_HEDGE.search(sentence)),
                            bool(_OPTION_PARAGRAPH.match(head)), bool(_PROBLEM_PARAGRAPH.match(head)))
        room = MAX_LEAD_CHARS["zh" if lang == "zh" else "en"] - len(sep) - (len(prev.sentence) if prev else 0)
        if current.dangling:
            # written in after its referent, shortened at a clause to fit when need be
            if (prev is not None and not prev.dangling and prev.index == i - 1 and not prev.sentence.endswith("…")
                    and room >= min(len(sentence), 60)):
                both = prev.sentence + sep + _shortened(sentence, room)
                out.append(_Sentence(i, prev.start, b, both, both.lower(), prev.opens_paragraph,
                                     prev.background or background, False, prev.hedge or current.hedge,
                                     current.option, current.problem))
        else:
            out.append(current)
        prev = current
    return tuple(out)


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
    out = []
    for s in _sentences(text, lang, e.citation.is_background):
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
                              subject))
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
    return bool(names) and _names_pattern(names).search(low) is not None


@functools.lru_cache(maxsize=8)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted(names, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) if re.search(r"[\u4e00-\u9fff]", n)
                               else rf"(?<![a-z]){re.escape(n)}(?![a-z])" for n in alternatives))


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
