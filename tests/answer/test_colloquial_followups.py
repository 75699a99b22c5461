"""A short chat follow-up ("效果咋样？", "这事儿谁牵头的？", "管用吗？") is made of particles and
question frames the knowledge never writes; they carry no topic, so the question stays on the case
just answered instead of reaching the engine alone, where it finds nothing or something else
(issue 20: colloquial Chinese)."""

from __future__ import annotations

import pytest

from bot.answer.dialogue import play_turns
from bot.answer.engine import Engine
from bot.answer.vocabulary import Vocabulary


@pytest.fixture(scope="module")
def vocabulary(engine: Engine) -> Vocabulary:
    return Vocabulary(engine.knowledge, engine.store.speller, engine.store.segmenter)


@pytest.mark.parametrize("question", ["效果咋样？", "这事儿谁牵头的？", "管用吗？", "后来咋样了", "搞了多久？",
                                      "花了多长时间？"])
def test_chat_frames_are_no_unknown_words(vocabulary: Vocabulary, question: str) -> None:
    assert vocabulary.unknown(question) == []


def test_words_of_another_topic_stay_unknown(vocabulary: Vocabulary) -> None:
    assert vocabulary.unknown("明天北京天气怎么样") == ["明天", "北京", "天气"]


@pytest.mark.parametrize(("first", "followup", "case"), [
    ("不丹修订国家战略时拉了哪些人进来？", "效果咋样？", "case-bhutan-nbsap-task-force"),
    ("巴西是怎么绘制生物多样性开支地图的？", "管用吗？", "case-brazil-biodiversity-spending"),
])
def test_a_chat_follow_up_stays_on_the_case(engine: Engine, first: str, followup: str, case: str) -> None:
    answer = play_turns(engine, limit=3)([first, followup])
    assert answer.answered
    assert answer.citations[0].id == case
