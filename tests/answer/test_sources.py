"""Citations an official can trust: section names in the answer's language, the Sourcebook's
section first (the rest counted, and all of them in `show`), and
copies labelled as copies."""

from __future__ import annotations

import re

import pytest

from bot.answer.sources import render_sources
from bot.foundation.config import REPO_ROOT
from bot.knowledge import Knowledge, Source, load_knowledge

_HAN = re.compile(r"[\u4e00-\u9fff]")
_URL = re.compile(r"https?://\S+")


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge(REPO_ROOT / "knowledge")


def test_english_sources_have_no_chinese_section_names(kb: Knowledge) -> None:
    for item in kb.items:
        rendered = _URL.sub("", render_sources(item.sources, "en", limit=None))
        assert not _HAN.search(rendered), f"{item.id}: {rendered}"


def test_chinese_sources_translate_the_research_headings(kb: Knowledge) -> None:
    """What stays in Latin letters is a name the glossary knows (COMIFAC, DaRT, Ramsar)."""
    names = {t for e in kb.glossary for t in e.en} | {"FNR", "Rio"}   # FNR_Rio, the pilot project
    for item in kb.items:
        rendered = _URL.sub("", render_sources(item.sources, "zh", limit=None))
        latin = set(re.findall(r"[A-Za-z][A-Za-z ,'-]*[A-Za-z]", rendered))
        assert latin <= names, f"{item.id}: {latin - names} in {rendered}"


def test_a_citation_names_the_sourcebook_section_and_counts_the_rest() -> None:
    """Under a citation one reference (the Sourcebook's section first), the rest counted: they
    are all in `show ID`."""
    sources = [Source("research", "3 / Theme 1 / Palau", f"https://www.cbd.int/{n}") for n in range(4)]
    sources.insert(2, Source("seed", "制度安排"))
    rendered = render_sources(sources, "en")
    assert rendered == "Sourcebook executive summary · Institutional arrangements; +4 more with the full text"
    assert render_sources(sources, "en", limit=2).count("https://") == 2
    assert render_sources(sources, "en", limit=None).count("https://") == 4
    assert "另有 4 个出处" in render_sources(sources, "zh")


def test_copies_are_labelled_and_come_after_primary_sources() -> None:
    sources = [Source("research", "x", "https://docslib.org/doc/1", copy=True),
               Source("research", "x", "https://www.cbd.int/a")]
    assert render_sources(sources, "en").startswith("Research notes on the Sourcebook · x · https://www.cbd.int/a")
    rendered = render_sources(sources, "en", limit=None)
    assert rendered.index("cbd.int") < rendered.index("docslib.org")
    assert "docslib.org/doc/1 (copy, not the publisher's site)" in rendered
    assert "(副本，非原发布方网站)" in render_sources(sources, "zh", limit=None)


def test_no_item_shows_more_than_three_references(kb: Knowledge) -> None:
    for item in kb.items:
        rendered = render_sources(item.sources, "en")
        assert rendered.count("http") <= 3, item.id
