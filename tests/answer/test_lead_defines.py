""""What is the Ramsar Convention?" asks what a thing is: the lead is the sentence of the item about
it that says what it is ("… is one of the six …"), not a sentence of another item that names it in
passing (the Sourcebook "was launched at the Ramsar COP12") nor one that only mentions it ("One
participant per country involved in CMS …"), however close in meaning its paragraph is (the real
engine)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question,item,opens", [
    ("What is the Ramsar Convention?", "conv-ramsar", "The Convention on Wetlands"),
    ("湿地公约是什么？", "conv-ramsar", "《关于特别是作为水禽栖息地的国际重要湿地公约》"),
    ("What is CITES?", "conv-cites", "The Convention on International Trade"),
    # the sentence saying what it is, before one closer in meaning that only mentions it
    ("Tell me about CMS", "conv-cms", "The Convention on the Conservation of Migratory Species"),
])
def test_what_a_convention_is_comes_from_its_own_item(engine, question, item, opens):
    answer = engine.answer(question)
    assert answer.citations[0].id == item
    assert answer.lead.startswith(opens) and answer.lead.split(opens, 1)[1].split("[", 1)[1].startswith("1]")


@pytest.mark.parametrize("question,item,says", [
    ("What is BIOFIN?", "bg-biofin", "launched by UNDP"),
    # "X是什么" at the end of the question is as much "what is X" as "什么是X" at its start
    ("BIOFIN是什么？", "bg-biofin", "联合国开发计划署"),
])
def test_what_a_related_initiative_is_is_not_where_it_stands(engine, question, item, says):
    # the lead's label says it is background; "… is a related finance initiative, not one of the
    # Sourcebook's case studies" says nothing more
    answer = engine.answer(question)
    assert answer.citations[0].id == item
    assert says in answer.lead
    assert "case stud" not in answer.lead and "案例研究" not in answer.lead
