"""The lead of an answer: one or two sentences taken from the top citations, each marked [n]
(their sentences, and snippets that start and end at sentence boundaries: lead_sentences.py).

Extractive on purpose: every word of the lead is the knowledge base's own, so nothing is said that
a citation does not say. A sentence is chosen for how well it answers (bot/answer/question_form.py:
the option for a "how" question, the name for a "who / which country", the amount for a "how
much"), for the words of the question it holds (the matched spans BM25F found) and for being in the
chunk the dense retrieval found closest; the Sourcebook's own paragraphs come before background
research, which leads only where nothing else answers and is then labelled (it may follow as the
second sentence where it names a thing the question names that the first does not). Sentences that open
with an unresolved reference ("It is…", "该…") or repeat one already chosen are passed over;
labels such as "What the Sourcebook says (theme 1, …):" are left to the citation. A lead from an
added document names the document; a lead about a case names its country or organisation (a
sentence that names it beside the answer, or its name written in as the case's title writes it).
The candidate sentences and their scores for one question are bot/answer/lead_candidates.py's;
this module chooses among them and writes the lead.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from bot.answer.lead_candidates import (
    FACT_KINDS,
    MOST_ASKED,
    Candidate,
    Evidence,
    candidates,
    closest,
    mentions,
)
from bot.answer.lead_sentences import (
    MAX_LEAD_CHARS,
    SAME_CITATION,
    marks_in,
    sentence_snippet,
    shortened,
)
from bot.answer.question_form import asked_cues, asks_place, fit, question_kind
from bot.answer.topics import finder_for
from bot.knowledge import Knowledge
from index import has_han

__all__ = ["Evidence", "closest", "compose_lead", "marks_in", "question_concepts", "sentence_snippet"]

# A background sentence's own label ("Background facts …: it was signed …"): the lead's label
# replaces it, with the item's name written in for its "it" / "该公约".
_SELF_LABEL = re.compile(r"^(Background facts from the research notes, not from the Sourcebook|"
                         r"以下为研究资料中的背景事实，并非《信息指南》的内容)[:：]\s*")
_ITS_NAME = re.compile(r"^(it|该公约|该条约)(?=\s|于|由)")
# How far below a background sentence the Sourcebook's own may score and still lead instead.
BACKGROUND_MARGIN = 2.5
# Questions answered by a value (lead_candidates.VALUE_KINDS): how far below the best sentence one
# that states it may score and still lead instead (always, when it is in the same citation).
VALUE_MARGIN = 5.0
# A count's form score (question_form.fit) when its number counts the noun the question counts.
COUNTS_ASKED = 3.0
# How far below the best sentence one the dense retrieval finds closer may score and still lead
# (an open or "how" question, between otherwise equal sentences).
CLOSEST_MARGIN = 2.0
# A sentence cut short ("…") within this many characters after the words that say what was asked
# has lost the answer they introduce ("… and organised by UNEP's Division…").
CUT_AFTER_CUE = 40
CUT_AFTER_CUE_HAN = 10   # (Chinese says as much in a quarter of the characters)


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
    followed by its citation number; when only documents in the other language are cited, their
    sentences in that language; "" when none has a sentence.
    `labels`: "background" (prefix of a background lead) and "document" (names a document,
    with {title}); `concepts`: the things the question names (a glossary entry's names in both
    languages each): a sentence that names more of them answers more of the question."""
    kind = question_kind(question)
    low = question.lower()
    asked = tuple(n for n in names if n in low) + tuple(
        a.lower() for a in re.findall(r"\b[A-Z][A-Za-z]*[A-Z]{2,}\b", question))
    groups = [tuple(n.lower() for n in g) for g in concepts if g]
    groups += [(a,) for a in asked if not any(a in g for g in groups)]

    def sentences(read: Callable[[Evidence], bool], lang: str) -> list[Candidate]:
        return [c for n, e in enumerate(evidence[:depth], 1) if read(e)
                for c in candidates(e, n, lang, kind, tuple(groups), question, names)]

    found = sentences(lambda e: e.usable, lang)
    if not found and evidence and not evidence[0].usable and evidence[0].citation.lang in ("en", "zh"):
        # only a document in the other language answers (an English question about a Chinese
        # report): its own sentence, in its own language, under the document's name, says more
        # than "here is what the document says"
        lang = evidence[0].citation.lang or lang
        found = sentences(lambda e: not e.usable and e.citation.lang == lang, lang)
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
        c.rarity = sum(1.0 / held[i] for i in c.asked if 2 * held[i] <= len(found))
        c.score += 1.0 * c.asks
        c.score += sum(1.5 * math.log(1 + len(found) / df[w]) / math.log(1 + len(found)) for w in c.words)
    defining = kind is None and _DEFINITION.search(question.strip()) is not None
    for c in found:
        if _PROVENANCE.search(c.sentence):  # where an item stands is the label's to say, not the lead's
            c.score -= PROVENANCE_PENALTY + (DEFINES_BONUS if defining else 0.0)
        elif defining and _DEFINES.search(c.sentence) and (c.covers or not groups):
            # "Tell me about CMS": the sentence saying what it is ("CMS … is one of the six …"), of
            # what the question names ("the CBD is one of the six" does not say what the BLG is)
            c.score += DEFINES_BONUS
    found.sort(key=lambda c: -c.score)
    if kind in ("how", None):
        _prefer_closest(found, defining)
    if found[0].background:
        # the Sourcebook's own sentence leads where one answers about as well (names as much of
        # what was asked, scores nearly as high); background only where none does
        top = found[0]
        own = next((c for c in found if not c.background and c.covers >= top.covers and c.asks >= top.asks
                    and c.answers >= top.answers and c.of_kind >= top.of_kind
                    and c.score > max(0.0, top.score - BACKGROUND_MARGIN)), None)
        if own is not None:
            found.remove(own)
            found.insert(0, own)
    elif kind not in FACT_KINDS and not found[0].answers:
        # no Sourcebook sentence says what was asked ("其主要成果是…" only in the research notes):
        # the background sentence that does leads, labelled
        top = found[0]
        telling = next((c for c in found if c.background and c.answers and c.covers >= top.covers
                        and c.score > top.score - BACKGROUND_MARGIN), None)
        if telling is not None:
            found.remove(telling)
            found.insert(0, telling)
    limit = MAX_LEAD_CHARS["zh" if lang == "zh" else "en"]
    if not any(c.answers for c in found):
        # "which organisation …?" where no sentence says who by a cue or an office: one that names
        # a body by its name answers ("The work was documented by UNEP-WCMC"), if it scores nearly
        # as high as the best
        for c in found:
            c.answers = c.body and c.score > found[0].score - VALUE_MARGIN and c.asks >= found[0].asks
    if kind in FACT_KINDS:
        # "how much / how many / when / who hosts / where": the sentence with the value, the name
        # or the place answers, the one saying what was asked ("signed") before one with any date,
        # in the best citation; the one that only names the subject is written in beside it. A date
        # is asked of an act ("since when", "finalised", "set up"): the sentence dating that act
        # comes before one sharing more of the question's words ("the Act (2000) requires …")
        top = found[0]
        cues = () if asks_place(question) else asked_cues(question)  # (a place comes before "hosted by …")

        def about(c: Candidate) -> bool:
            # from a better-ranked item about what the question names, where the best sentence's is
            # not ("who funded DaRT?" is not answered by who funded the Sourcebook, citation 3)
            return c.number < top.number and any(n in g for g in groups for n in c.subject) and \
                not any(n in g for g in groups for n in top.subject)

        def whole(c: Candidate) -> bool:  # not "… organised by UNEP's Division…": what it says is cut off
            after = CUT_AFTER_CUE_HAN if has_han(c.sentence) else CUT_AFTER_CUE
            return not c.sentence.endswith("…") or not any(
                m.end() > len(c.sentence) - after for p in cues for m in p.finditer(c.sentence))

        value = max((c for c in found if c.answers and (c.number == top.number or
                                                        c.score > top.score - VALUE_MARGIN)),
                    # ("which universities …": one naming a university before one cued by "编写")
                    key=lambda c: (c.local, c.of_kind, about(c), whole(c), c.cued and kind == "when",
                                   kind == "count" and c.form >= COUNTS_ASKED, c.asks, c.rarity, -c.number, c.score),
                    default=None)
        # a count: the number that counts what was asked ("send four participants") before any
        # number ("eight countries")
        counted = [c for c in found if kind == "count" and c.form >= COUNTS_ASKED and c.asks >= top.asks
                   and c.number == top.number and top.form < COUNTS_ASKED]
        value = max(counted, key=lambda c: (c.asks, c.rarity, c.score)) if counted else value
        if value is not None and value is not top and (not top.answers or value.asks > top.asks or counted
                                                       or value.local > top.local or value.of_kind > top.of_kind
                                                       or (whole(value) and not whole(top) and value.asks >= top.asks)
                                                       or about(value)
                                                       or (value.asks == top.asks and value.rarity > top.rarity
                                                           and value.form >= top.form)
                                                       or (kind == "when" and value.cued > top.cued)):
            found.remove(value)
            found.insert(0, value)
    chosen = [found[0]]

    def fits(c: Candidate) -> bool:
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
            head = _first_sentence(first.sentence)
            if room < limit // 5 and _says_as_much(head, first.sentence, kind, question):
                # no room: the answer without the sentence joined to it, when it still answers
                first = chosen[0] = replace(first, sentence=head)
                room = limit - len(first.sentence) - 1
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
        # (when the lead names none of what the question names, any sentence that does may add it)
        share = 0.0 if added and not said else 0.5 if added else 0.7
        if (c.score < max(1.0, first.score * share) or c in chosen
                or (c.background and not first.background and not added)
                or _PROVENANCE.search(c.sentence)):  # (the lead's label says where it stands)
            continue
        if not fits(c):  # cut to fit, when it still names what it adds (from the research notes
            # beside the Sourcebook's own, past the limit by half: only it names that thing)
            extra = limit // 2 if c.background and not first.background else 0
            room = limit + extra - sum(len(p.sentence) + 1 for p in chosen)
            cut = shortened(c.sentence, room) if added and room >= limit // 4 else ""
            if not any(mentions(n, cut.lower()) for g in added for n in g) or any(_same(cut, p.sentence) for p in chosen):
                continue
            c = replace(c, sentence=cut)
        chosen.append(c)
    # in the order of their citations and texts; the value a one-fact question asks for first
    # ("哪一年成立的": the sentence with 1992, then the one naming the commission)
    value_first = kind in FACT_KINDS and first.answers and first in chosen
    chosen.sort(key=lambda c: (not (value_first and c is first), c.number, c.start))
    if first.subject and first in chosen and not any(c.names_subject for c in chosen) \
            and not _SELF_LABEL.match(first.sentence) and (name := _subject_name(first)):
        # no sentence of the lead names whom its case is about: the name is written in, as the
        # case's title writes it ("South Africa: The first NBSAP was prepared by …")
        chosen[chosen.index(first)] = replace(first, sentence=name + ("：" if lang == "zh" else ": ") + first.sentence)
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
        parts.append(text.replace(SAME_CITATION, f"{sep}[{c.number}]{sep}") + f"{sep}[{c.number}]")
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


def _subject_name(c: Candidate) -> str:
    """Whom a case is about as its title writes it ("South Africa", "中部非洲", "COMIFAC"); ""
    when the title does not spell it."""
    low = c.title.lower()
    for n in c.subject:
        at = low.find(n)
        if at >= 0:
            return c.title[at:at + len(n)]
    return ""


def _first_sentence(text: str) -> str:
    """A candidate's first sentence, when it is a sentence joined to the one that points back at
    it ("The committee has 27 members… . It raised awareness…"); the text unchanged otherwise."""
    m = re.search(r"(?<=[a-z)][.;])\s+(?=[A-Z])|(?<=[。；])(?=.)", text)
    return text[:m.start()] if m and m.start() >= 20 else text


def _says_as_much(head: str, sentence: str, kind: str | None, question: str) -> bool:
    """Whether the first part of a candidate answers the question as well as all of it (the
    value, the cue: "27 members" is in the first sentence, "8,000 species" may be in the next)."""
    return head != sentence and fit(kind, head, question) >= fit(kind, sentence, question) and all(
        p.search(head) for p in asked_cues(question) if p.search(sentence))


# "What is the Ramsar Convention?", "什么是CMS？", "CONABIO是做什么的？": asks what a thing is
_DEFINITION = re.compile(r"^(?:what|who) (?:is|are) (?:the |an? )?[^,;:]{2,60}?\??$|^tell me about |"
                         r"^(?:什么是|何为|啥是)|是(?:什么|啥|干什么的|做什么的|干啥的)[？?]?$", re.IGNORECASE)


# A sentence that says what its subject is: "X (…) is one of the six …", "X is a related tool",
# "X 是……之一", "X 是一个……"
_DEFINES = re.compile(r"^(?:[^.;:()]|\([^)]*\)){2,250}?\b(is|are) (one of|an?|the)\b|"
                      r"^(?:[^。；：（）]|（[^）]*）){2,80}?是[^。；]{0,60}?(之一|的一个|一个|一项|一种)")
DEFINES_BONUS = 1.5
PROVENANCE_PENALTY = 1.0
# a sentence that says where an item stands, not what it is ("InforMEA is a related tool …, not one of
# the Sourcebook's case studies"): the lead's label says it already
_PROVENANCE = re.compile(r"\bnot (itself )?(one of )?(the Sourcebook's|its|a Sourcebook) (case|lesson)|"
                         r"\bnot part of the Sourcebook|不属于《信息指南》的案例|并非《信息指南》的案例|不是《信息指南》的案例")


def _prefer_closest(found: list[Candidate], defining: bool = False) -> None:
    """An open or "how" question: among the sentences that score nearly as high as the best and
    are its equal in what the lead must have (what the question names, the case's name, a country
    where one is asked for, the form of an answer), the one the dense retrieval finds closest in
    meaning leads. Word matching cannot tell "official duties" from "job descriptions"; meaning
    can, but only decides between sentences that are otherwise as good (a bigger dense weight
    everywhere lowered held-out figures)."""
    top = found[0]
    # (a question asking what a thing is keeps to the best citation: the item about that thing,
    # not a sentence elsewhere that names it in passing, "launched at the Ramsar COP12")
    equals = [c for c in found[1:] if c.score >= top.score - CLOSEST_MARGIN and c.closeness > top.closeness
              and (not defining or (c.number == top.number
                                    and (_DEFINES.search(c.sentence) or not _DEFINES.search(top.sentence))))
              and c.background == top.background and c.covers >= top.covers and c.answers >= top.answers
              and (c.names_subject or not top.names_subject) and c.form >= top.form
              and (c.country or not top.country)]
    if equals:
        best = max(equals, key=lambda c: c.closeness)
        found.remove(best)
        found.insert(0, best)




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
