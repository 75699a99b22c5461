"""Where a secretariat is: answered by a sentence that says where it is, or by "it is hosted by
FAO in Rome" in the text about that body; not by "it was hosted by Cameroon's ministry" in the
text about a workshop that names the body among its subjects (the real engine and knowledge)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question", ["Where is the CMS secretariat?", "CMS秘书处在哪？",
                                      "Where is the Ramsar secretariat?"])
def test_a_seat_the_knowledge_does_not_give_is_declined(engine, question):
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations


@pytest.mark.parametrize("question,item,place", [
    ("Where is the ITPGRFA secretariat?", "conv-itpgrfa", "Rome"),
    ("ITPGRFA的秘书处在哪里？", "conv-itpgrfa", "罗马"),
    ("Where is the Plant Treaty based?", "conv-itpgrfa", "Rome"),
    ("Where is the COMIFAC secretariat?", "case-comifac-regional-working-groups", "Yaoundé"),
])
def test_a_seat_the_knowledge_gives_is_answered(engine, question, item, place):
    answer = engine.answer(question)
    assert answer.answered and answer.citations[0].id == item
    text = engine.knowledge.get(item).text[answer.lang]
    assert place in text
