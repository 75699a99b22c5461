"""Whether a new question of a conversation asks the last one again in other words: the sign that
the last answer did not serve (the content-gap report's "weak answer" signal, issue 23).

Compared on the index's own analysis (jieba for Chinese, stemming and stop words for English). A
question asks again when it brings no content term of its own and keeps at least half of the old
question's: "How was the NBSAP of Bhutan revised?" asks "How did Bhutan revise its NBSAP?" again,
"Who was on Bhutan's NBSAP revision team?" (a team) and "How much did it cost?" do not. Terms match
loosely, as stems of one word do ("revis" / "reviz") and as a Chinese compound holds a shorter
term ("国家生物多样性战略" / "战略"). Precision over recall: a signal, not a verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

KEEP_SHARE = 0.5     # of the old question's terms the new one must keep
STEM_PREFIX = 4      # letters two English stems share to be taken as one word

Analyzer = Callable[..., Iterable]


def content_terms(analyzer: Analyzer, text: str) -> frozenset[str]:
    """The terms of `text` as the index analyses a query (no sub-word pieces)."""
    return frozenset(t.text for t in analyzer(text, mode="query")
                     if not getattr(t, "subword", False))


def asks_again(analyzer: Analyzer, previous: str, question: str) -> bool:
    """True when `question` asks `previous` again, in other words or the same ones."""
    old, new = content_terms(analyzer, previous), content_terms(analyzer, question)
    if not old or not new:
        return False
    if any(not any(_same(term, o) for o in old) for term in new):
        return False        # it asks about something more
    kept = sum(any(_same(o, term) for term in new) for o in old)
    return kept >= KEEP_SHARE * len(old)


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.isascii() and b.isascii():
        return len(a) >= STEM_PREFIX and len(b) >= STEM_PREFIX and a[:STEM_PREFIX] == b[:STEM_PREFIX]
    return len(a) >= 2 and len(b) >= 2 and (a in b or b in a)
