"""Issue 21 item 5 on the real pipeline: a lead built from an added document names the document,
and a decline says which sources were searched (the one document of `doc ID`, and that it may
be asked in its own language)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.engine import Engine, Filters
from bot.foundation.config import load_settings
from bot.ingest.ingest import Options, ingest_paths
from bot.ingest.registry import Registry

# Wording taken from the knowledge base's Uganda case (knowledge/cases.yaml), as a user's notes.
NOTES = """# Notes on the Uganda data bank

The National Biodiversity Data Bank was set up in 1990 at Makerere University with initial USAID
funding. It holds more than 8,000 species entries and about 140,000 georeferenced locality records,
with a gazetteer of about 7,000 entries.

## The portal

An online portal of the data bank was launched on 5 September 2019 with support from USAID and WCS.
"""


@pytest.fixture(scope="module")
def doc_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("doc-answers")
    notes = root / "uganda-notes.md"
    notes.write_text(NOTES, "utf-8")
    settings = load_settings(env={"NFPBOT_DATA_DIR": str(root / "var")})
    results = ingest_paths(Registry(Path(settings.data_dir)), [notes], Options(doc_id="uganda-notes"))
    assert [r.status for r in results] == ["added"], results
    return Engine.from_settings(settings)


def test_a_lead_from_a_document_names_the_document(doc_engine):
    answer = doc_engine.answer("How many georeferenced locality records does the data bank hold?",
                               filters=Filters(doc="uganda-notes"))
    assert answer.answered and answer.citations[0].kind == "document"
    assert answer.lead.startswith("From “") and "Sourcebook" not in answer.lead
    assert "140,000" in answer.lead


def test_a_lead_names_the_document_by_its_title_not_by_a_section_heading(doc_engine):
    # the Markdown file's title is its top heading, not its file name; the passage sits under "The portal"
    answer = doc_engine.answer("When was the data bank's online portal launched?", filters=Filters(doc="uganda-notes"))
    assert answer.answered and answer.citations[0].title == "The portal"
    assert answer.lead.startswith("From “Notes on the Uganda data bank”: ")
    assert answer.citations[0].doc_title == "Notes on the Uganda data bank"


def test_a_date_asked_in_the_other_language_is_found_in_the_document(doc_engine):
    # 上线 (went online) is dated by "was launched on 5 September 2019"; 在线门户 is the portal
    answer = doc_engine.answer("数据库的在线门户是哪一天上线的？", filters=Filters(doc="uganda-notes"))
    assert answer.answered and answer.citations[0].kind == "document"
    assert "5 September 2019" in answer.citations[0].text


def test_a_decline_names_the_one_document_searched(doc_engine):
    answer = doc_engine.answer("What is the role of COMIFAC in Central Africa?",
                               filters=Filters(doc="uganda-notes"))
    assert not answer.answered and "document" in answer.lead and "Sourcebook" not in answer.lead


@pytest.mark.parametrize("question, what", [
    ("How much money did USAID give the data bank?", "How much"),   # a value the notes do not state
    ("数据库的门户网站有多少个用户？", "多少"),
])
def test_a_value_the_one_document_does_not_state_is_declined_naming_that_document(doc_engine, question, what):
    answer = doc_engine.answer(question, filters=Filters(doc="uganda-notes"))
    assert not answer.answered and not answer.citations
    assert "Notes on the Uganda data bank" in answer.lead and what in answer.lead
    assert "Sourcebook" not in answer.lead and "信息指南" not in answer.lead


def test_a_decline_in_the_other_language_says_the_document_can_be_asked_in_its_own(doc_engine):
    answer = doc_engine.answer("中部非洲森林委员会是做什么的？", filters=Filters(doc="uganda-notes"))
    assert not answer.answered and "文档" in answer.lead and "英文" in answer.lead


def test_a_decline_over_everything_names_the_sourcebook_and_the_added_documents(doc_engine):
    answer = doc_engine.answer("What is the best recipe for banana bread?")
    assert not answer.answered
    assert "Sourcebook" in answer.lead and "documents added here" in answer.lead
