"""Issue 20 item 1: the lead names every thing the question names, the one carried from the last
turn included: a sentence naming one the first does not is added, from the research notes too
(labelled), even past the length limit by half, and however far below the first it scores when the
first names none of them. Questions are our own."""

from __future__ import annotations

from bot.answer.lead import Evidence, compose_lead
from bot.foundation.answers import Citation


def test_a_background_sentence_adds_what_the_question_names():
    text = ("What the Sourcebook says: in Ruritania a permanent commission links science and government, "
            "keeps the national species information system, advises the government and serves as the "
            "national contact of several scientific bodies under the conventions, which its staff attend "
            "every year on behalf of the country and report back on to the ministries concerned.\n"
            "Supporting facts from other public sources: RUBICON is also the CBD focal point of Ruritania.")
    found = Evidence(Citation("case-x", "case", "Ruritania: RUBICON, a permanent commission", "", text, "",
                              None, 1.0))
    lead = compose_lead([found], "en", "which conventions is RUBICON the focal point of in Ruritania?",
                        names=("ruritania",), labels={"background": "Background: "},
                        concepts=[("ruritania",), ("rubicon",)])
    assert "permanent commission" in lead and "Background: RUBICON is also the CBD focal point" in lead


def test_the_carried_commission_is_named_in_the_followup_lead_on_the_real_engine(engine):
    from bot.answer.conversation import MemoryTopics
    from bot.answer.dialogue import Dialogue

    talk = Dialogue(engine, MemoryTopics())
    talk.answer("t", "墨西哥的CONABIO主要干什么？")
    answer = talk.answer("t", "它还担任哪些公约的联络点？")
    assert answer.answered and "CONABIO" in answer.lead


def test_the_carried_allocation_is_named_when_the_first_sentence_names_nothing_asked(engine):
    # the first sentence answers "how" but names nothing the question names ("it" = STAR): the
    # sentence that names STAR follows it, however far below it scores
    from bot.answer.conversation import MemoryTopics
    from bot.answer.dialogue import Dialogue

    talk = Dialogue(engine, MemoryTopics())
    talk.answer("t", "What is STAR?")
    answer = talk.answer("t", "how can focal points of other conventions take part in it?")
    assert answer.answered and "entry points" in answer.lead and "STAR" in answer.lead
