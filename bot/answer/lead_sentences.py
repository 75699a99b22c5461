"""The sentences of a citation's text, whatever the question: their spans, their wording in a lead
(label left to the citation, cut at a clause when long), the snippet around the best-matching one,
and what each sentence is (background, a pointing-back reference written in after its referent, a
hedge about the item's own sources, part of an obstacle's problem or of its options).
bot/answer/lead.py scores them for a question."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from bot.answer.question_form import dangling
from index.sentences import sentence_spans

# "What the Sourcebook says (theme 2, information management and reporting): Uganda has ..."
_LABEL = re.compile(r"^(What the Sourcebook says|Obstacle|Challenge|Options?|Background \(not a Sourcebook"
                    r" case\)|Supporting facts[^:：]{0,40}|Context from [^:：]{0,40}|Note)[^:：]{0,160}[:：]\s*|"
                    r"^(《信息指南》[^：:]{0,60}|障碍|挑战|选择|其他公开资料[^：:]{0,80}|背景信息[^：:]{0,40}|说明)[：:]\s*")
# Paragraphs that are not the Sourcebook's own content: research notes, and notes on the item itself.
_BACKGROUND_PARAGRAPH = re.compile(r"^(Supporting facts|Background|Related|其他公开资料|背景信息|相关)")
_NOTE_PARAGRAPH = re.compile(r"^(Note|说明)[:：]")
# A sentence that says it is not the Sourcebook's own ("Related UNEP sources (not the Sourcebook's table) …")
_BACKGROUND_SENTENCE = re.compile(r"not the Sourcebook|not a Sourcebook|非《信息指南》|不是《信息指南》")
# A sentence that says where it comes from, other than the Sourcebook: background too.
_FROM_NOTES = re.compile(r"\bresearch notes\b|^(Related|Other public) sources?\b|^A related source\b|"
                         r"^Context from\b|not from the Sourcebook|研究笔记|^相关资料|^其他公开资料", re.IGNORECASE)
# The parts of an obstacle item: the problem, and the options that answer a "how" question.
_PROBLEM_PARAGRAPH = re.compile(r"^(Obstacle|Challenge|障碍|挑战)[:：]")
_OPTION_PARAGRAPH = re.compile(r"^(Options?|选择)[:：]")
MAX_LEAD_CHARS = {"en": 300, "zh": 140}
# A sentence that opens with the item's own possessive ("Its main output…", "其主要成果…"), or
# points at the item by its kind ("该协定的在线报告格式…")
ITS = re.compile(r"^((?P<it>It) (?=[a-z])|Its (?=[a-z])|其(?=[\u4e00-\u9fff])|(?P<this>该(?P<kind>协定|公约|条约|项目|委员会|网络|倡议|伙伴关系|"
                 r"数据库)))")
# Between two sentences of one lead candidate that a label separates in the text: the lead writes
# the citation's number there too (bot/answer/lead.py).
SAME_CITATION = "\x1f"
# Sentences about the item's own sources, not about the question.
_HEDGE = re.compile(r"not confirmed|(was|were) not (found|retrieved|available)|could not be (recovered|"
                    r"retrieved|found)|未得到确认|尚未得到确认|未查到|未能获得|无法获得|未能找到", re.IGNORECASE)
SNIPPET_CHARS = {"en": 320, "zh": 130}
# A linking phrase that opens a sentence without saying anything of its own.
_LINK = re.compile(r"^(on the (latter|former) point|in addition|moreover|furthermore|besides|likewise|also|"
                   r"at the same time)\s*,\s*|^(关于后者|关于前者|此外|另外|同时|与此同时)[，,]\s*", re.IGNORECASE)


# A purpose clause opening a sentence: left out of a sentence too long for the lead, whose main
# clause then keeps its end ("… process of allocating national biodiversity funds (the STAR allocation)")
_PURPOSE = re.compile(r"^(To|In order to|With a view to) [^,;]{10,140}, (?=[a-z])|^为了?[^，；。]{4,40}，")


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
    # "Map …, as Brazil did; related sources (not the Sourcebook's table) …": its own part
    cut = _label_cut(sentence)
    close = _closing_bracket(sentence, cut) if cut > 0 else -1
    if close > 0:  # "…试点项目（FNR_Rio；属相关资料，并非…）得出结论：…": only the aside's label goes
        sentence = sentence[:cut].rstrip() + sentence[close:]
    elif cut > 0:
        sentence = sentence[:cut].rstrip() + ("。" if lang == "zh" else ".")
    limit = MAX_LEAD_CHARS["zh" if lang == "zh" else "en"]
    purpose = _PURPOSE.match(sentence) if len(sentence) > limit else None
    if purpose:  # too long: the main clause without its purpose ("To build understanding …, NFPs should …")
        sentence = sentence[purpose.end():]
        sentence = sentence[0].upper() + sentence[1:]
    sentence = shortened(sentence, limit)
    if sentence and sentence[0].isalpha() and sentence[0].islower():
        sentence = sentence[0].upper() + sentence[1:]
    # "On the latter point, the Sourcebook says…", "此外，…": the statement stands without its link
    link = _LINK.match(sentence)
    if link and len(sentence) - link.end() >= 20:
        sentence = sentence[link.end():]
        sentence = sentence[0].upper() + sentence[1:] if sentence[0].islower() else sentence
    # "One such online reporting system was developed for AEWA" -> "An online reporting system …"
    such = re.match(r"^One such (\w)", sentence)
    if such:
        sentence = ("An " if such.group(1).lower() in "aeiou" else "A ") + sentence[len("One such "):]
    return sentence


def _labelled_aside(sentence: str) -> int:
    """Where the bracketed aside that labels the sentence as related sources closes ("…项目
    （FNR_Rio；属相关资料，并非《信息指南》表格内容）得出结论…"); -1 when the label is no aside."""
    cut = _label_cut(sentence)
    return _closing_bracket(sentence, cut) if cut > 0 else -1


def _label_cut(sentence: str) -> int:
    """Where the clause labelling the sentence as related sources begins: the last semicolon
    before the label (-1 when there is no label, or no semicolon before it)."""
    marker = _BACKGROUND_SENTENCE.search(sentence)
    return max(sentence.rfind(m, 0, marker.start()) for m in ("；", "; ")) if marker else -1


def _closing_bracket(sentence: str, at: int) -> int:
    """Where the bracket open at `at` closes (-1 when `at` is inside no bracket)."""
    depth = sum(1 if ch in "（(" else -1 if ch in "）)" else 0 for ch in sentence[:at])
    if depth <= 0:
        return -1
    for i in range(at, len(sentence)):
        depth += 1 if sentence[i] in "（(" else -1 if sentence[i] in "）)" else 0
        if depth == 0:
            return i
    return -1


def shortened(sentence: str, limit: int) -> str:
    """The sentence without its long asides in brackets (an ISBN, a document number) when that
    makes it fit, else cut at its last clause boundary before `limit` (or at `limit`), marked "…"."""
    if len(sentence) <= limit:
        return sentence
    bare = sentence
    for aside in sorted((a for a in _ASIDE.findall(sentence) if _REFERENCE.search(a) and not _AMOUNTS.search(a)),
                        key=len, reverse=True):
        bare = bare.replace(aside, "", 1)
        if len(bare) <= limit:
            return re.sub(r"\s+([,.;，。；])", r"\1", bare)
    cut = max(sentence.rfind(m, 0, limit) for m in ("；", "; ", "，", ", "))
    if cut <= limit // 2:  # no clause boundary late enough: at a word boundary, else anywhere
        space = sentence.rfind(" ", 0, limit)
        cut = space if space > limit // 2 else limit
    return sentence[:cut].rstrip(" ,;，；") + "…"


# An aside in brackets long enough to be a reference rather than a name ("（ISBN 978-92-…）", "(document
# GEF/C.46/05/Rev.01)"); short ones ("(NBDB)", "（CAES）") name what they follow and stay
_ASIDE = re.compile(r"\s?[（(][^（）()]{12,}[）)]")
# (one holding a reference number, not a list of names that may be the answer: "(CITES, CMS, ITPGRFA,
# Ramsar and WHC)"; nor one that gives amounts: "(US$3 million climate change, US$2 million …)")
_REFERENCE = re.compile(r"\d")
_AMOUNTS = re.compile(r"US\$|€|£|%|美元|万|亿|\bmillion\b|\bbillion\b")


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


# A sentence that opens with a name and its acronym ("The National Biodiversity Data Bank (NBDB) was
# set up …"), and the "It" of the next one, which that acronym may stand for.
_NAMED_SUBJECT = re.compile(r"^(The )?[A-Z][\w-]*(?: (?:[A-Z][\w-]*|of|for|and|the|on)){1,8} \(([A-Z][A-Za-z]{1,9})\)"
                            r" (?:was|is|has|had|were|are)\b")
_IT = re.compile(r"^It (?=[a-z])")
# "The workshop took place in Douala …. It was hosted by …": "The workshop was hosted by …"
_THE_THING = re.compile(r"^(?:The|This) ((?:[a-z][\w-]* ){0,2}[a-z][\w-]*) (?:was|is|has|had|took|met|began|started|"
                        r"ran|brought|covered|received|held)\b")


def _named_it(previous: str, sentence: str) -> str:
    """`sentence` with its opening "It" replaced by the acronym its previous sentence opens with
    ("It holds…" -> "The NBDB holds…"), or by the thing it opens with ("The workshop took place…":
    "The workshop was hosted…"); "" when the previous sentence opens with neither."""
    if not _IT.match(sentence):
        return ""
    m = _NAMED_SUBJECT.match(previous)
    if m is not None:
        return f"{m.group(1) or ''}{m.group(2)} {sentence[3:]}"
    thing = _THE_THING.match(previous)
    return f"The {thing.group(1)} {sentence[3:]}" if thing else ""


# In an added document, "This report was written by …" speaks of the document itself, which the
# lead names ("From “…”: This report …"): no reference left unresolved
_THE_DOCUMENT_ITSELF = re.compile(r"^(this|the present) (report|document|paper|study|article|review|rule|"
                                  r"proposed rule|directive|notice|chapter|section|plan|strategy)\b|"
                                  r"^(此|该|这份|这篇|本)(报告|文件|论文|研究|文章|规定|计划|战略)", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def lead_sentences(text: str, lang: str, is_background: bool, document: bool = False) -> tuple[_Sentence, ...]:
    """The lead candidates of a text, read once per text: the question only changes their
    scores. A sentence that points back ("It received…", "This work is carried out by UNESCO…")
    is written in after the sentence it points to, as one candidate, or not at all: its
    referent must be in the lead (in a `document`, "this report" is the document itself)."""
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
                                        or _FROM_NOTES.match(text[a:b])  # its label says so
                                        or _labelled_aside(text[a:b]) > 0)  # (an aside's label: all of it)
        current = _Sentence(i, a, b, sentence, sentence.lower(), a == start, background,
                            dangling(sentence) and not (document and _THE_DOCUMENT_ITSELF.match(sentence)),
                            bool(_HEDGE.search(sentence)),
                            bool(_OPTION_PARAGRAPH.match(head)), bool(_PROBLEM_PARAGRAPH.match(head)))
        room = MAX_LEAD_CHARS["zh" if lang == "zh" else "en"] - len(sep) - (len(prev.sentence) if prev else 0)
        if current.dangling:
            # written in after its referent, shortened at a clause to fit when need be
            # (across a label, "Obstacle: …burden. Options: This provides…", as two sentences of the
            # lead: the label between them is left out, and each stays the citation's own words)
            if (prev is not None and not prev.dangling and prev.index == i - 1 and not prev.sentence.endswith("…")
                    and room >= min(len(sentence), 60)):
                labelled = prev.start < start and _LABEL.match(text[a:b]) is not None
                both = prev.sentence + (SAME_CITATION if labelled else sep) + shortened(sentence, room)
                out.append(_Sentence(i, prev.start, b, both, both.lower(), prev.opens_paragraph,
                                     prev.background or background, False, prev.hedge or current.hedge,
                                     # the problem restated first is still the problem restated
                                     current.option and not prev.problem, prev.problem or current.problem))
                if room < len(sentence) and (named := _named_it(prev.sentence, sentence)):
                    # cut to fit beside its referent, it may still stand whole with the name written in
                    out.append(replace(current, sentence=named, low=named.lower(), dangling=False))
                elif room < len(sentence) and ITS.match(sentence):  # ("It is hosted by FAO in Rome": the
                    out.append(current)                           # item's own name, lead_candidates)
            elif ITS.match(sentence):  # "其主要成果是…": the item's own name may be written in (lead_candidates)
                out.append(current)
            elif prev is not None and prev.index == i - 1 and (named := _named_it(prev.sentence, sentence)):
                # "The National Biodiversity Data Bank (NBDB) was set up…. It holds…": "The NBDB holds…"
                out.append(replace(current, sentence=named, low=named.lower(), dangling=False))
        else:
            out.append(current)
        prev = current
    return tuple(out)
