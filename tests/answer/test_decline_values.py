"""The value check of bot/answer/decline.py on the real pipeline (an added document, the knowledge
base competing): a count is accepted when the sentence names what was counted by a related word
(deaths for "how many people died"), a year may date a row from the heading above it, and "how big
was the budget" asks for an amount, so it is declined when no amount for that year is held."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.engine import Engine
from bot.foundation.config import load_settings
from bot.ingest.ingest import Options, ingest_paths
from bot.ingest.registry import Registry

# An invented report (test fixture only: no fact of the knowledge base), laid out as reports are:
# the year in the heading, the figures in the lines below it.
REPORT = """# Annual report of the Lakeshore Wetland Authority

## Operating budget 2018

The Lakeshore Wetland Authority's operating budget was US$ 2.4 million, most of it for wardens.

## The storm on Lake Tamsa

The storm on Lake Tamsa in the rainy season caused 12 fatalities among the fishers on the lake.
"""
# The same authority's notice in Chinese (invented too): a passage in the other language whose
# numbers are not the injuries an English question asks about.
NOTICE = """# 湖岸湿地管理局通知

## 塔姆萨湖风暴

塔姆萨湖风暴期间，管理局派出了 30 名护林员巡查湖岸。
"""


@pytest.fixture(scope="module")
def engine_with_report(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("decline-values")
    report = root / "lakeshore-report.md"
    report.write_text(REPORT, "utf-8")
    notice = root / "lakeshore-notice.md"
    notice.write_text(NOTICE, "utf-8")
    settings = load_settings(env={"NFPBOT_DATA_DIR": str(root / "var")})
    registry = Registry(Path(settings.data_dir))
    results = ingest_paths(registry, [report], Options(doc_id="lakeshore"))
    results += ingest_paths(registry, [notice], Options(doc_id="lakeshore-notice"))
    assert [r.status for r in results] == ["added", "added"], results
    return Engine.from_settings(settings)


def cites_report(answer) -> bool:
    return answer.answered and any(c.kind == "document" for c in answer.citations[:3])


def test_a_count_of_people_who_died_is_answered_by_the_fatalities(engine_with_report):
    answer = engine_with_report.answer("How many people died in the storm on Lake Tamsa?")
    assert cites_report(answer) and "12" in answer.lead


def test_a_count_the_sentence_does_not_name_is_declined(engine_with_report):
    answer = engine_with_report.answer("How many people were injured in the storm on Lake Tamsa?")
    assert not answer.answered


def test_a_passage_in_the_other_language_does_not_confirm_what_it_cannot_name(engine_with_report):
    """Its number (30 wardens) is not the injuries asked about: the English question is declined
    whether or not the Chinese notice is among the candidates; asked in Chinese, the deaths of the
    English report are still found (a value reads alike in both languages)."""
    for question in ("How many people were injured in the storm on Lake Tamsa?",
                     "How many wardens were injured during the Lake Tamsa storm?"):
        assert not engine_with_report.answer(question).answered, question
    answer = engine_with_report.answer("塔姆萨湖风暴造成多少人死亡？")
    assert answer.answered and "12" in " ".join(c.snippet for c in answer.citations[:3]) + answer.lead


def test_a_year_in_the_heading_dates_the_line_below_it(engine_with_report):
    answer = engine_with_report.answer(
        "What was the Lakeshore authority's operating budget in 2018?")
    assert cites_report(answer) and "2.4 million" in answer.lead


def test_how_big_a_budget_was_asks_for_an_amount_of_that_year(engine_with_report):
    answer = engine_with_report.answer(
        "How big was the Lakeshore Wetland Authority's operating budget in 2016?")
    assert not answer.answered
