"""Every platform-neutral command, with and without '/', in English and with Chinese aliases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.command_parsing import Context, parse
from bot.commands import Commands


@pytest.fixture()
def commands(engine, state):
    return Commands(engine, state)


CTX = Context(platform="test", chat_id="c1", user_id="u1",
              now=datetime(2026, 11, 24, 8, 0, tzinfo=UTC))


@pytest.mark.parametrize("text,command,args", [
    ("/help", "help", ""), ("help", "help", ""), ("帮助", "help", ""), ("/ask@nfp_bot 乌干达", "ask", "乌干达"),
    ("theme 2", "theme", "2"), ("主题2", "themes", "2"), ("案例 乌干达", "case", "乌干达"),
    ("/frobnicate now", "unknown", "frobnicate"), ("What is CITES?", None, "What is CITES?"),
    ("主题是什么？", None, "主题是什么？"),
])
def test_parse(text, command, args):
    parsed = parse(text)
    assert (parsed.command, parsed.args) == (command, args)


def test_slash_required_leaves_plain_words_as_questions():
    assert parse("help me with reporting", slash_required=True).command is None
    assert parse("/help", slash_required=True).command == "help"


def test_help_in_both_languages(commands):
    assert "themes" in commands.handle(CTX, "help").lead
    assert "主题" in commands.handle(CTX, "帮助").lead


def test_themes_lists_six_in_order(commands):
    answer = commands.handle(CTX, "/themes")
    assert [c.id for c in answer.citations] == [f"theme-{n}" for n in range(1, 7)]
    assert commands.handle(CTX, "主题").lang == "zh"


def test_theme_shows_theme_and_its_obstacles(commands, engine):
    answer = commands.handle(CTX, "theme 2")
    ids = [c.id for c in answer.citations]
    assert ids[0] == "theme-2"
    assert any(engine.knowledge.get(i).kind == "obstacle" for i in ids)
    bad = commands.handle(CTX, "theme 9")
    assert not bad.answered and "1" in bad.lead and "6" in bad.lead


def test_case_by_country_in_both_languages(commands):
    en = commands.handle(CTX, "case Uganda")
    assert en.answered and all("uganda" in c.id for c in en.citations)
    zh = commands.handle(CTX, "案例 乌干达")
    assert zh.lang == "zh" and {c.id for c in zh.citations} == {c.id for c in en.citations}
    assert commands.handle(CTX, "case case-mexico-conabio").citations[0].id == "case-mexico-conabio"
    assert not commands.handle(CTX, "case Atlantis").answered


def test_cases_with_filters(commands, engine):
    all_cases = commands.handle(CTX, "cases")
    assert len(all_cases.citations) == len(engine.knowledge.of_kind("case"))
    theme6 = commands.handle(CTX, "cases theme 6")
    assert theme6.citations and all(6 in engine.knowledge.get(c.id).themes for c in theme6.citations)
    cites = commands.handle(CTX, "cases convention cites")
    assert all("cites" in engine.knowledge.get(c.id).conventions for c in cites.citations)
    assert not commands.handle(CTX, "cases theme 6 Atlantis").answered


def test_lessons_and_conventions(commands):
    lessons = commands.handle(CTX, "经验")
    assert [c.id for c in lessons.citations] == [f"lesson-{n}" for n in range(1, 11)]
    conventions = commands.handle(CTX, "/conventions")
    assert {c.id for c in conventions.citations} == {
        "conv-cbd", "conv-cites", "conv-cms", "conv-itpgrfa", "conv-ramsar", "conv-whc"}


def test_tip_cites_its_item(commands, engine):
    answer = commands.handle(CTX, "tip")
    assert "2026-11-24" in answer.lead and len(answer.citations) == 1
    tip_texts = {t.text["en"] for t in engine.knowledge.tips}
    assert any(t in answer.lead for t in tip_texts)


def test_subscribe_and_unsubscribe(commands):
    answer = commands.handle(CTX, "subscribe 08:30 zh Asia/Shanghai")
    assert answer.answered and "08:30" in answer.lead and "Asia/Shanghai" in answer.lead
    sub = commands.subscriptions.get("test", "c1")
    assert (sub.send_time, sub.lang, sub.timezone) == ("08:30", "zh", "Asia/Shanghai")
    assert not commands.handle(CTX, "subscribe 25:99").answered
    assert not commands.handle(CTX, "subscribe Mars/Olympus").answered
    assert commands.handle(CTX, "退订").answered
    assert commands.subscriptions.get("test", "c1") is None
    assert "not subscribed" in commands.handle(CTX, "unsubscribe").lead


def test_only_managers_change_subscriptions(commands):
    member = Context(platform="test", chat_id="g1", user_id="u2", can_manage=False)
    answer = commands.handle(member, "subscribe")
    assert not answer.answered and "administrators" in answer.lead
    assert commands.subscriptions.get("test", "g1") is None


def test_lang_preference(commands):
    assert "English" in commands.handle(CTX, "lang en").lead
    assert commands.user_lang("test", "u1") == "en"
    assert commands.handle(CTX, "语言 zh").lang == "zh"
    assert commands.user_lang("test", "u1") == "zh"
    assert not commands.handle(CTX, "lang fr").answered


def test_unknown_command_and_questions(commands):
    unknown = commands.handle(CTX, "/frobnicate")
    assert not unknown.answered and "frobnicate" in unknown.lead
    question = commands.handle(CTX, "What does Uganda's clearing-house mechanism list?")
    assert question.answered and question.citations[0].id == "case-uganda-data-bank"
    asked = commands.handle(CTX, "/ask 不丹的国家工作队")
    assert asked.lang == "zh" and asked.citations[0].id.startswith("case-bhutan")


def test_traditional_commands_answer_in_traditional(commands):
    answer = commands.handle(CTX, "主題")
    assert [c.id for c in answer.citations][:1] == ["theme-1"]
    assert answer.script == "hant" and "主題" in answer.lead
    sub = commands.handle(CTX, "訂閱 07:00 zh")
    assert sub.answered and commands.subscriptions.get("test", "c1").script == "hant"


def test_small_talk_gets_a_welcome_or_a_thank_you(commands):
    assert parse("Hello!").command == "start" and parse("谢谢！").command == "thanks"
    assert parse("hello world bank").command is None
    hello = commands.handle(CTX, "你好")
    assert hello.answered and hello.lang == "zh" and "帮助" in hello.lead
    assert "welcome" in commands.handle(CTX, "thanks").lead.lower()


def test_lang_auto_forgets_the_choice(commands):
    commands.handle(CTX, "lang zh")
    assert commands.user_lang("test", "u1") == "zh"
    reply = commands.handle(CTX, "lang auto")
    assert reply.answered and "language of each question" in reply.lead
    assert commands.user_lang("test", "u1") is None
    assert commands.handle(CTX, "语言 自动").answered and commands.user_lang("test", "u1") is None


def test_theme_lists_each_obstacle_with_its_options(commands, engine):
    reply = commands.handle(CTX, "theme 2")
    obstacles = [c for c in reply.citations if c.kind == "obstacle"]
    assert obstacles and all(c.snippet.startswith("Options") for c in obstacles)
    zh = commands.handle(CTX, "主题 2")
    assert all(c.snippet.startswith("选择") for c in zh.citations if c.kind == "obstacle")


def test_cases_is_a_compact_list_of_every_case(commands, engine):
    reply = commands.handle(CTX, "cases")
    cases = {i.id for i in engine.knowledge.of_kind("case")}
    assert reply.compact and {c.id for c in reply.citations} == cases
