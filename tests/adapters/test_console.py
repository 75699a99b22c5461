"""The console as a new user meets it: session language, more/number/show after lists, one-shot
ask hints, wrapping at the terminal's width (Chinese too), help that says how to quit, --version,
and subscribe that stores nothing where no tip is ever delivered."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from state_support import TEST_HASH_KEY

from adapters.cli.main import cli
from adapters.console import Session, chat, render_answer, respond
from adapters.terminal import display_width, wrap
from bot.answer.engine import Engine
from bot.command_parsing import Context
from bot.commands import Commands
from bot.state import connect_state


@pytest.fixture()
def commands(engine: Engine, tmp_path: Path) -> Iterator[Commands]:
    """SQLite state: these tests are about commands, not the state backends (tested on both)."""
    state = connect_state(tmp_path / "state.sqlite3", key=TEST_HASH_KEY)
    yield Commands(engine, state)
    state.close()


def talk(commands: Commands, *lines: str) -> list[str]:
    """The rendered replies to `lines` in one console session."""
    session = Session()
    return [respond(commands, session, line) for line in lines]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_language_holds_for_the_session(commands: Commands) -> None:
    """`printf 'lang zh\\nthemes\\nhelp\\n' | nfpbot chat` answers the last two in Chinese."""
    lang, themes, help_, lessons, tip = talk(commands, "lang zh", "themes", "help", "lessons", "tip")[:5]
    assert "中文" in lang
    assert "六个主题" in themes and "The Sourcebook is built" not in themes
    assert "直接提出" in help_ and "Ask any question" not in help_
    assert "十条" in lessons and "今日提示" in tip


def test_more_after_a_list_says_there_is_nothing_more(commands: Commands) -> None:
    _, more = talk(commands, "themes", "more")[:2]
    assert "nothing more" in more and "could not find any words" not in more


def test_more_pages_through_a_question(commands: Commands) -> None:
    first, second = talk(commands, "How can focal points cooperate?", "more")[:2]
    assert "[1]" in first
    assert re.search(r"\[[4-9]\]", second) and "[1]" not in second


def test_case_number_after_a_list_shows_that_item(commands: Commands, engine: Engine) -> None:
    listing, case = talk(commands, "cases", "case 2")[:2]
    second = re.search(r"\[2\] [^[]*?· (case-[a-z0-9-]+)", listing)   # a compact list: title · id
    assert second, listing
    item = engine.knowledge.get(second.group(1))
    assert item is not None and f"Full text of {item.id}" in case
    assert _flat(item.text["en"]) in _flat(case)          # the whole text, not an opening


def test_a_bare_number_or_case_1_is_not_a_search(commands: Commands) -> None:
    for reply in talk(commands, "case 1", "2"):   # wrapped to the terminal: compare words
        assert _flat("use the item's id") in _flat(reply) and "[1]" not in reply


def test_show_prints_the_whole_item_with_every_source(commands: Commands, engine: Engine) -> None:
    (reply,) = talk(commands, "show case-uganda-data-bank")[:1]
    item = engine.knowledge.get("case-uganda-data-bank")
    assert item is not None
    assert _flat(item.text["en"]) in _flat(reply) and "…" not in reply
    for source in item.sources:
        assert source.url is None or source.url in reply
    chinese = talk(commands, "显示 case-uganda-data-bank")[0]
    assert _flat(item.text["zh"]) in _flat(chinese)


def test_traditional_show_keeps_traditional_labels(commands: Commands) -> None:
    reply = talk(commands, "顯示 case-uganda-data-bank")[0]
    assert "出處" in reply and "出处" not in reply and "資料" in reply


def test_lessons_show_the_sub_points_of_lesson_3(commands: Commands) -> None:
    lessons = talk(commands, "lessons")[0]
    three = lessons[lessons.index("[3]"): lessons.index("[4]")]
    assert "a) " in three and "b) " in three


def test_piped_chat_holds_the_language_and_stops_at_quit(commands: Commands) -> None:
    out = io.StringIO()
    chat(commands, stdin=io.StringIO("lang zh\nthemes\nhelp\nquit\nlessons\n"), stdout=out)
    text = out.getvalue()
    assert "六个主题" in text and "直接提出" in text and "Ctrl-D" in text
    assert "在国家和区域层面加强合作的十条" not in text   # nothing after quit was answered


def test_console_subscribe_stores_nothing(commands: Commands) -> None:
    reply = talk(commands, "subscribe 08:00")[0]
    assert "Telegram and Slack" in reply
    assert commands.subscriptions is not None and commands.subscriptions.all() == []


def test_one_shot_ask_offers_limit_not_typing_more(data_dir, engine, monkeypatch) -> None:
    monkeypatch.setenv("NFPBOT_DATA_DIR", str(data_dir))
    result = CliRunner().invoke(cli, ["ask", "How can focal points cooperate?", "--limit", "2"])
    assert result.exit_code == 0
    assert "type more" not in result.output and "--limit 7" in result.output


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and re.search(r"nfpbot, version \d+\.\d+", result.output)


def test_80_columns_wrap_english_and_chinese(commands: Commands, engine: Engine) -> None:
    for question in ("How can national reporting be harmonised?", "如何统一国家报告？"):
        answer = commands.ask(Context(platform="console"), question)
        text = render_answer(answer, engine.messages, width=80)
        lines = text.split("\n")
        too_wide = [line for line in lines if display_width(line) > 80 and "http" not in line]
        assert too_wide == []
        assert sum(1 for line in lines if display_width(line) > 60) > 3   # lines are filled


def test_wrap_breaks_chinese_between_characters_not_before_punctuation() -> None:
    lines = wrap("国家联络点之间的协调缺乏人力、时间和资金。" * 3, 20)
    assert all(display_width(line) <= 20 for line in lines) and len(lines) > 3
    assert not any(line.startswith(("，", "。", "、")) for line in lines)
    assert wrap("a) first\nb) second", 40) == ["a) first", "b) second"]       # breaks are kept
    url = "https://example.org/" + "x" * 60
    assert url in wrap(f"see {url} here", 30)                              # URLs are never cut


def test_a_console_session_is_a_conversation(commands: Commands) -> None:
    first, follow, more = talk(commands, "What did Bhutan do when it revised its NBSAP?",
                               "who was on that team?", "more")
    assert "Understood as:" not in first
    understood = follow.splitlines()[0]
    assert understood.startswith("Understood as: ") and "Bhutan" in understood
    assert more.splitlines()[0] == understood          # the next page of the same follow-up
    alone = talk(commands, "who was on that team?")[0]  # a new session: no topic to follow
    assert "Understood as:" not in alone


def test_wrap_keeps_a_blank_line() -> None:
    """A full text whose sources follow a blank line (show ID) wraps instead of failing."""
    assert wrap("Text.\n\nSources:\n· “q” (f)", 40, "  ") == ["  Text.", "  ", "  Sources:", "  · “q” (f)"]
