"""Reading an item in full (`show ID`, 显示) and the lesson sub-points a list must not hide.

Lists and answers show openings; an official checking a case or a lesson needs the whole item with
every source, on every platform. Ids are what `show` takes: renderers print them with citations.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answer.corpus import parse_passage_id
from bot.answer.engine import Engine
from bot.answer.sources import render_sources
from bot.foundation.answers import Answer, Citation, Lang
from bot.foundation.errors import UserInputError
from bot.knowledge import KINDS, Item, Knowledge
from index.snippet import opening

_SUB_POINT = re.compile(r"^\s*([a-z][)）])\s*(.+)$", re.M)


def showable(cite: Citation) -> bool:
    """True when `show ID` can give more of this citation: a knowledge item whose full text is not
    already shown, or a passage of an ingested document (shown with the passages around it),
    unless this is that view already."""
    if cite.kind == "document":  # (a passage's text is one paragraph; its shown context is not)
        return parse_passage_id(cite.id) is not None and "\n\n" not in cite.text
    return cite.kind in KINDS and cite.snippet != cite.text


def find_items(knowledge: Knowledge, query: str) -> list[Item]:
    """The item with id `query`, else the items whose id contains it (case-insensitive)."""
    q = query.strip().lower()
    exact = knowledge.get(q)
    if exact is not None:
        return [exact]
    return [i for i in knowledge.items if q and q in i.id] if len(q) >= 3 else []


def show_answer(engine: Engine, query: str, lang: Lang) -> Answer:
    """The full text of one item, or the ids to choose from; UserInputError when nothing fits."""
    query = query.strip()
    if not query:
        raise UserInputError("show_usage")
    if query.isdecimal():
        raise UserInputError("number_usage")
    if "#" in query and engine.passages is not None:  # a passage of an ingested document
        cite = engine.passages.full(query.lower(), lang)
        if cite is None:
            raise UserInputError("show_not_found", id=query[:80])
        lead = engine.messages.get("show_lead", lang, id=cite.id)
        return Answer(f"show {cite.id}", lang, True, lead, (cite,), total=1)
    found = find_items(engine.knowledge, query)
    if not found:
        raise UserInputError("show_not_found", id=query[:80])
    if len(found) > 1:
        lead = engine.messages.get("show_choose", lang, query=query[:80])
        return engine.items_answer(f"show {query}", found, lead, lang)
    return full_answer(engine, found[0], lang)


def full_answer(engine: Engine, item: Item, lang: Lang) -> Answer:
    """One citation whose snippet is the item's whole text, with all of its sources and, under
    “Sources”, the evidence quotes."""
    cite = engine.citation(item, lang)
    text = cite.text + evidence_block(item, engine.messages.get("evidence_label", lang))
    cite = replace(cite, snippet=text, text=text, highlights=(),
                   source=render_sources(item.sources, lang, limit=None))
    lead = engine.messages.get("show_lead", lang, id=item.id)
    return Answer(f"show {item.id}", lang, True, lead, (cite,), total=1)


def evidence_block(item: Item, label: str) -> str:
    """The verbatim source lines the item rests on, each with its file, under `label` (“Sources”),
    so an official can check the words an answer gives against the Sourcebook's own; "" if none."""
    if not item.evidence:
        return ""
    return f"\n\n{label}\n" + "\n".join(f"· “{ev.readable}” ({ev.file})" for ev in item.evidence)


def with_sub_points(cite: Citation, item: Item, lang: Lang) -> Citation:
    """The citation's opening followed by the item's lettered sub-points (lesson 3's a) and b)),
    so a list shows every part that tips and other items refer to (“lesson 3b”)."""
    text = item.text[lang]
    points = _SUB_POINT.findall(text)
    if not points:
        return cite
    first = text.split("\n", 1)[0]
    lines = [opening(first)] + [f"{mark} {opening(body, 120)}" for mark, body in points]
    return replace(cite, snippet="\n".join(lines), highlights=())
