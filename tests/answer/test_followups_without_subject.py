"""Follow-ups that name their subject only by its kind or not at all (issue 20, conversations):
"how long did the project run?" after EU BON, "涉及哪些公约？" after Cameroon's dialogue
platform (the platform's conventions, not the list of all six). Questions are our own;
the real engine and index, topics in memory (bot/answer/dialogue.play_turns)."""

from __future__ import annotations

from bot.answer.dialogue import play_turns
from bot.answer.engine import Engine
from bot.answer.followup import asks_what_it_covers


def test_the_project_is_the_topics_project(engine: Engine) -> None:
    answer = play_turns(engine, limit=3)(["EU BON", "how long did the project run?"])
    assert answer.resolved
    assert answer.citations[0].id == "case-eu-bon-observation-network"


def test_what_it_covers_is_asked_of_the_topic_not_listed() -> None:
    assert asks_what_it_covers("涉及哪些公约？") and asks_what_it_covers("包括哪些国家的联络点？")
    assert not asks_what_it_covers("哪些案例涉及湿地公约？")


def test_what_the_platform_covers_stays_on_the_platform(engine: Engine) -> None:
    answer = play_turns(engine, limit=3)(["喀麦隆的对话平台是什么？", "涉及哪些公约？"])
    assert answer.resolved
    assert answer.citations[0].id == "bg-cameroon-nfp-dialogue-platform"

