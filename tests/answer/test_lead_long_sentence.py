"""Issue 20 item 1: a sentence too long for the lead loses its opening purpose clause ("To build
understanding of …, NFPs should …") before its end is cut, so the end that names the answer stays."""

from __future__ import annotations

from bot.answer.lead_sentences import MAX_LEAD_CHARS, lead_sentence, lead_sentences


def test_a_long_sentence_keeps_its_main_clause_whole():
    text = ("To make the most of the scarce time that the staff of several small ministries can give to the "
            "work of the conventions, focal points should agree on one shared calendar of reporting deadlines, "
            "meetings and consultations for all the biodiversity-related conventions, kept by the "
            "environment ministry (the joint calendar).")
    assert len(text) > MAX_LEAD_CHARS["en"]
    sentence = lead_sentence(text, (0, len(text)), "en")
    assert sentence.startswith("Focal points should agree") and sentence.endswith("(the joint calendar).")


def test_a_short_sentence_keeps_its_purpose_clause():
    text = "To save time, focal points share one calendar."
    assert lead_sentence(text, (0, len(text)), "en") == text


def test_the_star_allocation_stays_in_lesson_ten(engine):
    text = engine.knowledge.get("lesson-10").text["en"]
    assert any(s.sentence.endswith("(the STAR allocation).") for s in lead_sentences(text, "en", False))
