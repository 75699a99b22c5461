"""Passages from PDFs laid out as real documents are: page furniture, broken glyphs, contents
pages, columns, tables and hyphens handled, and titles a person would give. Each PDF is drawn in
the test (tests/layout_pdfs.py) and ingested through the real pipeline into a real registry."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_files import make_pdf
from layout_pdfs import (
    HEADER,
    broken_font_pdf,
    lines_pdf,
    placed_pdf,
    running_headers_pdf,
    table_pdf,
    two_column_pdf,
)

from bot.ingest.ingest import ingest_paths
from bot.ingest.registry import Registry

BODY = [
    "National focal points of the six conventions meet in a committee every quarter.",
    "The committee agrees on joint positions before each meeting of the parties.",
    "Its secretariat keeps the minutes and sends them to every ministry concerned.",
]


@pytest.fixture()
def registry(tmp_path: Path) -> Registry:
    return Registry(tmp_path / "var")


def passages(registry: Registry, doc_id: str) -> list:
    return [p for _, p in registry.passages(doc_id)]


def test_running_headers_and_page_numbers_are_not_passages(tmp_path, registry):
    topics = ["forests", "wetlands", "migratory species", "trade in wildlife", "plant genetics"]
    pages = [[f"{line[:-1]} on {topic}." for line in BODY] for topic in topics]
    [result] = ingest_paths(registry, [running_headers_pdf(tmp_path / "journal.pdf", pages)])
    assert result.status == "added" and result.pages == 5
    found = passages(registry, "journal")
    assert {p.page for p in found} == {1, 2, 3, 4, 5}
    for p in found:
        assert "Journal of Focal Point Studies" not in p.text and not p.text.startswith("-"), p
        assert p.text.startswith("National focal points of the six"), p.text
    assert all(HEADER not in " ".join(p.heading) for p in found)


def test_two_columns_read_one_after_the_other(tmp_path, registry):
    left = ["Left column first line about", "national committees that meet", "every quarter to agree."]
    right = ["Right column first line about", "shared information systems", "for national reports."]
    pdf = two_column_pdf(tmp_path / "columns.pdf", left, right, "Coordination in practice")
    ingest_paths(registry, [pdf])
    text = " ".join(p.text for p in passages(registry, "columns"))
    assert "Left column first line about national committees that meet every quarter to agree." in text
    assert text.index("every quarter to agree.") < text.index("Right column first line")
    assert "Right column first line about shared information systems for national reports." in text


def test_table_rows_stay_together(tmp_path, registry):
    rows = [["Convention", "Focal point", "Report due"],
            ["CBD", "Ministry of Environment", "2026"],
            ["CITES", "Wildlife Authority", "2025"],
            ["Ramsar", "Water Agency", "2027"]]
    ingest_paths(registry, [table_pdf(tmp_path / "table.pdf", "Reports owed by each focal point:", rows)])
    lines = "\n".join(p.text for p in passages(registry, "table")).splitlines()
    for row in rows[1:]:   # each row one line, with the header of each of its cells
        expected = "; ".join(f"{head}: {cell}" for head, cell in zip(rows[0], row, strict=True))
        assert expected in lines, (row, lines)


def test_hyphenated_line_ends_are_joined(tmp_path, registry):
    page = [(11, "Mainstreaming means bringing bio-"), (11, "diversity into the plans of every sector"),
            (11, "and every level of govern-"), (11, "ment, not only the environment ministry.")]
    ingest_paths(registry, [lines_pdf(tmp_path / "hyphens.pdf", [page])])
    text = passages(registry, "hyphens")[0].text
    assert "biodiversity into the plans" in text and "government, not only" in text


def test_contents_pages_and_dot_leaders_are_not_passages_and_headings_are_real(tmp_path, registry):
    contents = [(16, "Contents")] + [(11, f"{n}.{k} Separation of duties {'. ' * 20} {n * 3 + k}")
                                     for n in (1, 2) for k in (1, 2, 3)]
    body = [(16, "2.2 Separation of duties"), (11, "Each convention keeps its own focal point."),
            (11, "ENABLE ENABLE DISABLE;"), (11, "The committee coordinates their positions.")]
    ingest_paths(registry, [lines_pdf(tmp_path / "manual.pdf", [contents, body])])
    found = passages(registry, "manual")
    assert found and all(p.page == 2 for p in found)
    assert all(". . . ." not in p.text for p in found)
    assert all(p.heading == ("2.2 Separation of duties",) for p in found), [p.heading for p in found]


def test_undecodable_glyphs_are_dropped_and_the_page_reported(tmp_path, registry):
    good = ["Readable page about the national biodiversity committee and its work."]
    broken = [f"国家联络点委员会第{n}次会议讨论了联合报告。" for n in range(8)]
    [result] = ingest_paths(registry, [broken_font_pdf(tmp_path / "broken.pdf", good, broken)])
    assert result.status == "added"
    assert any("unreadable" in w and "pages 2" in w for w in result.warnings), result.warnings
    found = passages(registry, "broken")
    assert [p.page for p in found] == [1]
    assert all("(cid:" not in p.text and not any("\ue000" <= ch <= "\uf8ff" for ch in p.text)
               for p in found)
    assert registry.get("broken").page_list("unreadable") == [2]


def test_title_from_the_first_page_when_the_metadata_is_a_file_name(tmp_path, registry):
    pages = [[("h1", "Joint reporting under the biodiversity conventions"),
              ("p", "A shared information system reduces the duplication of national reports.")]]
    pdf = make_pdf(tmp_path / "fr-2020_17221.pdf", pages, title="Microsoft Word - fr-2020_17221.docx")
    ingest_paths(registry, [pdf])
    assert registry.get("fr-2020-17221").title_en == "Joint reporting under the biodiversity conventions"


def test_a_cover_page_holding_only_the_title_gives_the_title(tmp_path, registry):
    """On a cover with nothing but the title, the title is the page's body size: it is measured
    against the next page's body text instead."""
    pages = [[("h1", "Wetland inventories in the Mekong basin")],
             [("p", line) for line in BODY]]
    ingest_paths(registry, [make_pdf(tmp_path / "scan_0042.pdf", pages, title="scan_0042.pdf")])
    assert registry.get("scan-0042").title_en == "Wetland inventories in the Mekong basin"
    one_size = [[("p", "A short note on national reports.")], [("p", line) for line in BODY]]
    ingest_paths(registry, [make_pdf(tmp_path / "memo_7.pdf", one_size, title="memo_7.pdf")])
    doc = registry.get("memo-7")
    assert doc.title(doc.lang) == "memo 7"    # no larger text anywhere: the file name serves


def test_a_title_over_two_lines_is_whole_past_a_sidebar_and_a_smaller_second_line(tmp_path, registry):
    """The second line of a title set a little smaller, and a sidebar label level with the gap
    between the lines, do not cut the title; the authors below, in body size, are not part of it."""
    body = [(144, 260 + 14 * n, 10, line) for n, line in enumerate(BODY)]
    page = [(144, 120, 24, "Joint Reporting under"), (60, 126, 14, "OPEN"),
            (144, 148, 22, "the Biodiversity Conventions"), (144, 180, 10, "A. Author & B. Author"),
            (40, 200, 9, "SUBJECT AREAS:")] + body
    ingest_paths(registry, [placed_pdf(tmp_path / "article_3780.pdf", page)])
    assert registry.get("article-3780").title_en == "Joint Reporting under the Biodiversity Conventions"
    ended = [(144, 120, 24, "Joint reporting works."), (144, 148, 22, "A second sentence in large type")]
    ingest_paths(registry, [placed_pdf(tmp_path / "article_3781.pdf", ended + body)])
    assert registry.get("article-3781").title_en == "Joint reporting works."


def test_a_journals_article_kind_is_not_part_of_the_title(tmp_path, registry):
    """"Research Article" printed above the title (or in the metadata before it) is a label."""
    page = [(144, 100, 24, "Research Article"), (144, 130, 24, "Wetland inventories in the"),
            (144, 158, 24, "Mekong basin")] + [(144, 220 + 14 * n, 10, line) for n, line in enumerate(BODY)]
    ingest_paths(registry, [placed_pdf(tmp_path / "article_12.pdf", page)])
    assert registry.get("article-12").title_en == "Wetland inventories in the Mekong basin"
    pages = [[("p", "A shared information system reduces the duplication of national reports.")]]
    ingest_paths(registry, [make_pdf(tmp_path / "ra.pdf", pages, title="Research Article Joint reporting in practice")])
    assert registry.get("ra").title_en == "Joint reporting in practice"
    kept = "Research report on wetland policy in Asia"   # no label: the title goes on in lower case
    ingest_paths(registry, [make_pdf(tmp_path / "rr.pdf", pages, title=kept)])
    assert registry.get("rr").title_en == kept


def test_real_metadata_title_wins_and_a_file_name_never_keeps_its_extension(tmp_path, registry):
    pages = [[("p", "A shared information system reduces the duplication of national reports.")]]
    ingest_paths(registry, [make_pdf(tmp_path / "report.pdf", pages, title="Guide to joint reporting")])
    assert registry.get("report").title_en == "Guide to joint reporting"
    ingest_paths(registry, [make_pdf(tmp_path / "plain_notes.pdf", pages, title="plain_notes.pdf")])
    doc = registry.get("plain-notes")
    assert doc.title(doc.lang) == "plain notes"


def test_dot_leader_lines_are_not_passages_in_any_format(tmp_path, registry):
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\n2.2 Separation of duties . . . . . . . . 14\n\n"
                     "第一章 总则……………………1\n\nEach convention keeps its own focal point.\n", "utf-8")
    ingest_paths(registry, [notes])
    assert [p.text for p in passages(registry, "notes")] == ["Each convention keeps its own focal point."]


def test_a_registry_of_schema_1_is_upgraded_in_place(tmp_path):
    """Registries written before pages could be unreadable or scanned keep their documents."""
    import sqlite3
    data = tmp_path / "old"
    data.mkdir()
    db = sqlite3.connect(data / "documents.sqlite3")
    db.executescript("""
        CREATE TABLE documents (id TEXT PRIMARY KEY, path TEXT NOT NULL, format TEXT NOT NULL,
            file_hash TEXT NOT NULL, fingerprint TEXT NOT NULL, lang TEXT NOT NULL,
            title_en TEXT NOT NULL, title_zh TEXT NOT NULL, publisher TEXT, year INTEGER, url TEXT,
            pages INTEGER, passages INTEGER NOT NULL, ingested_at TEXT NOT NULL);
        CREATE TABLE passages (doc_id TEXT NOT NULL, seq INTEGER NOT NULL, page INTEGER,
            page_end INTEGER, heading TEXT NOT NULL, lang TEXT NOT NULL, text TEXT NOT NULL,
            PRIMARY KEY (doc_id, seq)) WITHOUT ROWID;
        INSERT INTO documents VALUES ('guide', '/x/guide.pdf', 'pdf', 'h', 'f', 'en', 'Guide', '',
            NULL, NULL, NULL, 1, 1, '2026-01-01T00:00:00');
        INSERT INTO passages VALUES ('guide', 0, 1, 1, '', 'en', 'Focal points meet quarterly.');
        PRAGMA user_version=1;""")
    db.close()
    registry = Registry(data)
    doc = registry.get("guide")
    assert doc.title_en == "Guide" and doc.page_list("unreadable") == [] and doc.scanned == ""
    [(_, passage)] = list(registry.passages("guide"))
    assert passage.text == "Focal points meet quarterly." and not passage.scanned
    assert registry.around("guide", 0) == [passage]
