"""English contractions written out, so that a question's form reads the same however it is typed.

The form detectors (what a question asks for, its focus, its slot) read "what is the X of Y" and
"who is"; people type "what's the weather in Geneva?" and "who's Nepal's focal point?". Only the
contractions of "is", "are", "have", "will", "am" and "would" are written out: a possessive ("Nepal's
focal point") stays as it is, and so does a negation ("can't we share data?" keeps the order of "can
we").
"""

from __future__ import annotations

import re

_APOSTROPHE = "['’]"
# "'s" is "is" only after these words ("what's", "it's"); after a name it is a possessive
_IS_AFTER = r"what|who|where|when|why|how|that|it|there|here|this|which|she|he"
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b({_IS_AFTER}){_APOSTROPHE}s\b", re.IGNORECASE), r"\1 is"),
    (re.compile(rf"\b([a-z]+){_APOSTROPHE}re\b", re.IGNORECASE), r"\1 are"),
    (re.compile(rf"\b([a-z]+){_APOSTROPHE}ve\b", re.IGNORECASE), r"\1 have"),
    (re.compile(rf"\b([a-z]+){_APOSTROPHE}ll\b", re.IGNORECASE), r"\1 will"),
    (re.compile(rf"\bi{_APOSTROPHE}m\b", re.IGNORECASE), "I am"),
    (re.compile(rf"\b(i|we|you|they|he|she){_APOSTROPHE}d\b", re.IGNORECASE), r"\1 would"),
)
_ANY = re.compile(_APOSTROPHE)


def spelled_out(text: str) -> str:
    """`text` with those contractions written out ("what's" -> "what is", "we're" -> "we
    are"); anything else unchanged."""
    if not _ANY.search(text):
        return text
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    return text
