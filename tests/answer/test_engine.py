"""The answer engine over the real knowledge base and the real on-disk whoosh index."""

from __future__ import annotations

from bot.answer.engine import Filters
from index import is_traditional


def top_ids(answer, n=3):
    return [c.id for c in answer.citations[:n]]


def test_chinese_question_gets_chinese_cited_answer(engine):
    answer = engine.answer("乌干达如何管理生物多样性信息？")
    assert answer.answered and answer.lang == "zh"
    assert answer.citations[0].id == "case-uganda-data-bank"
    first = answer.citations[0]
    assert "乌干达" in first.title and first.source and "信息管理和报告" in first.source
    assert all(c.text for c in answer.citations)


def test_english_question_gets_english_cited_answer(engine):
    answer = engine.answer("What helps focal points harmonise national reporting?")
    assert answer.answered and answer.lang == "en"
    assert any("report" in (c.title + c.text).lower() for c in answer.citations[:3])
    assert all(c.source for c in answer.citations)


def test_cross_lingual_chinese_terms_find_english_fields(engine):
    # The glossary maps 墨西哥 -> Mexico and 全球环境基金 -> GEF: a Chinese query must also match
    # the English fields, and vice versa.
    plan_terms = {a.tokens for c in _plan(engine, "墨西哥").concepts for a in c.alternatives}
    assert ("mexico",) in plan_terms
    plan_terms = {a.tokens for c in _plan(engine, "Global Environment Facility").concepts for a in c.alternatives}
    assert ("全球环境基金",) in plan_terms or ("gef",) in plan_terms


def test_cross_lingual_retrieval_with_answer_language_forced(engine):
    # Asked in Chinese, answered in English: the Chinese terms find the item, the text is English.
    answer = engine.answer("芬兰的生物多样性指标", lang="en")
    assert answer.answered and answer.lang == "en"
    assert "finland" in answer.citations[0].title.lower()
    answer = engine.answer("Egypt joint assessment of funding needs", lang="zh")
    assert answer.answered and "埃及" in answer.citations[0].title


def test_off_topic_questions_are_declined_with_suggestions(engine):
    for q in ("What is the best pizza topping?", "明天北京的天气怎么样？", "How do I reset my router password?",
              "Who won the football world cup?", "如何做红烧肉"):
        answer = engine.answer(q)
        assert not answer.answered and not answer.citations, q
        assert answer.suggestions and answer.lead


def test_empty_and_too_long_questions_get_clear_answers(engine):
    empty = engine.answer("   ")
    assert not empty.answered and "question" in empty.lead.lower()
    long = engine.answer("biodiversity " * 1000)
    assert not long.answered and "12999" in long.lead and str(engine.search.max_question_chars) in long.lead
    only_emoji = engine.answer("🙂🙂🙂 ??? !!!")
    assert not only_emoji.answered and only_emoji.lead


def test_traditional_question_gets_traditional_answer(engine):
    answer = engine.answer("伊拉克如何為生物多樣性公約收集數據？")
    assert answer.answered and answer.script == "hant"
    assert answer.citations[0].id.startswith("case-iraq")
    assert is_traditional(answer.citations[0].text) and is_traditional(answer.lead)


def test_typo_is_corrected(engine):
    answer = engine.answer("finnland biodiversity indicators")
    assert answer.answered and answer.citations[0].id.startswith("case-finland")


def test_filters_restrict_results(engine):
    answer = engine.answer("national reporting", filters=Filters(theme=2))
    assert answer.answered and all(2 in engine.knowledge.get(c.id).themes for c in answer.citations)
    answer = engine.answer("focal points", filters=Filters(convention="cites"))
    assert all("cites" in engine.knowledge.get(c.id).conventions for c in answer.citations)


def test_paging_returns_the_next_citations(engine):
    first = engine.answer("national reporting", limit=2)
    assert first.more
    second = engine.answer("national reporting", limit=2, offset=2)
    assert second.offset == 2 and not set(top_ids(first)) & set(top_ids(second))


def test_background_items_are_marked(engine):
    answer = engine.answer("InforMEA portal")
    assert answer.answered
    assert answer.citations[0].kind == "background" and answer.citations[0].is_background


def test_snippet_highlights_point_at_matched_words(engine):
    answer = engine.answer("Uganda clearing-house mechanism")
    cite = answer.citations[0]
    assert cite.highlights
    marked = [cite.snippet[a:b].lower() for a, b in cite.highlights]
    assert any("uganda" in m or "clearing" in m for m in marked)


def test_query_syntax_is_just_text(engine):
    for q in ['"', "(", ")", "AND", "OR NOT", "*", "?", ":", "-", "title:uganda", 'CBD AND "focal', "a~2",
              "[1 TO 5]", "\\", "{}", "<>", "NBSAP*", "%", "乌干达 AND (信息", "x" * 10_000]:
        engine.answer(q)  # must not raise
    assert engine.answer("\"Uganda\" AND (data bank*)").citations[0].id == "case-uganda-data-bank"


def _plan(engine, text):
    from index import plan_query
    return plan_query(text, engine.store.analyze, engine.store.thesaurus)


def test_numbered_lessons_in_both_numeral_systems(engine):
    assert engine.answer("第七条经验教训是什么？").citations[0].id == "lesson-7"
    assert engine.answer("What is lesson 7?").citations[0].id == "lesson-7"
