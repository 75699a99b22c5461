"""Chat Chinese asks for the Sourcebook's options with everyday words for "ways" (法子, 路子, 门道,
窍门): "有哪些法子" asks what the options are, like "有哪些办法", and must be answered from the items'
options (选择), not declined as asking about a thing called 法子 that no item mentions (issue 20)."""

from __future__ import annotations

import pytest

from bot.answer.engine import Engine
from index import plan_query

WAYS = ["法子", "路子", "门道", "窍门"]


@pytest.mark.parametrize("word", WAYS)
def test_an_everyday_word_for_ways_reaches_the_options(engine: Engine, word: str) -> None:
    store = engine.store
    plan = plan_query(f"协调有哪些{word}？", store.analyze, store.thesaurus, 0.7, None)
    alternatives = {" ".join(a.tokens) for c in plan.concepts for a in c.alternatives}
    assert {"选择", "option"} <= alternatives


@pytest.mark.parametrize("question", [
    "联络点之间协调有哪些法子？",
    "减轻报告负担有哪些路子？",
    "给协作找钱有哪些门道？",
])
def test_a_question_asking_for_ways_is_answered(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.answered, answer.lead
    assert answer.citations
