"""The lead of an answer: one or two sentences taken from the top citations, each marked [n], and
snippets that start and end at sentence boundaries.

Extractive on purpose: every word of the lead is the knowledge base's own, so nothing is said that
a citation does not say. A sentence is chosen for the words of the question it holds (the matched
spans BM25F found) and, when there are none, for being in the passage's chunk the dense retrieval
found closest; labels such as "What the Sourcebook says (theme 1, …):" are left to the citation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.foundation.answers import Citation
from index.sentences import sentence_spans

# "What the Sourcebook says (theme 2, information management and reporting): Uganda has ..."
_LABEL = re.compile(r"^(What the Sourcebook says|Obstacle|Challenge|Options?|Background \(not a Sourcebook"
                    r" case\))[^:：]{0,80}[:：]\s*|^(《信息指南》[^：:]{0,30}|障碍|挑战|选择)[：:]\s*")
MAX_LEAD_CHARS = {"en": 360, "zh": 150}
SNIPPET_CHARS = {"en": 320, "zh": 130}


def best_sentence(text: str, marks: tuple[tuple[int, int], ...], near: tuple[int, int] | None,
                  lang: str) -> tuple[int, int] | None:
    """The sentence of `text` that holds the most distinct matched words (`marks`, spans in
    `text`); ties go to the sentence inside `near` (the chunk the dense retrieval found closest),
    then to the earlier one (items state their point first). None when `text` has no sentence."""
    spans = sentence_spans(text)
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
    limit = MAX_LEAD_CHARS["zh" if lang == "zh" else "en"]
    if len(sentence) > limit:
        cut = max(sentence.rfind(m, 0, limit) for m in ("；", "; ", "，", ", "))
        sentence = (sentence[:cut] if cut > limit // 2 else sentence[:limit].rstrip()) + "…"
    if sentence and sentence[0].isalpha() and sentence[0].islower():
        sentence = sentence[0].upper() + sentence[1:]
    return sentence


def sentence_snippet(text: str, marks: tuple[tuple[int, int], ...],
                     near: tuple[int, int] | None, lang: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Whole sentences from the best-matching one on, up to a length; marks shifted into it."""
    spans = sentence_spans(text)
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


def compose_lead(cited: Sequence[tuple[Citation, tuple[int, int] | None]], lang: str,
                 most: int = 2) -> str:
    """The best sentence of the first citation and, when it adds something and fits, of the
    second; each followed by its citation number."""
    parts: list[tuple[str, int]] = []
    limit = MAX_LEAD_CHARS["zh" if lang == "zh" else "en"] * 3 // 2
    for number, (citation, span) in enumerate(cited[:most], 1):
        if span is None:
            continue
        sentence = lead_sentence(citation.text, span, lang)
        if not sentence or any(sentence == p for p, _ in parts):
            continue
        if parts and sum(len(p) for p, _ in parts) + len(sentence) > limit:
            break
        parts.append((sentence, number))
    sep = "" if lang == "zh" else " "
    return sep.join(f"{s}{sep}[{n}]" for s, n in parts)
