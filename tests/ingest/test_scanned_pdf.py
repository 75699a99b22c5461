"""A scanned PDF (pages that are only images, made in the test by drawing text with Pillow) is
read by Tesseract, its passages are marked as recognised automatically, and a question finds a
sentence of it through the engine, in Chinese and in English. Without Tesseract the file is
refused with a message naming the package to install."""

from __future__ import annotations

from pathlib import Path

import pytest
from layout_pdfs import font_file, scanned_pdf

from bot.answer.engine import Engine, Filters
from bot.foundation.config import load_settings
from bot.ingest import ocr
from bot.ingest.ingest import ingest_paths
from bot.ingest.registry import Registry

ZH = ["国家联络点委员会每季度召开一次会议。", "委员会在每次缔约方大会之前商定共同立场。",
      "秘书处负责保存会议记录并分发给各部委。"]
EN = ["The national committee of focal points meets every quarter.",
      "Wetland inventories are updated every five years by the water agency.",
      "The secretariat keeps the minutes and sends them to every ministry."]


def _font() -> Path:
    font = font_file("zh")
    if font is None:
        pytest.skip("needs a Chinese font (fc-list :lang=zh found none; make ocr installs "
                    "fonts-noto-cjk)")
    return font


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory):
    if ocr.tesseract() is None or "chi_sim" not in ocr.languages():
        pytest.skip(f"needs Tesseract with Chinese ({ocr.INSTALL}; make ocr installs it)")
    root = tmp_path_factory.mktemp("scans")
    font = _font()
    files = [scanned_pdf(root / "committee-scan-zh.pdf", [ZH], font),
             scanned_pdf(root / "committee-scan-en.pdf", [EN, EN[::-1]], font)]
    settings = load_settings(env={"NFPBOT_DATA_DIR": str(root / "var")})
    registry = Registry(Path(settings.data_dir))
    results = ingest_paths(registry, files)
    return results, registry, Engine.from_settings(settings)


def test_scans_are_read_and_marked(scanned):
    results, registry, _ = scanned
    assert [r.status for r in results] == ["added", "added"], results
    assert any("recognised automatically" in w for w in results[1].warnings), results[1].warnings
    zh = " ".join(p.text for _, p in registry.passages("committee-scan-zh"))
    assert "每季度召开一次会议" in zh and " " not in zh.replace("。 ", "。")
    en = [p for _, p in registry.passages("committee-scan-en")]
    assert all(p.scanned for p in en) and {p.page for p in en} == {1, 2}
    assert "Wetland inventories are updated every five years" in " ".join(p.text for p in en)
    assert registry.get("committee-scan-en").page_list("scanned") == [1, 2]


@pytest.mark.parametrize(("doc", "question", "words", "marker"), [
    ("committee-scan-zh", "国家联络点委员会多久开一次会？", "每季度召开一次会议", "扫描件，文字为自动识别"),
    ("committee-scan-en", "How often are wetland inventories updated?", "every five years",
     "scanned, text recognised automatically"),
])
def test_a_question_finds_a_sentence_of_the_scan(scanned, doc, question, words, marker):
    engine = scanned[2]
    answer = engine.answer(question, filters=Filters(doc=doc))
    assert answer.answered, answer.lead
    top = answer.citations[0]
    assert top.doc == doc and words in top.text and marker in top.source, top


def test_without_tesseract_the_message_names_the_package(tmp_path, monkeypatch):
    pdf = scanned_pdf(tmp_path / "scan.pdf", [EN], _font())
    monkeypatch.setenv("PATH", str(tmp_path / "no-tesseract-here"))
    [result] = ingest_paths(Registry(tmp_path / "var"), [pdf])
    assert result.status == "failed"
    assert "apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra" in result.message
