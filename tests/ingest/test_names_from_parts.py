"""A Chinese question about an English document is answered when the document writes what the
question names in its own way: an agency the dictionary lacks as a whole by its parts or its
acronym (联邦航空管理局: "the FAA", index/compounds.py), a counted noun after a
modifier in 的 (多少个权重最高的实体: 实体, bot/answer/question_slots.py), by any of its forms
("entities" for 实体's gloss "entity"), and words a PDF font writes as ligatures ("ﬁve",
"ofﬁcials": bot/ingest/pdf_lines.py writes out their letters). A document's chapter is no law
("Which chapter of the report…"). A PDF made here with reportlab (an invented agency report,
DejaVu Sans for the ligature glyphs), the whole knowledge base competing, no embedder; names
and counts the document does not hold are still declined."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingested import ingest_without_vectors, require_dictionary
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from bot.answer.engine import Engine
from bot.answer.question_slots import asked_slot
from bot.ingest.registry import Registry
from index.compounds import compound_in
from index.translate import Dictionary

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PAGES = [
    ["Kestrel Valley Flood Warning Review",
     "This review was prepared for the Northern Rivers Aviation Administration (NRAA) and "
     "describes how river gauges and aircraft warned the valley of floods."],
    ["Chapter 2 Emergency directives",
     "On 14 March 2017, the NRAA issued an emergency directive that grounded all survey "
     "aircraft until their radar altimeters were replaced."],
    ["Chapter 3 Gauge network",
     "To keep costs low, the review team kept only the \ufb01ve most highly weighted entities "
     "of each river basin for the warning model. The of\ufb01cials who run the network "
     "reviewed 12 incorrect alarms."],
]


def agency_report(path: Path) -> Path:
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    title = ParagraphStyle("t", fontName="DejaVuSans", fontSize=18, leading=24)
    body = ParagraphStyle("b", fontName="DejaVuSans", fontSize=10.5, leading=15)
    story: list = []
    for n, (heading, text) in enumerate(PAGES):
        story += [PageBreak()] if n else []
        story += [Paragraph(heading, title), Paragraph(text, body)]
    SimpleDocTemplate(str(path), pagesize=A4, title=PAGES[0][0]).build(story)
    return path


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, Registry]:
    require_dictionary()
    if not FONT.is_file():
        pytest.skip(f"no font with ligature glyphs: {FONT} (Debian: fonts-dejavu-core)")
    root = tmp_path_factory.mktemp("names-from-parts")
    agency_report(root / "kestrel-review.pdf")
    return ingest_without_vectors(root)


def _cites(engine: Engine, question: str, page: int) -> bool:
    answer = engine.answer(question)
    return answer.answered and any(c.doc == "kestrel-review" and c.page == page
                                   for c in answer.citations[:3])


def test_ligatures_are_written_out_as_their_letters(setup):
    _, registry = setup
    texts = " ".join(p.text for _, p in registry.passages("kestrel-review"))
    assert "five most highly weighted" in texts and "officials" in texts
    assert not any("\ufb00" <= ch <= "\ufb06" for ch in texts)


def test_an_agency_named_in_chinese_is_found_by_its_english_acronym(setup):
    engine, _ = setup
    assert _cites(engine, "北方河流航空管理局是在哪一天发布紧急指令让所有勘测飞机停飞的？", 2)
    assert not engine.answer("北方河流铁路管理局是在哪一天发布紧急指令让所有勘测飞机停飞的？").answered


def test_a_counted_noun_after_a_modifier_is_found_in_any_of_its_forms(setup):
    engine, _ = setup
    assert _cites(engine, "每个流域保留了多少个权重最高的实体？", 3)


def test_a_chapter_of_the_document_is_no_law(setup):
    engine, _ = setup
    assert asked_slot("Which chapter of the report describes the gauge network?") is None
    assert asked_slot("Which article of the act protects wetlands?").kind == "law"
    assert _cites(engine, "Which chapter of the review describes the gauge network?", 3)


def test_a_compound_is_found_from_its_parts():
    dictionary = Dictionary.from_entries([
        ("联邦", ["federal", "federation"], "lian2 bang1"),
        ("航空", ["aviation"], "hang2 kong1"),
        ("管理", ["to manage", "administration"], "guan3 li3"),
        ("局", ["office", "situation"], "ju2"),
        ("江苏", ["Jiangsu"], "Jiang1 su1"),
        ("银行", ["bank"], "yin2 hang2"),
        ("铁路", ["railroad", "railway"], "tie3 lu4"),
    ])
    text = "On 7 November 2018, the FAA issued an emergency AD. Bank of Jiangsu lent it money."
    assert compound_in(dictionary, "联邦航空管理局", text) == ["faa"]
    assert compound_in(dictionary, "江苏银行", text) == ["bank of jiangsu"]
    assert compound_in(dictionary, "联邦铁路管理局", text) == []  # no FRA, no railroad
    assert compound_in(dictionary, "航空", text) == []  # a word of its own: its glosses serve


def test_a_name_that_is_also_a_word_is_read_by_its_pinyin_when_glossed_so():
    dictionary = Dictionary.from_entries([
        ("上海", ["Shanghai municipality"], "Shang4 hai3"), ("沪上", ["Shanghai"], "Hu4 shang4"),
        ("伤害", ["to injure", "to harm"], "shang1 hai4"),
        ("嫦娥", ["Chang'e, the lady in the moon"], "Chang2 e2"), ("改变", ["to change"], "gai3 bian4"),
    ])
    assert dictionary.written_as("Shanghai", han=True) == ["沪上", "上海"]  # not 伤害
    assert dictionary.written_as("change", han=True) == ["改变"]  # not 嫦娥


def test_a_word_the_dictionary_lacks_takes_the_glosses_its_longer_words_share():
    """最低 is not in CC-CEDICT; 最低点 "lowest point; minimum" and 最低限度 "minimum" are. A gloss
    "X of Y" gives its head too, as a last sense (清单 "list of items": a list)."""
    dictionary = Dictionary.from_entries([
        ("最低点", ["lowest point", "minimum"], "zui4 di1 dian3"),
        ("最低限度", ["minimum"], "zui4 di1 xian4 du4"), ("最低音", ["lowest note"], "zui4 di1 yin1"),
        ("清单", ["list of items"], "qing1 dan1"),
    ])
    assert dictionary.english("最低") == ["minimum"]  # "lowest point" is one word's only
    assert dictionary.english("最高") == []
    assert dictionary.english("清单") == ["list of items", "list"]


def test_a_head_noun_translates_both_ways_after_the_words_own_senses():
    """分行 "branch of bank or store; subsidiary bank": "branch" finds 分行 (after the words whose
    own sense it is); a definition naming what something is ("name of a river") gives no head."""
    dictionary = Dictionary.from_entries([
        ("分行", ["branch of bank or store", "subsidiary bank"], "fen1 hang2"),
        ("分支", ["branch"], "fen1 zhi1"), ("淮河", ["name of a river in Anhui"], "Huai2 he2"),
    ])
    assert dictionary.english("分行") == ["subsidiary bank", "branch"]
    assert dictionary.chinese(["branch"]) == ["分支", "分行"]
    assert dictionary.english("淮河") == []
