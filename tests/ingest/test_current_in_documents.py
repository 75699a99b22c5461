"""A question about the present ("目前的年产能是多少？", "what is the current capacity?") is
declined when only the 2015 Sourcebook and the notes could answer it, but asked of an added
document it is answered from that document, which may well state today's figures (bot/answer/
engine.py). A Chinese PDF made here with reportlab (an invented company brief), the whole
knowledge base competing, no embedder."""

from __future__ import annotations

import pytest
from document_files import CJK, make_pdf
from ingested import ingest_without_vectors

from bot.answer.engine import Engine
from bot.ingest.registry import Registry

BRIEF = [
    [("h1", "滨江线材公司经营简报"),
     ("p", "本简报介绍滨江线材公司的产能、订单和扩产计划。")],
    [("h2", "产能"),
     ("p", "公司目前的金刚线年产能为 4000 万公里，扩产项目完成后将达到 6000 万公里。")],
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("current-in-documents")
    make_pdf(root / "binjiang-brief.pdf", BRIEF, font=CJK, title="滨江线材公司经营简报")
    built: tuple[Engine, Registry] = ingest_without_vectors(root)
    return built[0]


def test_a_present_figure_asked_of_a_document_is_answered_from_it(engine: Engine):
    answer = engine.answer("滨江线材公司目前的金刚线年产能是多少？")
    assert answer.answered and answer.citations[0].doc == "binjiang-brief"
    assert "4000" in answer.lead


def test_a_present_figure_the_sources_cannot_know_is_still_declined(engine: Engine):
    answer = engine.answer("现在CITES有几个缔约方？")
    assert not answer.answered


def test_the_document_is_not_cited_for_the_knowledge_base_present(engine: Engine):
    answer = engine.answer("Who is the current Executive Secretary of CITES?")
    assert not answer.answered
