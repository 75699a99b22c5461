"""Documents as an operator and a reader meet them after `nfpbot ingest`: every file in the data
directory is private, a cited passage can be opened (`show ID`) with the passages around it,
`documents show` lists pages left out as unreadable, and `state backup`/`state restore` carry the
documents."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from click.testing import CliRunner
from document_files import make_pdf
from layout_pdfs import broken_font_pdf

from adapters.cli.main import cli

PAGES = [
    [("h1", "Information management"),
     ("p", "Many countries use information management systems for their national reports.")],
    [("h2", "Case study: Uganda"),
     ("p", "Uganda has a national biodiversity data bank whose data can be used for species modelling.")],
    [("h2", "Case study: Finland"),
     ("p", "In Finland, research institutes and agencies share biodiversity data through an indicator set.")],
]


def nfpbot(root: Path):
    env = {"NFPBOT_DATA_DIR": str(root / "var")}
    runner = CliRunner()

    def run(*args: str, input: str | None = None, code: int = 0) -> str:
        result = runner.invoke(cli, list(args), env=env, input=input)
        assert result.exit_code == code, (args, result.output, result.exception)
        return result.output

    return run


def test_every_file_in_the_data_directory_is_private_after_ingest(tmp_path):
    run = nfpbot(tmp_path)
    run("ingest", str(make_pdf(tmp_path / "notes.pdf", PAGES)))
    checked = 0
    for folder, _dirs, files in os.walk(tmp_path / "var"):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder
        for name in files:
            path = Path(folder) / name
            if path.is_symlink():
                continue
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, (path, oct(path.stat().st_mode))
            checked += 1
    assert checked >= 5 and (tmp_path / "var" / "documents.sqlite3").exists()


def test_a_cited_passage_opens_with_the_passages_around_it(tmp_path):
    run = nfpbot(tmp_path)
    run("ingest", str(make_pdf(tmp_path / "notes.pdf", PAGES)))
    answer = run("ask", "--doc", "notes", "Uganda data bank for species modelling")
    assert "show notes#1" in " ".join(answer.split())   # the citation says how to open it
    shown = " ".join(run("chat", input="show notes#1\n").split())
    before, cited, after = (shown.index("Many countries use"), shown.index("Uganda has a national"),
                            shown.index("In Finland, research"))
    assert before < cited < after
    assert "Case study: Uganda · p. 2 · in English" in shown
    assert "show notes#1" not in shown.split("Uganda has a national", 1)[1]  # no loop to itself
    missing = " ".join(run("chat", input="show notes#99\n").split())
    assert "notes#99" in missing and "Uganda" not in missing


def test_documents_show_lists_unreadable_pages(tmp_path):
    run = nfpbot(tmp_path)
    pdf = broken_font_pdf(tmp_path / "broken.pdf",
                          ["A readable page about the national biodiversity committee."],
                          [f"国家联络点委员会第{n}次会议讨论了联合报告。" for n in range(8)])
    out = run("ingest", str(pdf))
    assert "unreadable" in out and "pages 2" in out
    shown = run("documents", "show", "broken")
    assert '"unreadable_pages": [\n    2\n  ]' in shown and "(cid:" not in shown


def test_backup_and_restore_carry_the_documents(tmp_path):
    run = nfpbot(tmp_path)
    run("ingest", str(make_pdf(tmp_path / "notes.pdf", PAGES)))
    run("chat", input="help\n")   # the bot has run here: there is a state to back up
    target = tmp_path / "backups" / "state-2026-12-06.sqlite3"
    target.parent.mkdir()
    out = run("state", "backup", str(target))
    documents = tmp_path / "backups" / "state-2026-12-06.documents.sqlite3"
    assert str(documents) in out and documents.is_file()
    assert stat.S_IMODE(documents.stat().st_mode) == 0o600
    run("documents", "remove", "notes")
    assert "notes" not in run("documents", "list")
    restored = run("state", "restore", str(target))
    assert "restored the documents" in restored and "index" in restored
    assert "notes" in run("documents", "list")
    assert "Uganda has a national" in run("ask", "--doc", "notes", "Uganda data bank")
