"""Issue 20 item 1: a count is answered by the number that counts what was asked ("send four
participants"), not by any number in a sentence that matches more of the question ("eight
countries"). Questions are our own, not the evaluation or calibration strings."""

from __future__ import annotations

from bot.answer.lead import Evidence, compose_lead
from bot.foundation.answers import Citation


def test_the_number_of_what_was_asked_leads():
    text = ("What the Sourcebook says: an example is the regional meeting held in Ghana in 2015 for nine "
            "West African countries on joint reporting. Each country was asked to send three delegates: "
            "one for each convention.")
    at = text.index("regional meeting")
    found = Evidence(Citation("case-x", "case", "Ghana 2015: a regional meeting", "", text, "", None, 1.0),
                     marks=((at, at + len("regional meeting")),))
    lead = compose_lead([found], "en", "how many delegates did each country send to the 2015 regional "
                        "meeting in Ghana?", names=("ghana",))
    assert "three delegates" in lead


def test_the_participants_per_country_lead_on_the_real_engine(engine):
    answer = engine.answer("How many people could each country send to the 2013 workshop in Cameroon?")
    assert answer.answered and "four participants" in answer.lead
