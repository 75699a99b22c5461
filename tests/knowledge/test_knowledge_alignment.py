"""The glossary and the knowledge speak the same language: every glossary entry names something
the knowledge base mentions (in both languages) unless it is marked query-only, and terms the
knowledge once rendered two ways are rendered one way (the seed's where it has one)."""

from __future__ import annotations

import re

import pytest

from bot.foundation.config import REPO_ROOT
from bot.knowledge import Knowledge, load_knowledge

# (the rendering the knowledge uses, renderings it must no longer use): the seed's word first
# where the seed has one, else the convention's or organisation's official Chinese name.
ONE_RENDERING = [
    ("民间团体", ["民间社会"]),                     # seed: 民间团体(组织)
    ("永久性委员会", []),                           # seed, of Mexico's CONABIO
    ("常务委员会", ["常设委员会"]),                 # CMS/AEWA Standing Committee
    ("行政管理机构", ["行政主管部门"]),             # Ramsar Administrative Authority
    ("资源透明分配系统", ["资源分配透明系统"]),      # GEF STAR
    ("生物安全资料交换所", ["生物安全信息交换所"]),  # Cartagena Protocol, Article 20
    ("生物多样性筹资倡议", ["生物多样性融资倡议"]),  # BIOFIN
    ("生物多样性联络小组", ["生物多样性联络组"]),    # BLG
    ("政府间发展组织", ["政府间发展管理局"]),        # IGAD
    ("业务联络员", ["全球环境基金联络员"]),          # GEF Operational Focal Point (seed)
]


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge(REPO_ROOT / "knowledge")


def _corpus(kb: Knowledge, lang: str) -> str:
    parts = []
    for item in kb.items:
        names = [kb.glossary_name(n, lang) for n in item.countries + ((item.region,) if item.region else ())]
        parts += [item.title[lang], item.text[lang], *(s.section for s in item.sources), *names]
    parts += [tip.text[lang] for tip in kb.tips]
    text = "\n".join(parts)
    return re.sub(r"\s+", "", text) if lang == "zh" else text.lower()


def _in_english(term: str, corpus: str) -> bool:
    return re.search(r"(?<![a-z0-9])" + re.escape(term.lower()) + r"(?![a-z0-9])", corpus) is not None


def _in_chinese(term: str, corpus: str) -> bool:
    term = re.sub(r"\s+", "", term)
    if re.search(r"[\u4e00-\u9fff]", term):
        return term in corpus
    return re.search(r"(?<![A-Za-z0-9])" + re.escape(term) + r"(?![A-Za-z0-9])", corpus) is not None


def test_every_glossary_entry_is_in_the_knowledge_or_marked_query_only(kb: Knowledge) -> None:
    en, zh = _corpus(kb, "en"), _corpus(kb, "zh")
    problems = []
    for entry in kb.glossary:
        found_en = any(_in_english(t, en) for t in entry.en)
        # Chinese texts often keep the abbreviation (CITES, BIOFIN): any term of the entry counts.
        found_zh = any(_in_chinese(t, zh) for t in entry.zh + entry.en)
        if entry.query_only and found_en and found_zh:
            problems.append(f"{entry.en[0]}: marked query_only but the knowledge mentions it")
        elif not entry.query_only and not found_en:
            problems.append(f"{entry.en[0]}: no English term occurs in the knowledge")
        elif not entry.query_only and not found_zh:
            problems.append(f"{entry.en[0]}: no Chinese term {entry.zh} occurs in the knowledge")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("kept", "dropped"), ONE_RENDERING)
def test_a_term_is_rendered_one_way(kb: Knowledge, kept: str, dropped: list[str]) -> None:
    zh = _corpus(kb, "zh")
    assert kept in zh
    assert [d for d in dropped if d in zh] == []
    glossary_zh = {t for e in kb.glossary for t in e.zh}
    assert not set(dropped) & glossary_zh
