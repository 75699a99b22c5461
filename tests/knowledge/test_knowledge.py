"""The knowledge base stays honest: both languages, sources, unique ids, valid cross references,
glossary coverage of every country, tips citing real items; and the validator reports file:line."""

from __future__ import annotations

import re

import pytest
from paths import RESEARCH, SEED, require

from bot.foundation.config import REPO_ROOT
from bot.foundation.errors import KnowledgeError
from bot.knowledge import KINDS, load_knowledge

KNOWLEDGE = REPO_ROOT / "knowledge"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge(KNOWLEDGE)


def test_counts_meet_the_brief(kb):
    counts = kb.counts()
    assert counts["theme"] >= 6 and counts["lesson"] == 10 and counts["convention"] == 6
    assert counts["case"] >= 15 and counts["obstacle"] >= 12 and counts["intro"] >= 3
    assert counts["glossary"] >= 150 and counts["tips"] >= 90
    assert {f"theme-{n}" for n in range(1, 7)} <= {i.id for i in kb.items}
    assert {f"lesson-{n}" for n in range(1, 11)} <= {i.id for i in kb.items}


def test_every_item_is_bilingual_and_sourced(kb):
    for item in kb.items:
        assert item.kind in KINDS
        for lang in ("en", "zh"):
            assert item.title[lang].strip() and len(item.text[lang]) >= 20, item.id
        assert re.search(r"[\u4e00-\u9fff]", item.text["zh"]), f"{item.id}: zh text has no Chinese"
        assert item.sources and all(s.doc in ("seed", "research") and s.section for s in item.sources)


def test_background_items_say_so(kb):
    for item in kb.of_kind("background"):
        assert "background" in item.text["en"].lower() or "not" in item.title["en"].lower(), item.id
        assert "背景" in item.text["zh"] or "非" in item.title["zh"], item.id


def test_seed_sections_exist_in_the_seed(kb):
    text = re.sub(r"\s+", "", require(SEED).read_text("utf-8"))
    for item in kb.items:
        for s in item.sources:
            if s.doc == "seed" and s.section not in ("执行摘要",):
                assert re.sub(r"\s+", "", s.section) in text, f"{item.id}: seed section {s.section!r}"


def test_research_urls_exist_in_the_research_file(kb):
    text = require(RESEARCH).read_text("utf-8")
    for item in kb.items:
        for s in item.sources:
            if s.url:
                # The research file writes some sites without a scheme (www.cms.int in its table).
                bare = s.url.split("://", 1)[-1].rstrip("/")
                assert s.url in text or bare in text, f"{item.id}: {s.url} is not in the research file"


def test_every_country_and_region_has_a_glossary_entry(kb):
    english = {t.lower() for e in kb.glossary for t in e.en}
    for item in kb.items:
        for name in item.countries + ((item.region,) if item.region else ()):
            assert name.lower() in english, f"{item.id}: {name}"


def test_tips_cite_existing_items_and_are_short(kb):
    ids = {i.id for i in kb.items}
    assert len({t.id for t in kb.tips}) == len(kb.tips)
    for tip in kb.tips:
        assert tip.item in ids
        assert 0 < len(tip.text["en"]) < 400 and 0 < len(tip.text["zh"]) < 400


def test_no_placeholder_text(kb):
    for item in kb.items:
        for value in (*item.title.values(), *item.text.values()):
            assert not re.search(r"\b(TODO|TBD|FIXME|lorem)\b|待补充", value), item.id


def _break(copy, name, old, new):
    path = copy / name
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def test_validator_reports_file_line_and_fix(knowledge_copy):
    path = _break(knowledge_copy, "lessons.yaml", "id: lesson-2\n", "id: lesson-1\n")
    _break(knowledge_copy, "cases.yaml", "kind: case", "kind: story")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(knowledge_copy)
    problems = "\n".join(err.value.problems)
    assert re.search(rf"{re.escape(str(path))}:\d+: duplicate id 'lesson-1'.*Fix", problems)
    assert re.search(r"cases.yaml:\d+: kind 'story' is invalid. Fix", problems)


def test_validator_catches_unknown_references_and_missing_language(knowledge_copy):
    _break(knowledge_copy, "tips.yaml", "item: ", "item: no-such-item-")
    text = (knowledge_copy / "themes.yaml").read_text("utf-8")
    (knowledge_copy / "themes.yaml").write_text(text + """
- id: theme-9-test
  kind: theme
  title: {en: "Only English"}
  text: {en: "Text", zh: "文本内容"}
  related: [theme-99]
  tags: {countries: [Atlantis]}
  source: [{doc: seed, section: 制度安排}]
""", "utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(knowledge_copy)
    problems = "\n".join(err.value.problems)
    assert "cites unknown item 'no-such-item-" in problems
    assert "'title.zh' is missing or empty" in problems
    assert "related id 'theme-99' does not exist" in problems
    assert "'Atlantis' has no glossary entry" in problems


def test_malformed_yaml_is_reported_with_line(knowledge_copy):
    (knowledge_copy / "lessons.yaml").write_text("- id: lesson-1\n  kind: [unclosed\n", "utf-8")
    with pytest.raises(KnowledgeError, match=r"lessons.yaml:\d+: invalid YAML"):
        load_knowledge(knowledge_copy)
