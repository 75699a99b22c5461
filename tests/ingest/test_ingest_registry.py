"""The registry and the batch: unchanged files are skipped, changed ones replaced, removed ones
gone; bad documents get a clear message each and never stop a batch or lose what was ingested."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from document_files import EN_PAGES, make_encrypted_pdf, make_long_pdf, make_pdf, make_scanned_pdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from bot.ingest.ingest import Options, ingest_paths, slug
from bot.ingest.model import DocumentError
from bot.ingest.registry import Registry

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def registry(tmp_path: Path) -> Registry:
    return Registry(tmp_path / "var")


def texts(registry: Registry, doc_id: str) -> str:
    return " ".join(p.text for _, p in registry.passages(doc_id))


def test_unchanged_is_skipped_changed_is_replaced_removed_is_gone(tmp_path, registry):
    path = make_pdf(tmp_path / "guide.pdf", EN_PAGES)
    first = ingest_paths(registry, [path])[0]
    assert (first.status, first.doc_id, first.pages) == ("added", "guide", 3)
    assert ingest_paths(registry, [path])[0].status == "unchanged"
    make_pdf(path, [[("p", "Only one page now, about mainstreaming biodiversity into sectors.")]])
    changed = ingest_paths(registry, [path])[0]
    assert (changed.status, changed.pages, changed.passages) == ("updated", 1, 1)
    assert "mainstreaming" in texts(registry, "guide") and "joint positions" not in texts(registry, "guide")
    assert registry.remove("guide") and registry.get("guide") is None
    assert texts(registry, "guide") == "" and registry.passage_count() == 0


def test_new_metadata_re_ingests_an_unchanged_file(tmp_path, registry):
    path = make_pdf(tmp_path / "guide.pdf", EN_PAGES)
    ingest_paths(registry, [path])
    result = ingest_paths(registry, [path], Options(title="Guide to cooperation"))[0]
    assert result.status == "updated" and registry.get("guide").title_en == "Guide to cooperation"


def test_bad_documents_get_a_message_each_and_the_batch_goes_on(tmp_path, registry, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-tesseract-here"))  # as on a host without OCR
    good = make_pdf(tmp_path / "a-good.pdf", EN_PAGES)
    scanned = make_scanned_pdf(tmp_path / "b-scanned.pdf")
    encrypted = make_encrypted_pdf(tmp_path / "c-encrypted.pdf")
    corrupt = tmp_path / "d-corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    truncated = tmp_path / "e-truncated.pdf"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    empty = tmp_path / "f-empty.txt"
    empty.write_text("")
    blank = tmp_path / "g-blank.md"
    blank.write_text("\n\n   \n")
    unknown = tmp_path / "h-report.doc"
    unknown.write_bytes(b"\xd0\xcf\x11\xe0 old word file")
    binary = tmp_path / "i-binary.txt"
    binary.write_bytes(b"\x00\x01\x02 not text")
    other = tmp_path / "z-other.md"
    other.write_text("# Notes\n\nFocal points meet every three months to coordinate positions.\n")
    files = [good, scanned, encrypted, corrupt, truncated, empty, blank, unknown, binary,
             tmp_path / "missing.pdf", other]
    results = {r.path.name: r for r in ingest_paths(registry, files)}
    assert [r.status for r in results.values()] == (
        ["added"] + ["failed"] * 9 + ["added"])
    assert results["b-scanned.pdf"].message == (
        "no text layer (a scan?) and Tesseract is not installed: install it (apt-get install "
        "tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra) and ingest the file again, or "
        "convert it to text first")
    assert results["c-encrypted.pdf"].message.startswith("encrypted PDF")
    assert results["d-corrupt.pdf"].message.startswith("corrupt")
    assert "damaged" in results["e-truncated.pdf"].message or "corrupt" in results["e-truncated.pdf"].message
    assert results["f-empty.txt"].message.startswith("empty document")
    assert results["g-blank.md"].message.startswith("empty document")
    assert results["h-report.doc"].message.startswith("unknown file type '.doc'")
    assert results["i-binary.txt"].message.startswith("binary data")
    assert results["missing.pdf"].message == "no such file or folder"
    assert [d.id for d in registry.documents()] == ["a-good", "z-other"]


def test_a_file_that_turns_bad_keeps_what_was_ingested(tmp_path, registry):
    path = make_pdf(tmp_path / "guide.pdf", EN_PAGES)
    ingest_paths(registry, [path])
    before = texts(registry, "guide")
    make_scanned_pdf(path)
    assert ingest_paths(registry, [path])[0].status == "failed"
    assert texts(registry, "guide") == before and registry.get("guide").pages == 3


def test_partly_scanned_pdf_keeps_its_text_pages_and_warns(tmp_path, registry, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-tesseract-here"))
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawString(72, 760, "Page one has a text layer about national biodiversity committees.")
    c.showPage()
    c.rect(72, 300, 400, 300, fill=1)  # page two: a scanned image, no text
    c.showPage()
    c.drawString(72, 760, "Page three has a text layer about joint national reporting again.")
    c.showPage()
    c.save()
    result = ingest_paths(registry, [path])[0]
    assert result.status == "added" and result.pages == 3
    assert result.warnings == (("1 of 3 pages have no text layer (scanned?) and were left out: "
                               "install Tesseract to read them (apt-get install tesseract-ocr "
                               "tesseract-ocr-chi-sim tesseract-ocr-chi-tra)"),)
    assert [p.page for _, p in registry.passages("mixed")] == [1, 3]


def test_two_files_cannot_take_the_same_id(tmp_path, registry):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = make_pdf(tmp_path / "a" / "report.pdf", EN_PAGES)
    second = tmp_path / "b" / "report.md"
    second.write_text("# Report\n\nAnother report about joint reporting by focal points.\n")
    results = ingest_paths(registry, [first, second])
    assert [r.status for r in results] == ["added", "failed"]
    assert "already used by" in results[1].message and "--id" in results[1].message
    assert ingest_paths(registry, [second], Options(doc_id="report-b"))[0].status == "added"


def test_sidecar_metadata_and_a_bad_sidecar_names_file_and_line(tmp_path, registry):
    path = make_pdf(tmp_path / "sourcebook.pdf", EN_PAGES, title="From the PDF")
    sidecar = tmp_path / "sourcebook.pdf.yaml"
    sidecar.write_text("title: {en: Sourcebook of opportunities, zh: 信息指南}\npublisher: UNEP-WCMC\n"
                       "year: 2015\nurl: https://example.org/sourcebook\nid: sourcebook-en\n", "utf-8")
    result = ingest_paths(registry, [path])[0]
    doc = registry.get("sourcebook-en")
    assert result.status == "added" and doc is not None
    assert (doc.title_en, doc.title_zh, doc.publisher, doc.year, doc.url) == (
        "Sourcebook of opportunities", "信息指南", "UNEP-WCMC", 2015, "https://example.org/sourcebook")
    sidecar.write_text("title: Sourcebook\nyear: soon\n", "utf-8")
    bad = ingest_paths(registry, [path])[0]
    assert bad.status == "failed"
    assert bad.message == f"{sidecar}:2: 'year' must be a year such as 2015."
    sidecar.write_text("title: Sourcebook\nauthor: someone\n", "utf-8")
    assert ingest_paths(registry, [path])[0].message.startswith(f"{sidecar}:2: 'author' is not")


def test_folders_are_walked_without_sidecars_or_hidden_files(tmp_path, registry):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    make_pdf(folder / "sub" / "Guide_2015 (final).pdf", EN_PAGES)
    (folder / "sub" / "Guide_2015 (final).pdf.yaml").write_text("publisher: Test\n")
    (folder / "notes.txt").write_text("Notes on joint reporting by the focal points of CITES.\n")
    (folder / ".hidden" / "secret.txt").write_text("Not to be ingested.\n")
    (folder / "image.png").write_bytes(b"\x89PNG")
    results = ingest_paths(registry, [folder])
    assert sorted(r.doc_id for r in results) == ["guide-2015-final", "notes"]
    assert registry.get("guide-2015-final").publisher == "Test"
    assert slug(Path("信息指南 (中文版).pdf")) == "信息指南-中文版"


def test_id_and_title_options_need_a_single_file(tmp_path, registry):
    files = [make_pdf(tmp_path / f"{n}.pdf", EN_PAGES) for n in ("one", "two")]
    with pytest.raises(DocumentError, match="one document"):
        ingest_paths(registry, files, Options(doc_id="x"))
    assert ingest_paths(registry, files[:1], Options(doc_id="Bad id!"))[0].message.startswith("--id")


LONG_PDF_SCRIPT = """
import json, re, sys
from pathlib import Path
from bot.ingest.ingest import ingest_paths
from bot.ingest.registry import Registry
seen = []
result = ingest_paths(Registry(Path(sys.argv[2])), [Path(sys.argv[1])],
                      progress=lambda path, page, pages: seen.append((page, pages)))[0]
print(json.dumps({"status": result.status, "pages": result.pages, "passages": result.passages,
                  "progress": seen[-1], "updates": len(seen),
                  "monotonic": all(a[0] <= b[0] for a, b in zip(seen, seen[1:])),
                  # VmHWM: this process image's peak (ru_maxrss would include the forked parent's)
                  "peak_rss_mb": int(re.search(r"VmHWM:\\s+(\\d+)",
                                               Path("/proc/self/status").read_text()).group(1)) / 1024}))
"""


def test_a_2000_page_pdf_is_read_page_by_page_with_progress_and_bounded_memory(tmp_path):
    """In a process of its own, so its peak memory is its own: a 2,000-page PDF is read one page
    at a time (pdfminer layouts are dropped after each page, passages go to SQLite in batches)."""
    pdf = make_long_pdf(tmp_path / "long.pdf", 2000)
    out = subprocess.run([sys.executable, "-c", LONG_PDF_SCRIPT, str(pdf), str(tmp_path / "var")],
                         capture_output=True, text=True, cwd=REPO, check=True)
    report = json.loads(out.stdout)
    assert (report["status"], report["pages"]) == ("added", 2000)
    assert report["progress"] == [2000, 2000] and report["monotonic"] and report["updates"] >= 2000
    assert report["passages"] >= 1000
    assert report["peak_rss_mb"] < 200, report
