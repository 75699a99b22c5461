"""Wording that claims no more than the sources: the points an independent review of the knowledge
base raised, each checked so it cannot come back, and no tip that repeats another."""

from __future__ import annotations

import itertools
import re

import pytest

from bot.foundation.config import REPO_ROOT
from bot.knowledge import Knowledge, Tip, load_knowledge

# Each tip must give advice no other tip gives: overlap of content words (English) and of character
# bigrams (Chinese), measured on the pairs the review found restated (each was above 0.45 together).
MAX_OVERLAP = 0.40
_STOP = set("a an the and or of to in on for with by as at is are be it its this that from their your "
            "you can could was were has have had not but which who into than more most such other "
            "others also".split())


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge(REPO_ROOT / "knowledge")


def _text(kb: Knowledge, item_id: str, lang: str) -> str:
    item = kb.get(item_id)
    assert item is not None, item_id
    return item.title[lang] + "\n" + item.text[lang]


def _tip(kb: Knowledge, tip_id: str) -> Tip:
    return next(t for t in kb.tips if t.id == tip_id)


def test_obstacle_items_say_the_sourcebook_table_was_not_available(kb: Knowledge) -> None:
    for item in kb.of_kind("obstacle"):
        assert "executive summary" in item.text["en"] and "was not available" in item.text["en"], item.id
        assert "执行摘要" in item.text["zh"] and "未能获得" in item.text["zh"], item.id


def test_obstacle_wording_follows_the_seed(kb: Knowledge) -> None:
    consultant = kb.get("obstacle-5-consultant-driven")
    assert consultant and "overcome" in consultant.title["en"] and "克服" in consultant.title["zh"]
    assert "ownership" not in consultant.title["en"]          # the seed names no such problem
    resources = _text(kb, "obstacle-1-lack-of-resources", "en")
    assert "low cost" not in resources and "较低成本" not in _text(kb, "obstacle-1-lack-of-resources", "zh")


@pytest.mark.parametrize("item_id", ["theme-6", "obstacle-6-funding-gap"])
def test_tourism_revenue_is_an_example_not_a_kind_of_mainstreaming(kb: Knowledge, item_id: str) -> None:
    """The seed lists mainstreaming and the tourism examples separately."""
    for sentence in re.split(r"(?<=[.;:])\s|[。；：]", _text(kb, item_id, "en") + _text(kb, item_id, "zh")):
        assert not ("tourism" in sentence and "ainstream" in sentence), sentence
        assert not ("旅游收入" in sentence and "主流" in sentence), sentence


def test_no_editorial_glosses_presented_as_the_sourcebook(kb: Knowledge) -> None:
    assert "In other words" not in _text(kb, "lesson-5", "en")
    assert "换言之" not in _text(kb, "lesson-5", "zh")
    south_africa = _tip(kb, "tip-131")
    assert "financing" not in south_africa.text["en"] and "资金筹措" not in south_africa.text["zh"]
    assert "最适合" not in _tip(kb, "tip-057").text["zh"]
    assert "处于特别有利的位置" in _tip(kb, "tip-057").text["zh"]  # the seed's words


def test_gef6_sentence_has_one_faithful_wording(kb: Knowledge) -> None:
    for item_id in ("case-gef-6-biodiversity-strategy", "theme-6-gef6"):
        assert "与所有生物多样性有关的目标和方案" in _text(kb, item_id, "zh"), item_id
        assert "goals and programmes relating to all of biodiversity" in _text(kb, item_id, "en")


def test_tip_015_uses_the_seed_terms(kb: Knowledge) -> None:
    tip = _tip(kb, "tip-015")
    assert "业务联络员" in tip.text["zh"] and "《植物条约》" in tip.text["zh"]
    assert "Operational Focal Point" in tip.text["en"]


def test_chinese_tips_do_not_open_with_english_calques(kb: Knowledge) -> None:
    """"在设计全球环境基金项目？" copies "Designing a GEF project?"; Chinese asks "正在…吗？"."""
    calques = [t.id for t in kb.tips if re.match(r"^在[^，。：；？]{1,30}？", t.text["zh"])]
    assert calques == []


def _en_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 2}


def _zh_bigrams(text: str) -> set[str]:
    han = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {han[i : i + 2] for i in range(len(han) - 1)}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, len(a | b))


def test_no_two_tips_give_the_same_advice(kb: Knowledge) -> None:
    repeats = []
    for x, y in itertools.combinations(kb.tips, 2):
        overlap = (_jaccard(_en_words(x.text["en"]), _en_words(y.text["en"]))
                   + _jaccard(_zh_bigrams(x.text["zh"]), _zh_bigrams(y.text["zh"])))
        if overlap > MAX_OVERLAP:
            repeats.append(f"{x.id} / {y.id}: {overlap:.2f}")
    assert repeats == [], "tips restate each other; merge or rewrite them:\n" + "\n".join(repeats)


def test_the_similarity_check_catches_a_restated_tip() -> None:
    """The measure flags a pair the review found (tip-043 restated as tip-134), as they were."""
    a = Tip("tip-043", "theme-6-gef6", {
        "en": "Preparing a GEF biodiversity proposal? The GEF-6 strategy's synergies paragraph encourages "
              "bundling eligible activities from your national biodiversity strategy into one proposal "
              "that advances several conventions' shared goals.",
        "zh": "在准备全球环境基金生物多样性项目建议书？GEF-6策略中关于协同作用的段落鼓励把国家生物多样性战略中"
              "符合条件的活动组合成一份建议书，推进多个公约的共同目标。"})
    b = Tip("tip-134", "case-gef-6-biodiversity-strategy", {
        "en": "Bundle NBSAP activities into one GEF proposal. The GEF-6 biodiversity strategy's synergies "
              "paragraph stresses the scope for a proposal that packages eligible activities from the "
              "national biodiversity strategy and advances the conventions' shared objectives.",
        "zh": "把国家生物多样性战略和行动计划中的活动打包成一份全球环境基金建议书。GEF-6 生物多样性策略的协同"
              "作用段落强调，可以把国家生物多样性战略确定的符合条件的活动纳入一份建议书，推进各公约的共同目标。"})
    overlap = (_jaccard(_en_words(a.text["en"]), _en_words(b.text["en"]))
               + _jaccard(_zh_bigrams(a.text["zh"]), _zh_bigrams(b.text["zh"])))
    assert overlap > MAX_OVERLAP
