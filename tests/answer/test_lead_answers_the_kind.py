"""Issue 20 item 1 on the real engine over the real knowledge: the lead has what the question's
kind asks for. A value question leads with the sentence that states the value (background, and
labelled so, when only background states it), "who built / chairs …" with the sentence naming who
did it, "what do we do?" with the option. Questions are our own, not the public evaluation strings."""

from __future__ import annotations

import pytest

from bot.answer.lead import Evidence, compose_lead
from bot.answer.question_form import fit, question_kind
from bot.foundation.answers import Citation


@pytest.mark.parametrize("question", [
    "Our national reports are always late. What do we do?",
    "what to do when every convention asks for its own format?",
    "Nobody shares data between ministries - what can be done?",
])
def test_what_do_we_do_asks_how(question):
    assert question_kind(question) == "how"


def test_a_how_much_question_leads_with_the_amount_and_names_the_case(engine):
    answer = engine.answer("How much did Brazil's central government spend on biodiversity in 2008?")
    assert answer.answered and "868.46" in answer.lead and "Brazil" in answer.lead
    assert "Background" in answer.lead  # the amount is not the Sourcebook's own: labelled


def test_a_chinese_amount_question_leads_with_the_amount(engine):
    answer = engine.answer("巴西2009年中央政府在生物多样性上花了多少钱？")
    assert answer.answered and "881.83" in answer.lead


def test_who_built_it_is_answered_by_the_sentence_naming_who_did(engine):
    answer = engine.answer("Who developed the online reporting system that AEWA uses?")
    assert answer.answered and "UNEP-WCMC" in answer.lead


@pytest.mark.parametrize("sentence", [
    "Despite weak infrastructure and scattered information, both systems have proved very valuable.",
    "尽管面临种种困难，这两个系统已被证明非常有价值。",
])
def test_a_problem_overcome_counts_as_what_was_done(sentence):
    assert fit("how", sentence) > 0
    assert fit("how", "Information is scattered across agencies, and some of them are unwilling to give it.") < 0


def _evidence(text: str, closer: str) -> Evidence:
    """A lesson whose every sentence matches the question's words alike; the chunk holding
    `closer` is the one the dense retrieval finds closest in meaning."""
    at = text.index(closer)
    chunks = ((0, at, 0.80), (at, len(text), 0.86))
    return Evidence(Citation("lesson-x", "lesson", "A lesson", "", text, "", None, 1.0), (), chunks)


TEXT = ("Cooperation between focal points helps every convention. "
        "Cooperation between focal points lasts when it is written into job descriptions and has a permanent budget.")


def test_between_equal_sentences_the_one_closest_in_meaning_leads():
    closer = "Cooperation between focal points lasts"
    lead = compose_lead([_evidence(TEXT, closer)], "en", "how do we make cooperation between focal points stick?",
                        most=1)
    assert lead.startswith(closer)


def test_closeness_in_meaning_never_outweighs_what_the_lead_must_name():
    """The closer sentence does not name the convention the question names: the other leads."""
    text = ("Cooperation between CITES focal points helps every convention. "
            "Cooperation between focal points lasts when it is written into job descriptions.")
    lead = compose_lead([_evidence(text, "Cooperation between focal points lasts")], "en",
                        "how do we make cooperation between CITES focal points stick?", most=1,
                        concepts=[("CITES",)])
    assert lead.startswith("Cooperation between CITES")


def test_a_second_sentence_adds_what_the_first_does_not_name():
    """The question names two things; the lead's second sentence is the one naming the other
    thing, cut at a clause to fit, not one repeating the first thing."""
    text = ("The Sourcebook was developed in close consultation with focal points and secretariats. "
            "The Sourcebook says consultation with focal points matters for reporting. "
            "An online survey of focal points gathered first views on cooperation, "
            "its benefits and obstacles, the influence of international initiatives and best practice; "
            "workshops, desk research, expert interviews and a broad external review followed.")
    evidence = Evidence(Citation("intro-x", "intro", "How it was made", "", text, "", None, 1.0))
    lead = compose_lead([evidence], "en", "how was the Sourcebook made, was there an online survey?",
                        concepts=[("Sourcebook",), ("online survey",)])
    assert "online survey" in lead and "matters for reporting" not in lead and len(lead) <= 330
