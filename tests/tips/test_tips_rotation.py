"""The tip rotation (every tip once before any repeats, new subscribers start anywhere), the subscribe
command's validation and admin rule, and the `nfpbot tips` CLI, on the real knowledge base."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from adapters.cli.main import cli
from bot.answer.engine import Engine
from bot.command_parsing import Context
from bot.commands import Commands
from bot.foundation.config import Settings
from bot.state import State
from bot.tips.rotation import rotation, start_for, tip_for_day
from bot.tips.subscriptions import Subscriptions, parse_subscribe_args


@pytest.fixture()
def commands(engine: Engine, state: State, settings: Settings) -> Commands:
    return Commands(engine, state, settings.tips)


def test_rotation_is_a_fixed_permutation_of_all_tips(engine: Engine) -> None:
    tips = engine.knowledge.tips
    order = rotation(tips)
    assert sorted(t.id for t in order) == sorted(t.id for t in tips)
    assert [t.id for t in rotation(list(reversed(tips)))] == [t.id for t in order]


@pytest.mark.parametrize("start", [0, 1, 57, 123, 10_000])
def test_every_tip_once_before_any_repeats(engine: Engine, start: int) -> None:
    tips = engine.knowledge.tips
    n = len(tips)
    first = date(2025, 12, 20)  # the cycle crosses a year end
    shown = [tip_for_day(tips, first + timedelta(days=d), start).id for d in range(n)]
    assert len(set(shown)) == n
    assert tip_for_day(tips, first + timedelta(days=n), start).id == shown[0]


def test_new_subscribers_start_at_different_places(engine: Engine) -> None:
    n = len(engine.knowledge.tips)
    starts = {start_for(f"telegram:{-100_000 - k}", n) for k in range(200)}
    assert all(0 <= s < n for s in starts)
    assert len(starts) > n // 2  # spread over the cycle, not all at the beginning
    today = date(2025, 6, 1)
    tips_today = {tip_for_day(engine.knowledge.tips, today, s).id for s in starts}
    assert len(tips_today) == len(starts)


@pytest.mark.parametrize("args, expected", [
    ("", (None, None, None)),
    ("8:30", ("08:30", None, None)),
    ("08：30 中文", ("08:30", "zh", None)),
    ("en asia/shanghai 21:05", ("21:05", "en", "Asia/Shanghai")),
    ("America/New_York", (None, None, "America/New_York")),
])
def test_subscribe_arguments(args: str, expected: tuple) -> None:
    req = parse_subscribe_args(args)
    assert (req.send_time, req.lang, req.timezone) == expected


def test_invalid_subscribe_arguments_get_the_usage(commands: Commands) -> None:
    for args in ("24:00", "9:61", "Mars/Olympus", "localtime", "fr"):
        answer = commands.run(Context("telegram", "-1001", "7"), "subscribe", args)
        assert not answer.answered and "subscribe [HH:MM]" in answer.lead, args
    assert commands.subscriptions.all() == []


def test_subscribe_stores_time_language_and_zone(commands: Commands) -> None:
    ctx = Context("slack", "C01", "U1", lang="en")
    answer = commands.run(ctx, "subscribe", "07:45 zh Asia/Shanghai")
    assert answer.answered and "07:45" in answer.lead and "Asia/Shanghai" in answer.lead
    sub = commands.subscriptions.get("slack", "C01")
    assert (sub.send_time, sub.lang, sub.timezone) == ("07:45", "zh", "Asia/Shanghai")
    commands.run(ctx, "subscribe", "en")  # changing one setting keeps the others and the cycle
    again = commands.subscriptions.get("slack", "C01")
    assert (again.send_time, again.lang, again.cycle_start) == ("07:45", "en", sub.cycle_start)


def test_only_managers_change_a_subscription(commands: Commands, state: State) -> None:
    member = Context("telegram", "-1002", "42", lang="en", can_manage=False)
    admin = Context("telegram", "-1002", "1", lang="en", can_manage=True)
    refused = commands.run(member, "subscribe", "09:00")
    assert not refused.answered and "administrators" in refused.lead
    assert Subscriptions(state).get("telegram", "-1002") is None
    commands.run(admin, "subscribe", "09:00")
    refused = commands.run(member, "unsubscribe")
    assert "administrators" in refused.lead
    assert Subscriptions(state).get("telegram", "-1002") is not None
    assert commands.run(admin, "unsubscribe").answered
    assert Subscriptions(state).get("telegram", "-1002") is None


def test_tip_command_shows_todays_tip_with_its_citation(commands: Commands, engine: Engine) -> None:
    ctx = Context("slack", "C9", "U9", lang="en")
    commands.run(ctx, "subscribe", "zh Asia/Shanghai")
    sub = commands.subscriptions.get("slack", "C9")
    answer = commands.run(ctx, "tip")
    day = ctx.now.astimezone(sub.tz).date()
    tip = tip_for_day(engine.knowledge.tips, day, sub.cycle_start)
    assert tip.text["en"] in answer.lead and day.isoformat() in answer.lead
    assert [c.id for c in answer.citations] == [tip.item]


def test_cli_tips_list_and_preview(settings: Settings, engine: Engine) -> None:
    env = {"NFPBOT_DATA_DIR": str(Path(settings.data_dir))}
    runner = CliRunner()
    listed = runner.invoke(cli, ["tips", "list", "--lang", "zh"], env=env)
    assert listed.exit_code == 0, listed.output
    lines = listed.output.strip().splitlines()
    assert len(lines) == len(engine.knowledge.tips)
    first = rotation(engine.knowledge.tips)[0]
    assert first.id in lines[0] and first.text["zh"] in lines[0]
    shown = runner.invoke(cli, ["tips", "preview", "--date", "2025-03-10", "--lang", "en",
                                "--start", "3"], env=env)
    assert shown.exit_code == 0, shown.output
    tip = tip_for_day(engine.knowledge.tips, date(2025, 3, 10), 3)
    assert "2025-03-10" in shown.output and tip.text["en"][:40] in shown.output
