"""The words focal points type (everyday words, Taiwan and Hong Kong usage, homophone typos) reach
the Sourcebook's terms through the glossary's `ask` lists, in either script."""

from __future__ import annotations

import pytest

from bot.answer.engine import Engine
from bot.foundation.errors import KnowledgeError
from bot.knowledge import load_knowledge
from index import plan_query

# (what a user types, a term of the glossary entry it must reach): the kinds of words people use,
# one or two of each kind, not a list of test questions.
TYPED = [
    ("treaty", "公约"), ("条约", "convention"), ("協定", "公约"),
    ("contact person", "国家联络点"), ("对口人", "focal point"), ("聯絡人", "国家联络点"),
    ("handbook", "信息指南"), ("手冊", "sourcebook"),
    ("paid for", "资金"), ("掏钱", "funding"), ("贊助", "资金"), ("經費", "funding"),
    ("village elders", "传统领袖"), ("头人", "traditional leaders"),
    ("帛琉", "帕劳"), ("斯洛維尼亞", "slovenia"), ("寮國", "老挝"), ("觀光", "旅游"),
    ("資料庫", "database"), ("利害關係人", "利益攸关方"),
    ("利益悠关方", "stakeholder"), ("迁徒物种", "迁徙物种"), ("频危物种", "濒危物种"),
    # everyday words for the Sourcebook's notions (issue 20: colloquial questions)
    ("一块儿", "共同"), ("teamwork", "协作"), ("public money", "开支"), ("cash", "资金"),
    ("老百姓", "社区"), ("赚钱", "收入"), ("分钱", "allocation"), ("人手", "staff"), ("商量", "磋商"),
    ("祖祖辈辈", "traditional knowledge"), ("缺钱", "funding gap"), ("外援", "external funding"),
    ("松散", "informal coordination"), ("座谈会", "利益攸关方磋商"),
    ("rewrite", "修订"), ("一站式", "portal"), ("野外", "field visits"), ("拦路虎", "obstacle"),
    ("appendix", "附录"), ("开会", "meetings"), ("离职", "staff turnover"), ("水鸟协定", "AEWA"),
    ("feels it's theirs", "ownership"), ("hired experts", "consultants"),
    ("Ugandan", "uganda"), ("Nepalese", "尼泊尔"), ("生物多样性保护战略与行动计划", "NBSAP"),
    # chat Chinese verbs and short names (issue 20, colloquial Chinese): who leads, where it was held,
    # how it was first done, a treaty's short name and a country's nickname
    ("牵头", "担任主席"), ("开", "举行"), ("没法", "困难"), ("最早", "最初"), ("以前", "以往"),
    ("算了算", "估算"), ("生多公约", "CBD"), ("世遗公约", "WHC"), ("千湖之国", "芬兰"), ("雷龙之国", "Bhutan"),
    ("气候变化公约", "UNFCCC"), ("荒漠化公约", "UNCCD"), ("生物安全议定书", "Cartagena Protocol"),
    ("散", "分散"), ("塞进去", "纳入"), ("交上去", "提交"), ("员工", "staff"), ("金主", "donors"),
    ("花", "开支"), ("地区性", "区域"),
]


def _alternatives(engine: Engine, question: str) -> set[str]:
    store = engine.store
    plan = plan_query(question, store.analyze, store.thesaurus, 0.5, None)
    return {" ".join(alt.tokens) for c in plan.concepts for alt in c.alternatives}


def _tokens(engine: Engine, term: str) -> str:
    return " ".join(w for w, _, sub in engine.store.analyze(term) if not sub)


@pytest.mark.parametrize(("typed", "reaches"), TYPED)
def test_typed_word_reaches_the_glossary_term(engine: Engine, typed: str, reaches: str) -> None:
    assert _tokens(engine, reaches) in _alternatives(engine, typed)


def test_traditional_names_find_their_items(engine: Engine) -> None:
    """Taiwan's names for Slovenia and Palau (not the mainland's) still find the cases, and the
    answer comes back in traditional characters."""
    answer = engine.answer("斯洛維尼亞的觀光收入怎麼用在保護區？")
    assert answer.answered and answer.script == "hant"
    assert "case-slovenia-tourism-revenue" in [c.id for c in answer.citations[:3]]
    palau = engine.answer("帛琉的部落頭目怎麼參與保育？")
    assert palau.answered and palau.citations[0].id == "case-palau-conservation-alliance"


def test_ask_words_are_not_names(engine: Engine) -> None:
    """Answers name things by their canonical names, never by query-only words."""
    kb = engine.knowledge
    assert kb.glossary_name("Palau", "zh") == "帕劳"
    assert kb.glossary_name("contact person", "zh") == "contact person"


def test_unknown_glossary_key_is_reported_with_line(knowledge_copy) -> None:
    path = knowledge_copy / "glossary.yaml"
    path.write_text(path.read_text("utf-8") + "- type: term\n  en: [x-ray]\n  zh: [X光]\n"
                    "  asks: [roentgen]\n", "utf-8")
    with pytest.raises(KnowledgeError, match=r"glossary.yaml:\d+: unknown key 'asks'.*Fix:"):
        load_knowledge(knowledge_copy)


def test_an_ask_word_in_two_entries_is_reported(knowledge_copy) -> None:
    path = knowledge_copy / "glossary.yaml"
    path.write_text(path.read_text("utf-8") + "- type: term\n  en: [x-ray]\n  zh: [X光]\n"
                    "  ask: [对口人]\n", "utf-8")
    with pytest.raises(KnowledgeError, match="term '对口人' is also in the entry"):
        load_knowledge(knowledge_copy)
