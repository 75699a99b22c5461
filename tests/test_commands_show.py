"""Commands every platform shares: show ID (显示), more, numbers, lessons with their sub-points,
and a console subscribe that stores nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from state_support import TEST_HASH_KEY

from bot.answer.engine import Engine
from bot.command_parsing import Context, parse
from bot.commands import Commands
from bot.state import connect_state

TG = Context(platform="telegram", chat_id="42", user_id="42")


@pytest.fixture()
def commands(engine: Engine, tmp_path: Path) -> Iterator[Commands]:
    """SQLite state: these tests are about commands, not the state backends (tested on both)."""
    state = connect_state(tmp_path / "state.sqlite3", key=TEST_HASH_KEY)
    yield Commands(engine, state)
    state.close()


def test_show_gives_the_whole_item_and_all_its_sources(commands: Commands, engine: Engine) -> None:
    answer = commands.handle(TG, "/show case-uganda-data-bank")
    item = engine.knowledge.get("case-uganda-data-bank")
    assert item is not None and answer.answered and len(answer.citations) == 1
    cite = answer.citations[0]
    assert cite.snippet.startswith(item.text["en"]) and cite.snippet == cite.text
    assert all(s.url in cite.source for s in item.sources if s.url)
    chinese = commands.handle(TG, "显示 case-uganda-data-bank")
    assert chinese.lang == "zh" and chinese.citations[0].snippet.startswith(item.text["zh"])


def test_show_lists_the_evidence_quotes_under_sources_in_both_languages(commands: Commands, engine: Engine) -> None:
    item = engine.knowledge.get("intro-purpose")
    assert item is not None and item.evidence
    for text, lang, label in (("/show intro-purpose", "en", "Sources:"), ("显示 intro-purpose", "zh", "出处原文：")):
        cite = commands.handle(TG, text).citations[0]
        assert cite.snippet.startswith(item.text[lang]) and cite.snippet == cite.text
        block = cite.snippet[len(item.text[lang]):]
        label = label.rstrip(":：")
        assert label in block
        for ev in item.evidence:
            assert f"“{ev.readable}” ({ev.file})" in block and ev.readable.replace(" ", "") == ev.quote.replace(" ", "")


def test_show_with_part_of_an_id_lists_the_choices(commands: Commands) -> None:
    answer = commands.handle(TG, "/show uganda")
    assert len(answer.citations) > 1 and all("uganda" in c.id for c in answer.citations)
    assert "show" in answer.lead


@pytest.mark.parametrize(("text", "key_words"), [
    ("/show", "show case-uganda-data-bank"), ("/show no-such-item", "no item"),
    ("/show 3", "use the item's id"), ("/case 1", "use the item's id"), ("7", "use the item's id"),
    ("/more", "right after an answer"),
])
def test_usage_messages_instead_of_searches(commands: Commands, text: str, key_words: str) -> None:
    answer = commands.handle(TG, text)
    assert not answer.answered and key_words in answer.lead and not answer.citations


def test_plain_more_and_show_id_are_commands_where_others_need_a_slash() -> None:
    assert parse("more", slash_required=True).command == "more"
    assert parse("更多", slash_required=True).command == "more"
    assert parse("show case-uganda-data-bank", slash_required=True).command == "show"
    assert parse("show me the cases", slash_required=True).command is None
    assert parse("more about Uganda", slash_required=True).command is None


def test_lessons_show_every_lettered_point(commands: Commands, engine: Engine) -> None:
    answer = commands.handle(TG, "lessons")
    three = next(c for c in answer.citations if c.id == "lesson-3")
    assert "\na) " in three.snippet and "\nb) " in three.snippet
    tips = [t for t in engine.knowledge.tips if "lesson 3b" in t.text["en"]]
    assert tips, "a tip refers to lesson 3b, which the list must show"


def test_console_subscribe_explains_and_stores_nothing(commands: Commands) -> None:
    answer = commands.handle(Context(platform="console"), "subscribe 08:00 zh")
    assert not answer.answered and "Telegram" in answer.lead
    assert commands.subscriptions is not None and commands.subscriptions.all() == []
    assert commands.handle(TG, "subscribe 08:00").answered          # the platforms still can


def test_items_and_passages_offer_show() -> None:
    """`show ID` opens a knowledge item, or a passage of an ingested document ("doc-1#3", with the
    passages around it); an id `show` cannot open gets no hint and no button."""
    from bot.answer.full_text import showable
    from bot.foundation.answers import Citation
    item = Citation("case-x", "case", "T", "opening…", "full text", "S", None, 1.0)
    assert showable(item)
    assert showable(Citation("doc-1#3", "document", "T", "opening…", "full", "S", None, 1.0))
    assert not showable(Citation("doc-1#p3", "document", "T", "opening…", "full", "S", None, 1.0))
    assert not showable(Citation("case-x", "case", "T", "full text", "full text", "S", None, 1.0))
