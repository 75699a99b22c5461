"""The texts of the best candidates, as the value checks read them (bot/answer/decline.py).

An item is read in both languages, with the countries it is tagged with as context. A document passage is read with its document's titles and the
headings above it, which date and name its rows ("2015年预算", the company a table is about), and,
after the CONTEXT mark, with the passages around it, which often name what it is about ("the 737
MAX"): names may be found there, values only in the passage itself. Passages in the other language
than the question's are returned apart, for the check across languages.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answer.decline import CONTEXT
from bot.answer.passage_citations import PassageCiter
from bot.foundation.answers import Lang
from bot.knowledge import Knowledge
from index.backend import Hit
from index.fusion import Fused


def candidate_texts(knowledge: Knowledge, passages: PassageCiter | None, top: Sequence[Fused],
                    hits: dict[str, Hit], asked: Lang) -> tuple[list[str], list[str]]:
    """Texts of candidates `top` (items, and passages in the question's language `asked`), then
    those of passages in the other language."""
    texts: list[str] = []
    other: list[str] = []
    for f in top:
        item = knowledge.get(f.id)
        if item is not None:
            # the countries it is tagged with are where it happens, named or not ("Yaoundé" for
            # Cameroon): context, where names are found and values never
            places = " ".join((*item.countries, item.region or ""))
            texts.append("\n".join((item.title["en"], item.text["en"], item.title["zh"], item.text["zh"],
                                    CONTEXT + places)))
            continue
        found = passages.passage(f.id) if passages is not None else None
        if found is not None and passages is not None:
            passage, titles = found
            text = "\n".join((titles, *passage.heading, passage.text, CONTEXT + passages.neighbours(f.id)))
            (texts if passage.lang == asked else other).append(text)
        elif f.id in hits:
            texts.append(" ".join(s.text for s in hits[f.id].snippets.values()))
    return texts, other
