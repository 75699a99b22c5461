"""Questions in focal points' own words, through the real engine: BM25F and the bundled multilingual
model together (the session engine of conftest.py), the relevance decision and the lead."""

from __future__ import annotations

import re

import pytest

from bot.answer.lead_sentences import _LABEL
from index import is_traditional
from index.sentences import sentence_spans

# The acceptance questions of the "own words" issue, with the items that answer them.
OWN_WORDS = [
    ("our ministry and the wildlife agency never talk, how do other countries fix that?",
     {"obstacle-1-weak-interagency-collaboration", "theme-1", "theme-1-formal-informal",
      "obstacle-1-nfps-unaware", "lesson-3"}),
    ("we write five national reports, can we reuse the same data?",
     {"obstacle-2-reporting-burden", "theme-2-streamlining", "theme-2"}),
    ("科学家掌握很多数据，但决策者根本用不上，怎么办？",
     {"obstacle-3-data-access", "obstacle-3-policy-gap", "theme-3", "theme-3-nfp-role"}),
    ("our coordination budget ends with the donor project, how do we keep going?",
     {"obstacle-6-external-funding-limited", "lesson-9", "lesson-7", "lesson-1",
      "obstacle-1-lack-of-resources"}),
    ("怎么说服财政部增加生物多样性投入？",
     {"obstacle-6-spending-unknown", "case-brazil-biodiversity-spending", "lesson-7", "theme-6",
      "obstacle-6-funding-gap"}),
    # A first step the Sourcebook gives any new NFP: know the other conventions' focal points
    # (obstacle-1-nfps-unaware); conv-cms no longer claims CMS NFPs joined the 2013 workshop.
    ("我刚被任命为CMS国家联络点，应该先做什么？",
     {"conv-cms", "bg-cms-family-report-formats", "obstacle-1-nfps-unaware"}),
    ("如何让地方社区和传统知识持有者参与公约执行？",
     {"case-unesco-cbd-ipbes-traditional-knowledge", "lesson-2"}),
    ("which training courses brought several conventions' focal points together?",
     {"obstacle-4-convention-specific-training", "theme-4", "theme-4-regional-global",
      "case-cameroon-2013-francophone-workshop", "case-nepal-joint-capacity-building"}),
]


@pytest.mark.parametrize("question,expected", OWN_WORDS)
def test_questions_in_own_words_are_answered(engine, question, expected):
    answer = engine.answer(question)
    assert answer.answered, answer.lead
    assert expected & {c.id for c in answer.citations[:3]}, [c.id for c in answer.citations]


@pytest.mark.parametrize("question,named", [
    ("When is the next CBD COP?", None),
    ("What did GEF-8 allocate to biodiversity?", "GEF-8"),
    ("What happened at COP16 in Cali?", "COP16"),
    ("全球环境基金第八增资期给了多少钱？", "第八增资期"),
    ("湿地公约第十五届缔约方大会在哪开的？", "第十五届"),
    ("Which appendix of CITES lists the African elephant?", None),
    ("What is the deadline for the seventh national report?", None),
    ("What is the email address of the CMS secretariat?", None),
])
def test_questions_on_what_the_knowledge_lacks_are_declined(engine, question, named):
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations
    if named:
        assert named in answer.lead


def test_what_the_knowledge_has_is_not_mistaken_for_a_gap(engine):
    for question, expected in [("What did CBD decision XIII/24 establish?", "bg-cbd-decision-xiii-24"),
                               ("What does the GEF-6 biodiversity strategy say about synergies?",
                                "case-gef-6-biodiversity-strategy"),
                               ("Where was the Sourcebook launched in 2015?", "intro-publication")]:
        answer = engine.answer(question)
        assert answer.answered and expected in [c.id for c in answer.citations[:3]]


@pytest.mark.parametrize("question", [
    "Will it rain in London tomorrow?", "红烧肉怎么做？", "zanzibarite quokka partnership",
    "How do I reset my router password?", "推荐几本好看的武侠小说"])
def test_everyday_questions_are_declined(engine, question):
    assert not engine.answer(question).answered


def test_a_name_the_knowledge_lacks_gets_a_caveat_or_a_decline(engine):
    answer = engine.answer("How do national focal points coordinate in Ecuador?")
    assert answer.answered and "Ecuador" in (answer.notice or "")
    assert not engine.answer("昆明-蒙特利尔全球生物多样性框架有哪些目标？").answered


def test_same_sound_chinese_typos_are_read_as_meant(engine):
    assert engine.answer("乌干大的生物多样性数局库能拿来干嘛？").citations[0].id == "case-uganda-data-bank"
    assert engine.answer("分兰那套指表是谁一起做的？").citations[0].id == "case-finland-biodiversity-indicators"


@pytest.mark.parametrize("question", [
    "How do focal points in Palau work together?", "乌干达如何管理生物多样性信息？",
    "國家報告太多太繁瑣，有沒有線上填報的系統？", "what did Nepal do about training focal points together?"])
def test_lead_states_the_answer_in_sentences_of_its_citations(engine, question):
    answer = engine.answer(question)
    assert answer.answered
    parts = re.findall(r"(.+?)\s?\[(\d)\]\s?", answer.lead)
    assert parts and "".join(p + f"[{n}]" for p, n in parts).replace(" ", "") == \
        answer.lead.replace(" ", "")
    for sentence, number in parts:
        cited = answer.citations[int(number) - 1]
        body = sentence.rstrip("…")
        # The lead capitalises a sentence it takes from after a label ("Obstacle: national focal
        # points (NFPs) ..."): compare without case, so "NFPs" inside the sentence still matches.
        assert _LABEL.sub("", body[:1].lower() + body[1:]).lower() in cited.text.lower() or \
            body in cited.text, (sentence, cited.id)
    if is_traditional(question):
        assert is_traditional(answer.lead)


def test_snippets_are_whole_sentences(engine):
    for question in ["How can national reporting be harmonised?", "国家联络点如何合作？",
                     "What is the Biodiversity Liaison Group?", "lesson 7"]:
        for c in engine.answer(question).citations:
            start = c.text.find(c.snippet)
            assert start >= 0, (c.id, c.snippet)
            bounds = {a for a, _ in sentence_spans(c.text)}
            ends = {b for _, b in sentence_spans(c.text)}
            assert start in bounds and start + len(c.snippet) in ends, (c.id, c.snippet)


def test_same_sound_correction_leaves_real_words_alone(engine):
    for text in ["这本手册是哪一年、在哪个国家开会的时候发表的？", "人老是换，换了人之前的事就断了，有啥办法",
                 "国家联络点如何合作？", "南方和北方"]:
        assert engine.store.correct_chinese(text) == text
