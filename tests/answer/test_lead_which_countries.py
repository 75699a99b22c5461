"""Issue 20 item 1: "which countries …? / 哪些国家…" asks for several: a sentence that names them
answers it, one naming a single country only in part (from the research notes it leads labelled).
Questions are our own, not the evaluation or calibration strings."""

from __future__ import annotations

from bot.answer.lead import Evidence, compose_lead
from bot.foundation.answers import Citation


def test_the_sentence_naming_the_countries_leads():
    text = ("What the Sourcebook says: a joint training course on reporting was held in Kenya in 2014.\n"
            "Supporting facts from other public sources: the course brought together officials from Uganda, "
            "Tanzania, Rwanda and Burundi.")
    found = Evidence(Citation("case-x", "case", "Kenya 2014: a joint training course", "", text, "", None, 1.0))
    names = ("kenya", "uganda", "tanzania", "rwanda", "burundi")
    lead = compose_lead([found], "en", "which countries took part in the joint training course on reporting?",
                        names=names, labels={"background": "Background: "})
    assert "Uganda, Tanzania, Rwanda and Burundi" in lead and "Background: " in lead


def test_the_countries_at_the_workshop_lead_on_the_real_engine(engine):
    answer = engine.answer("Which countries took part in the 2013 Douala workshop on CITES and CMS?")
    assert answer.answered and "Burkina Faso" in answer.lead
