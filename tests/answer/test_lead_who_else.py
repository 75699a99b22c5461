"""Issue 20 item 1: "apart from X, who else …? / 除了X还有谁" is answered by a sentence that names
someone the question does not, not by the one about X again. Questions are our own."""

from __future__ import annotations

from bot.answer.lead import Evidence, compose_lead
from bot.foundation.answers import Citation


def test_who_else_is_answered_by_another_name():
    text = ("What the Sourcebook says: an online reporting portal was built for the ALPHA agreement and "
            "praised by its parties.\nSupporting facts from other public sources: the portal was later "
            "taken up by BETA and GAMMA.")
    found = Evidence(Citation("case-x", "case", "ALPHA: an online reporting portal", "", text, "", None, 1.0))
    lead = compose_lead([found], "en", "apart from ALPHA, who else uses the online reporting portal?")
    assert "BETA and GAMMA" in lead


def test_who_else_uses_the_waterbird_reporting_system_on_the_real_engine(engine):
    answer = engine.answer("Other than AEWA, who else took up the online reporting system?")
    assert answer.answered and "CMS" in answer.lead
