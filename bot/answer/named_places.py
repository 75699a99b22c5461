"""Countries a question names that none of the candidate answers is about.

"Which ministry in Kenya is the Ramsar focal point?" matches the item on Ramsar focal points word
for word, and Kenya occurs in the knowledge (among a workshop's participants), so neither the
similarity nor the gap finder stops it; but no candidate says anything about Kenya, and answering
would present a general item as Kenya's. Such a country is treated like a name the corpus does not
know: the answer carries a caveat, and a question that asks *which* or *who* in that country is
declined, since its answer would be about somewhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.knowledge import GlossaryEntry
from index import has_han, to_simplified


class CountryNames:
    """The glossary's countries, by every name a question may use for them."""

    def __init__(self, glossary: Iterable[GlossaryEntry]) -> None:
        self._names = {entry.id: tuple(sorted({t.lower() for t in entry.terms}, key=len, reverse=True))
                       for entry in glossary if entry.type == "country"}

    def unmentioned(self, question: str, texts: Sequence[str]) -> str | None:
        """The first country `question` names (as the question writes it) that none of `texts`
        mentions by any of its names; None when every named country is mentioned."""
        q = to_simplified(question).lower()
        lows = [to_simplified(t).lower() for t in texts]
        for names in self._names.values():
            written = next((n for n in names if names_in(n, q)), None)
            if written is None:
                continue
            if not any(names_in(n, low) for low in lows for n in names):
                return written
        return None


def asks_which_of(question: str, name: str) -> bool:
    """Whether the question asks which or who *in that country* ("Which ministry in Kenya…",
    "肯尼亚哪个部门…"): a clause naming the country and asking for an organisation or a person."""
    q = to_simplified(question).lower()
    for clause in re.split(r"[,;，。；]", q):
        if names_in(name, clause) and re.search(r"\b(which|who|whom|whose)\b|哪个|哪家|哪些|哪位|谁", clause):
            return True
    return False


def names_in(name: str, text: str) -> bool:
    """A Chinese name anywhere; a Latin one as a whole word (Oman is not in "woman")."""
    if has_han(name):
        return name in text
    return re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", text) is not None
