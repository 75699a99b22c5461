"""Tried as a new user would: `nfpbot ingest somefile.pdf`, then questions in Chinese and English
cite the right page, `--doc` restricts to the file (also in batch mode), `documents list|show|
remove` work, and a running engine picks the new index up without a restart."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from document_files import make_pdf

from adapters.cli.main import cli
from bot.answer.engine import Engine, Filters
from bot.foundation.config import load_settings

# English renderings of facts in ../shared/seed (the Chinese executive summary), one per page.
PAGES = [
    [("h1", "Information management and reporting"),
     ("p", ("Many countries and some regions make full use of technical means such as "
           "state-of-the-art information management systems."))],
    [("h2", "Case study: Uganda"),
     ("p", ("Uganda has a national biodiversity data bank whose data can be used for species "
           "modelling. A clearing-house mechanism complements it: it lists the relevant laws and "
           "policies and links the institutions that manage biodiversity sustainably."))],
    [("h2", "Case study: Finland"),
     ("p", ("In Finland, research institutes and national agencies work together so that "
           "biodiversity data reach decision makers more easily, for example through a national "
           "indicator set."))],
]


def cli_user(root: Path):
    """`nfpbot` in-process on a data directory under `root`, with the three-page PDF beside it."""
    env = {"NFPBOT_DATA_DIR": str(root / "var")}
    pdf = make_pdf(root / "case-notes.pdf", PAGES, title="Case notes on information management")
    runner = CliRunner()

    def run(*args: str, input: str | None = None, code: int = 0):
        result = runner.invoke(cli, list(args), env=env, input=input)
        assert result.exit_code == code, (args, result.output, result.exception)
        return result.output

    return run, pdf, env


@pytest.fixture(scope="module")
def user(tmp_path_factory: pytest.TempPathFactory):
    """A data directory that already holds the PDF: every test below may run alone, in any order."""
    run, pdf, env = cli_user(tmp_path_factory.mktemp("cli-user"))
    run("ingest", str(pdf))
    return run, pdf, env


def test_ingest_then_list_then_show(tmp_path: Path):
    run, pdf, _ = cli_user(tmp_path)
    out = run("ingest", str(pdf))
    assert "added" in out and "case-notes (3 passages, 3 pages)" in out and "index" in out
    assert "unchanged" in run("ingest", str(pdf))
    listed = run("documents", "list")
    assert "case-notes" in listed and "Case notes on information management" in listed
    row = next(line for line in listed.splitlines() if line.startswith("case-notes"))
    assert row.split()[2:5] == ["pdf", "3", "3"]  # format, pages, passages
    shown = run("documents", "show", "case-notes")
    assert '"pages": 3' in shown and "p. 2 [en] Information management and reporting › Case study: Uganda" in shown


def test_english_and_chinese_questions_cite_the_right_page(user):
    run, _, _ = user
    out = json.loads(run("ask", "--json", "--doc", "case-notes", "Uganda species modelling data bank"))
    top = out["citations"][0]
    assert (top["kind"], top["doc"], top["page"], top["lang"]) == ("document", "case-notes", 2, "en")
    assert top["source"].endswith("Case study: Uganda · p. 2 · in English")
    assert top["title"] == "Case study: Uganda"
    zh = json.loads(run("ask", "--json", "--doc", "case-notes", "乌干达的国家生物多样性数据库"))
    assert zh["lang"] == "zh" and zh["citations"][0]["page"] == 2
    assert "第 2 页" in zh["citations"][0]["source"] and "英文原文" in zh["citations"][0]["source"]
    finland = json.loads(run("ask", "--json", "--doc", "case-notes", "芬兰 国家指标"))
    assert finland["citations"][0]["page"] == 3


def test_doc_restricts_answers_also_in_batch_mode(user):
    run, _, _ = user
    lines = run("ask", "--json", "--doc", "case-notes", "-",
                input="Uganda data bank\nFinland indicator set\nwhat is a ramsar site?\n").splitlines()
    answers = [json.loads(line) for line in lines]
    assert [a["citations"][0]["page"] for a in answers[:2]] == [2, 3]
    assert all(c["doc"] == "case-notes" for a in answers for c in a["citations"])
    free = json.loads(run("ask", "--json", "Uganda national biodiversity data bank"))
    assert free["citations"][0]["kind"] == "case"  # the curated item comes first without --doc
    assert "no document 'nope'" in run("ask", "--doc", "nope", "anything", code=1)


def test_console_output_shows_the_page(user):
    run, _, _ = user
    out = run("ask", "--doc", "case-notes", "Finland indicator set")
    assert "Case study: Finland · p. 3 · in English" in " ".join(out.split())


def test_a_running_engine_picks_up_new_documents_and_bad_files_fail_alone(user, tmp_path):
    """One batch with a corrupt file and a good one: the exit code says something failed, the
    good file goes in, and an engine that was already running answers from it without restart;
    after removal it no longer does."""
    run, _, env = user
    engine = Engine.from_settings(load_settings(env=env))
    question = "quokka wetland census"
    assert not engine.answer(question).answered
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"not a pdf at all")
    notes = tmp_path / "census.md"
    notes.write_text("# Census\n\nThe quokka wetland census is a made-up test phrase used only "
                     "to check that new documents are picked up.\n")
    out = run("ingest", str(bad), str(notes), code=1)
    assert "failed     " in out and "corrupt" in out and "1 added, 1 failed" in out
    time.sleep(1.1)  # the engine looks at the index at most once a second
    answer = engine.answer(question)
    assert answer.answered and answer.citations[0].doc == "census"
    assert "removed census" in run("documents", "remove", "census")
    assert "no document 'census'" in run("documents", "remove", "census", code=1)
    time.sleep(1.1)
    assert not engine.answer(question).answered
    assert not engine.answer(question, filters=Filters(doc="census")).citations


def test_passages_get_vectors_by_default_unless_switched_off(user, tmp_path):
    """A small corpus's passages are embedded by default (embeddings.documents: auto), like the
    curated items, and rank by meaning; `documents: false` leaves them to BM25F."""
    run, pdf, env = user
    assert "unchanged" in run("ingest", str(pdf))
    embedded = Engine.from_settings(load_settings(env=env))
    if embedded.dense is None:
        pytest.skip("no embedder on this platform (the bundled model is x86-64 only)")
    assert {"case-notes#0", "case-notes#1", "case-notes#2"} <= embedded.dense.vectors.embedded_ids
    data = tmp_path / "var"
    shutil.copytree(Path(env["NFPBOT_DATA_DIR"]), data, symlinks=True)
    plain = Engine.from_settings(load_settings(env={
        "NFPBOT_DATA_DIR": str(data), "NFPBOT_EMBEDDINGS__DOCUMENTS": "false"}))
    assert plain.dense is not None
    assert not any("#" in i for i in plain.dense.vectors.embedded_ids)
    answer = embedded.answer("Which country keeps a data bank for species models?",
                             filters=Filters(doc="case-notes"))
    assert answer.answered and answer.citations[0].page == 2
