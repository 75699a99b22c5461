"""A cited passage of an ingested document gets the same "Full text" button and `show` hint as a
knowledge item, unless it is already the full view; a passage id too long for Telegram's 64-byte
callback data keeps its hint and gets no button."""

from __future__ import annotations

from adapters.telegram.keyboard import answer_keyboard
from bot.answer.full_text import showable
from bot.foundation.answers import Citation
from bot.foundation.messages import Messages


def passage(cid: str, snippet: str, text: str) -> Citation:
    return Citation(cid, "document", "Case study: Uganda", snippet, text, "Notes · p. 2 · in English",
                    None, 1.0, doc=cid.split("#")[0], page=2, lang="en")


def test_a_cited_passage_is_showable_and_its_full_view_is_not():
    short = "Uganda has a data bank."
    assert showable(passage("notes#1", short, short))           # even when the snippet is all of it
    assert showable(passage("notes#1", "Uganda has…", short + " More."))
    context = "Before.\n\n" + short + "\n\nAfter."
    assert not showable(passage("notes#1", context, context))   # show notes#1 itself


def test_telegram_buttons_only_for_ids_that_fit_in_callback_data():
    messages = Messages.load()
    long_id = "a-very-long-document-identifier-from-a-file-name-" + "x" * 30 + "#12"
    markup = answer_keyboard("k", messages, "en", more=False, switch_lang=False, feedback=False,
                             full=[(1, "notes#1"), (2, long_id)], code="en")
    data = [b.callback_data for row in markup.inline_keyboard for b in row]
    assert data == ["f|en|notes#1"]
