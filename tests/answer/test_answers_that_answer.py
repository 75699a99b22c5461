"""Issue 20 items 1 and 4 on the real engine over the real knowledge: the lead answers the
question, questions the knowledge cannot answer are declined saying what is missing, and meta
questions get the built-in answer with no knowledge item cited. Questions are our own
(tests/benchmarks/answers_own.yaml kinds), not the public evaluation strings."""

from __future__ import annotations

import re

import pytest

from bot.answer.evaluation import evaluate, format_table, load_questions
from bot.answer.meta import meta_kinds
from bot.answer.question_form import question_kind
from bot.answer.question_slots import asked_slot
from bot.command_parsing import parse


@pytest.mark.parametrize("question", [
    "哪个国家的联络点一起算过履约到底要多少钱？", "which country worked out how much money its focal points need?",
    "has anyone added up how much the government spends on nature?",
])
def test_who_reckoned_an_amount_does_not_ask_for_the_amount(question):
    assert asked_slot(question) is None


def test_reckoning_an_amount_of_the_present_is_still_declined():
    slot = asked_slot("帮我算算今年的配额是多少")
    assert slot is not None and slot.kind == "current"


@pytest.mark.parametrize("question", [
    "hello, what can you help me with?", "你是机器人吗？", "where does your information come from?",
    "thanks, that was really helpful", "你好，你能做什么？", "ok thanks", "Great thank you!", "好的谢谢",
    # which program it is, which languages it answers in, and whether its answers can be trusted
    "are you ChatGPT?", "你是ChatGPT吗？", "what languages do you speak?", "你会说英文吗？",
    "can I trust your answers?", "你的回答靠谱吗？",
])
def test_meta_questions_get_the_built_in_answer_without_citations(engine, question):
    answer = engine.answer(question)
    assert answer.answered and not answer.citations
    assert any(w in answer.lead.lower() for w in ("nfpbot", "program", "程序", "不客气", "welcome"))


@pytest.mark.parametrize("question", [
    "What can focal points do about reporting?", "thanks! and how did Uganda share its data?",
    "你能帮我找找乌干达的数据库案例吗，它是怎么做的？", "ok thanks, who funded the Uganda data bank?",
    "can I trust the Sourcebook's figures on GEF?", "how reliable is the data in Uganda's data bank?",
])
def test_real_questions_addressed_to_the_bot_are_not_meta(question):
    assert meta_kinds(question) == ()


@pytest.mark.parametrize("question, missing", [
    ("Who is the current chair of the CMS Standing Committee?", "current"),
    ("Draft an email to the CBD Secretariat asking for an extension", "task"),
    ("帮我把这封信翻译成法语", "task"),
    ("How much money did Bhutan get from the GEF for its task force?", "amount"),
    ("What does Cameroon's forestry law say about wetlands?", "law"),
    ("How many staff does the AEWA Secretariat employ?", "count"),
    ("明年CITES缔约方大会在哪里开？", "current"),
])
def test_questions_the_knowledge_cannot_answer_are_declined_saying_why(engine, question, missing):
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations
    assert asked_slot(question) is not None and asked_slot(question).kind == missing
    assert answer.suggestions  # related questions may follow, never as the answer


def test_a_decline_about_a_convention_points_to_its_official_site(engine):
    answer = engine.answer("Who is the current Secretary-General of the Ramsar Convention?")
    assert not answer.answered and "https://www.ramsar.org/" in answer.lead


@pytest.mark.parametrize("question, named", [
    ("How many examples does the Sourcebook draw on?", "63"),
    ("When was the Sourcebook launched?", "2015"),
    ("What does Uganda's wildlife act say about park entry fees?", "20"),
])
def test_slot_questions_the_knowledge_answers_are_answered_with_the_value(engine, question, named):
    answer = engine.answer(question)
    assert answer.answered and answer.citations
    assert named in answer.lead


@pytest.mark.parametrize("question, named", [
    ("Which Pacific country has an informal alliance of traditional leaders and business people?",
     ["Palau", "帕劳"]),
    ("哪个国家让各部门和非政府组织一起修订国家生物多样性战略？", ["不丹", "Bhutan"]),
    ("Who bridges academia, government and civil society in Mexico?", ["Mexico", "CONABIO"]),
])
def test_a_who_question_leads_with_the_sentence_that_names_it(engine, question, named):
    answer = engine.answer(question)
    assert answer.answered and any(n in answer.lead for n in named)


def test_a_how_question_leads_with_the_option_not_the_problem(engine):
    answer = engine.answer("Every convention wants its own report format. How can we cope?")
    assert answer.answered
    assert not re.search(r"each convention has its own reporting system", answer.lead)


@pytest.mark.parametrize("question", [
    "How do focal points of different conventions coordinate?", "国家联络点如何协调国家报告？",
    "Which countries use tourism revenue for conservation?", "What is the Sourcebook for?",
])
def test_the_lead_is_short_marked_and_clean(engine, question):
    answer = engine.answer(question)
    lead = answer.lead
    assert answer.answered and re.search(r"\[\d\]", lead)
    text = re.sub(r"\s*\[\d\]", "", lead)
    assert len(text) <= (160 if answer.lang == "zh" else 330)
    assert "What the Sourcebook says" not in lead and "《信息指南》的内容" not in lead
    for sentence in re.split(r"\s*\[\d\]\s*", lead):
        assert not re.match(r"(It|This|One such|These)\b|该|同一资料", sentence.strip())


@pytest.mark.parametrize("text, command", [
    ("thanks a lot", "thanks"), ("非常感谢！", "thanks"), ("hi there", "start"),
    ("who made you?", None), ("thanks, and how did Iraq collect its data?", None),
])
def test_small_talk_commands(text, command):
    assert parse(text).command == command


def test_thanks_in_other_words_gets_the_thank_you_without_citations(engine):
    answer = engine.answer("谢谢，你帮了大忙！")
    assert answer.answered and not answer.citations and "不客气" in answer.lead


def test_eval_scores_the_lead_per_tag(engine, tmp_path):
    """`nfpbot eval`'s lead score: an answered question whose lead names the expected answer."""
    path = tmp_path / "q.yaml"
    path.write_text(
        '- {tag: para-en, q: "Which country keeps a national biodiversity data bank at a university?",'
        ' expect: [[Uganda, 乌干达]]}\n'
        '- {tag: para-en, q: "Which country keeps a national biodiversity data bank at a university?",'
        ' expect: [[Uganda], [no such words in any lead]]}\n'
        '- {tag: meta, q: "who made you?", expect: none}\n'
        '- {tag: near-domain, q: "Who is the current Executive Secretary of CMS?", expect: none}\n', "utf-8")
    table, rows = evaluate(load_questions(path), lambda q: engine.answer(q, limit=3), engine.knowledge)
    assert table["para-en"]["answered"] == 2 and table["para-en"]["lead"] == 0.5
    assert [r["lead_ok"] for r in rows[:2]] == [True, False]
    assert table["meta"]["declined"] == 1.0 and table["near-domain"]["declined"] == 1.0
    assert "lead" in format_table(table).splitlines()[0]


@pytest.mark.parametrize("question, kind", [
    ("When the budget is cut every year, which country found another way to pay for meetings?", "who"),
    ("When was the Sourcebook launched?", "when"),
    ("我听说有个研讨会，好几个国家都派人去了，是在哪个国家开的？", "who"),
    ("书里举了哪几个国家的例子？", "who"),
    ("书里一共有几个案例？", "count"),
])
def test_the_question_kind_is_read_where_the_question_is_asked(question, kind):
    """An English opening clause that sets the scene, and the earlier clauses of a Chinese
    question, do not decide what is asked; 哪几个 asks which, not how many."""
    assert question_kind(question) == kind


def test_a_sentence_that_points_back_follows_its_referent(engine):
    """"This work is carried out by UNESCO…" names who does it, but only after the sentence it
    points back to; never on its own."""
    answer = engine.answer("Who works on bringing local and indigenous knowledge to policy makers?")
    assert answer.answered and "UNESCO" in answer.lead
    first = re.split(r"\s*\[\d\]\s*", answer.lead)[0]
    assert not re.match(r"(It|This|One such|These)\b", first)
    at = first.find("This work")
    assert at != 0 and (at < 0 or first[:at].rstrip().endswith("."))


def test_the_lead_names_the_things_the_question_names(engine):
    answer = engine.answer("爱知目标和国家生物多样性战略有什么关系？")
    assert answer.answered and "爱知" in answer.lead and "国家生物多样性战略" in answer.lead


@pytest.mark.parametrize("question, lang, near", [
    ("What is Mexico's CITES export quota for this year?", "en", "cites"),
    ("墨西哥今年的濒危物种出口配额是多少？", "zh", "cites"),
    ("How much money did Bhutan get from the GEF for its task force?", "en", "bhutan"),
    ("Please draft a letter to the CMS Secretariat about our national report", "en", "cms"),
])
def test_a_decline_offers_the_related_items_the_search_found(engine, question, lang, near):
    """Declined (nothing answers it), with the items near the question offered by title and show
    id after a line saying they do not answer it: in the Answer, so every platform shows them."""
    answer = engine.answer(question)
    assert not answer.answered and not answer.citations and answer.lang == lang
    assert answer.related and any(near in i for i, _ in answer.related)
    header = engine.messages.get("related_items", lang)
    assert answer.suggestions[0] == header
    for (item_id, title), line in zip(answer.related, answer.suggestions[1:], strict=True):
        assert engine.knowledge.get(item_id) is not None and title in line and item_id in line
    assert answer.to_json()["related"] == [{"id": i, "title": t} for i, t in answer.related]


def test_a_decline_with_nothing_near_keeps_the_usual_suggestions(engine):
    answer = engine.answer("what's a good recipe for banana bread?")
    assert not answer.answered and not answer.related
    assert list(answer.suggestions) == engine.messages.get_list("suggestions", "en")
    assert answer.to_json()["related"] == []


def test_what_someone_did_is_answered_with_what_they_did_not_the_problem(engine):
    """"What did X do…?" asks for the action: the lead is the case's action, not the obstacle
    it overcame restated."""
    answer = engine.answer("What did Bhutan do when it revised its NBSAP?")
    assert answer.answered and "task force" in answer.lead
    assert not answer.lead.startswith("In Bhutan, problems")


def test_a_pronoun_is_never_rewritten_to_a_name_it_may_not_stand_for(engine):
    """"It is complemented by a clearing-house mechanism" follows a sentence about Uganda's data
    repository: "It" is the repository, so the lead never reads "Uganda is complemented…"."""
    for question in ("What has Uganda done to share its biodiversity data?",
                     "How does Uganda link the institutions that manage biodiversity?"):
        answer = engine.answer(question)
        assert answer.answered and "Uganda is complemented" not in answer.lead


def test_a_sentence_labelled_as_another_source_is_background_and_unlabelled(engine):
    """"Context from another public source: …" inside a case is background: when it leads, the
    lead says so in the bot's words and never carries the label itself."""
    answer = engine.answer("Which country's only national park gets two million visits a year?")
    assert answer.answered and "Slovenia" in answer.lead
    assert "Context from another public source" not in answer.lead
    assert answer.lead.startswith(engine.messages.get("lead_background", "en"))


def test_the_alternatives_a_which_question_names_are_not_what_the_lead_must_name(engine):
    """"Finland and Mexico …: which of the two …?" names both; the lead names the one that
    answers, so neither counts as something the question asks the lead to name. A question
    about both keeps both."""
    from bot.answer.lead import question_concepts
    which = question_concepts(engine.knowledge, "Finland and Mexico both link science and policy - which of "
                                                "the two has a permanent commission?")
    both = question_concepts(engine.knowledge, "How do Finland and Mexico link science and policy?")
    assert not any("Finland" in g or "Mexico" in g for g in which)
    assert any("Finland" in g for g in both) and any("Mexico" in g for g in both)
