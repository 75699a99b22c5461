"""A follow-up after an answer from an added document is asked of that document: "who wrote the
report?", "和去年同期比呢？" carry its title into how the question was understood and keep the search
to it, even when the question's words are the document's and not the knowledge's (real PDFs made
here, the real pipeline and engine, a real SQLite state through Commands)."""

from __future__ import annotations

import pytest
from document_files import make_pdf
from ingested import ingest_with_defaults
from state_support import TEST_HASH_KEY

from bot.command_parsing import Context
from bot.commands import Commands
from bot.state import connect_state

# a made-up monitoring report (no facts): who wrote it is on its last page, far from the question
PAGES = [
    [("h1", "Lakeshore Wetland Monitoring Report"),
     ("p", "The monitoring programme counted waterbirds at twelve lakeshore sites each spring."),
     ("p", "Sedimentation at the northern inlet rose after the dredging works upstream.")],
    [("h2", "Methods"),
     ("p", "Volunteers walked fixed transects at dawn and recorded every waterbird they saw.")],
    [("h2", "About this report"),
     ("p", "This report was written by the Lakeshore Field Station for the provincial forestry office.")],
]


@pytest.fixture(scope="module")
def commands(tmp_path_factory):
    root = tmp_path_factory.mktemp("doc-followups")
    make_pdf(root / "lakeshore.pdf", PAGES, title="Lakeshore Wetland Monitoring Report")
    engine = ingest_with_defaults(root)
    state = connect_state(root / "state.sqlite3", key=TEST_HASH_KEY)
    yield Commands(engine, state)
    state.close()


def ctx(name: str) -> Context:
    return Context(platform="test", chat_id="c1", user_id="u1", conversation=f"test:doc:{name}")


def test_who_wrote_the_report_is_asked_of_the_document_just_cited(commands):
    c = ctx("writer")
    first = commands.handle(c, "How many lakeshore sites did the monitoring programme count waterbirds at?")
    assert first.answered and first.citations[0].doc == "lakeshore"
    writer = commands.handle(c, "who wrote the report?")
    assert writer.resolved and "Lakeshore Wetland Monitoring Report" in writer.resolved
    assert writer.answered and {x.doc for x in writer.citations} == {"lakeshore"}
    assert writer.citations[0].page == 3 and "Field Station" in writer.lead


def test_a_follow_up_in_the_documents_own_words_keeps_to_it(commands):
    c = ctx("words")
    commands.handle(c, "How many lakeshore sites did the monitoring programme count waterbirds at?")
    how = commands.handle(c, "and what did the volunteers record?")   # words only the document uses
    assert how.resolved and "Lakeshore" in how.resolved
    assert how.citations[0].doc == "lakeshore" and how.citations[0].page == 2


def test_without_the_document_in_the_topic_the_same_words_start_afresh(commands):
    alone = commands.handle(ctx("alone"), "who wrote the report?")
    assert alone.resolved is None
